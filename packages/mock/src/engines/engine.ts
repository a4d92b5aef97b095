import type { ServiceErrors } from '../service-errors.js';
import type { OpenApiDocument } from '../spec.js';
import type { EngineName, ServiceName } from '../types.js';

/** What the launcher hands an engine: the service, its bundled document, and where to listen. */
export interface EngineContext {
  readonly service: ServiceName;
  /** Absolute path of the bundled JSON document. */
  readonly specPath: string;
  readonly document: OpenApiDocument;
  /** The spec's error rules: the code and body the service answers for an invalid request. */
  readonly errors: ServiceErrors;
  readonly host: string;
  readonly port: number;
  readonly verbose: boolean;
  readonly dynamic: boolean;
  readonly seed: string;
}

export interface RunningEngine {
  /** Base URL the engine answers on. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** One way of answering the API: Prism today, a stateful emulator later. */
export interface MockEngine {
  readonly name: EngineName;
  start(context: EngineContext): Promise<RunningEngine>;
}
