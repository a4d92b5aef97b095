import type { Client } from 'openapi-fetch';
import type { paths as ControlPaths, components } from './generated/emulator.js';

/** A permanent AK/SK pair the mock accepts signatures of. */
export interface AkSk {
  readonly ak: string;
  readonly sk: string;
}

/** The APIs the mock serves: one bundled OpenAPI document each, from `@hwc-openapi/spec`. */
export type ServiceName = 'autoscaling' | 'servicestage';

/**
 * What answers the requests. `emulator`: state per project, lifecycle hooks that hold instances, jobs that
 * progress, a clock you drive (the default). `prism`: Prism on the bundled document, stateless, every documented
 * status and example reachable with `Prefer`.
 */
export type EngineName = 'emulator' | 'prism';

/** The typed client of the control plane (`/_emulator/*`), generated from `@hwc-openapi/spec/emulator.json`. */
export type ControlClient = Client<ControlPaths>;

export interface StartMockOptions {
  /** Which API to serve. */
  service: ServiceName;
  /** Port to listen on; `0` (the default) lets the system pick a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Engine behind the URL. Default `emulator`. */
  engine?: EngineName;
  /**
   * AK/SK pairs whose signatures the mock verifies (with `@hwc-openapi/core`'s signer). Without them, any
   * well-formed signature with a current `X-Sdk-Date`, or any non-empty `X-Auth-Token`, is accepted.
   */
  credentials?: readonly AkSk[];
  /**
   * Emulator: the state to start from. Default: the example world, in which every documented example request
   * succeeds (`exampleWorld(service)`, under the examples' project ID). `'empty'`: no state. A path: a JSON file of
   * `GET /_emulator/state`. An object: such a state, checked like an import. `POST /_emulator/reset` gives an empty
   * emulator in each case.
   */
  state?: 'empty' | string | components['schemas']['EmulatorState'];
  /** Emulator: settings over the defaults (job progression, replacement of abandoned instances, EXTEND limit). */
  settings?: components['schemas']['EmulatorSettingsUpdate'];
  /** Prism: generate responses from the schemas instead of answering the documented examples. Default `false`. */
  dynamic?: boolean;
  /** Prism: seed of the generated responses. Default `hwc-mock`. */
  seed?: string;
  /** Called with one line per answered request (`GET /path 200 <request id>`), e.g. to print a log. */
  log?: (line: string) => void;
}

export interface MockServer {
  readonly service: ServiceName;
  readonly engine: EngineName;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`: pass it as the clients' `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** A typed client of this mock's control plane (clock, seeding, faults, journal, state). */
  readonly control: ControlClient;
  /** Stops the server. Safe to call more than once. */
  close(): Promise<void>;
}
