// The engine interface of the shared contract (section 3), declared here until `../engine.ts` exports it.

export interface OperationRequest {
  readonly operationId: string;
  readonly method: string; // upper case
  readonly pathTemplate: string;
  readonly pathParams: Readonly<Record<string, string>>; // decoded
  readonly query: Readonly<Record<string, string | string[]>>; // raw strings, already validated
  readonly headers: Readonly<Record<string, string | string[] | undefined>>; // lower-case names
  readonly body: unknown; // parsed JSON, already validated; undefined when none
  readonly requestId: string;
}

export interface EngineAnswer {
  readonly status: number;
  readonly body?: unknown; // JSON value; undefined means no body (204)
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Engine {
  /** Answers an operation of the service's document that the pipeline matched, authenticated and validated. */
  answer(request: OperationRequest): EngineAnswer | Promise<EngineAnswer>;
  /** Control-plane operations of spec/emulator (operationIds of section 1); absent: /_emulator/* is 404. */
  control?(request: OperationRequest): EngineAnswer | Promise<EngineAnswer>;
  close?(): Promise<void>;
}
