/** The APIs the mock serves: one bundled OpenAPI document each, from `@hwc-openapi/spec`. */
export type ServiceName = 'autoscaling' | 'servicestage';

/**
 * What answers the requests. `prism`: Prism on the bundled document (static examples, stateless).
 * A stateful lifecycle emulator is planned beside it.
 */
export type EngineName = 'prism';

export interface StartMockOptions {
  /** Which API to serve. */
  service: ServiceName;
  /** Port to listen on; `0` (the default) lets the system pick a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Engine behind the URL. Default `prism`. */
  engine?: EngineName;
  /** Print the engine's request log to stderr. Default `false` (quiet, and faster). */
  verbose?: boolean;
  /**
   * Generate responses from the schemas instead of answering the documented examples. Default `false`.
   * Dynamic answers are still deterministic: they are seeded with `seed`.
   */
  dynamic?: boolean;
  /** Seed for dynamic responses. Default `hwc-mock`. */
  seed?: string;
}

export interface MockServer {
  readonly service: ServiceName;
  readonly engine: EngineName;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`: pass it as the clients' `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server and every process it started. Safe to call more than once. */
  close(): Promise<void>;
}
