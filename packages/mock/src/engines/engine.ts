/**
 * The seam between the mock's HTTP pipeline (`src/pipeline/`) and what answers an operation. The pipeline
 * parses, routes, authenticates, injects faults and validates; an engine only answers a request that is
 * already matched to an operation of the service's document and valid against it.
 */

/** A request the pipeline matched to an operation, authenticated and validated. */
export interface OperationRequest {
  readonly operationId: string;
  /** Upper case. */
  readonly method: string;
  /** The document's path template, e.g. `/v2/{project_id}/cas/jobs/{job_id}`. */
  readonly pathTemplate: string;
  /** Decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Raw strings, already validated. */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON, already validated; undefined when none. */
  readonly body: unknown;
  readonly requestId: string;
}

export interface EngineAnswer {
  readonly status: number;
  /** JSON value; undefined means no body (204). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Engine {
  /** Answers an operation of the service's document that the pipeline matched, authenticated and validated. */
  answer(request: OperationRequest): EngineAnswer | Promise<EngineAnswer>;
  /** Control-plane operations of spec/emulator (operationIds of section 1); absent: /_emulator/* is 404. */
  control?(request: OperationRequest): EngineAnswer | Promise<EngineAnswer>;
  close?(): Promise<void>;
}
