import {
  createQuerySerializer,
  type FetchOptions,
  type FetchResponse,
  type HeadersOptions,
  type Middleware,
  type RequestBodyOption,
} from 'openapi-fetch';
import { type Credentials, createAuthenticator } from './auth.js';
import { type Cloud, resolveEndpoint, type ServiceDescriptor } from './endpoints.js';
import { HwcApiError, HwcNetworkError, HwcTimeoutError, redact } from './errors.js';
import { nodeFetch } from './node-fetch.js';
import { type HeaderRecord, type OutgoingRequest, outgoingOf, trimValue } from './signer.js';

// ---------------------------------------------------------------------------------------------------------
// Types

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type MediaType = `${string}/${string}`;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is the standard optional-key test
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

// Like openapi-typescript, an operation left without path parameters gets `path?: never`.
type PathWithout<P> = keyof P extends never
  ? { path?: never }
  : RequiredKeys<P> extends never
    ? { path?: P & NoProjectId }
    : { path: P & NoProjectId };
/** Also rejects a `project_id` in a variable, where TypeScript makes no excess-property check. */
type NoProjectId = { project_id?: never };
type OmitProjectIdParams<Params> = Params extends { path: infer P extends { project_id: unknown } }
  ? Simplify<Omit<Params, 'path'> & PathWithout<Omit<P, 'project_id'>>>
  : Params;

type OmitProjectIdOperation<Op> = Op extends { parameters: infer Params }
  ? Simplify<Omit<Op, 'parameters'> & { parameters: OmitProjectIdParams<Params> }>
  : Op;

/** `Paths` (openapi-typescript output) with `project_id` removed from every path-parameter object. */
export type WithoutProjectId<Paths> = {
  [P in keyof Paths]: {
    [K in keyof Paths[P]]: K extends HttpMethod
      ? OmitProjectIdOperation<Paths[P][K]>
      : K extends 'parameters'
        ? OmitProjectIdParams<Paths[P][K]>
        : Paths[P][K];
  };
};

/** Paths of `Paths` that have an operation for `M`. */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];

type Operation<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P][M & keyof Paths[P]];

/** Per-call options, on top of openapi-fetch's (`params`, `body`, `headers`, `signal`, `parseAs`...). */
export interface CallOptions {
  /** Per-attempt timeout; overrides the client's `timeoutMs`. `0` disables it. */
  timeoutMs?: number;
  /** `true` retries this call even for POST/PUT (only if it is safe to repeat); `false` never retries it. */
  retry?: boolean;
}

type Init<Op> = FetchOptions<Op> & CallOptions;
type MaybeInit<Op> = RequiredKeys<Init<Op>> extends never ? Init<Op> | undefined : Init<Op>;
type InitArg<I> =
  RequiredKeys<I> extends never
    ? [init?: I & { [key: string]: unknown }]
    : [init: I & { [key: string]: unknown }];

// The branches of openapi-fetch's result are told apart by which key is required, not by `?: never`: without
// exactOptionalPropertyTypes an optional `never` accepts `undefined`, and the branches would blur.
type OkResult<R> = R extends { data: unknown } ? R : never;
type ErrorBody<R> = R extends { error: infer E } ? E : never;
type Result<Op, I> = FetchResponse<Op & Record<string | number, unknown>, I, MediaType>;

/**
 * openapi-fetch's result with `error` replaced by an `HwcApiError` whose `body` has the spec's error type.
 * `error` is set exactly when the response is not 2xx.
 */
export type HwcFetchResponse<Op, I> =
  Result<Op, I> extends infer R
    ? OkResult<R> | { data?: undefined; error: HwcApiError<ErrorBody<R>>; response: Response }
    : never;

/** The success body of an operation (undefined when it has none). */
export type OperationData<Op> =
  OkResult<Result<Op, Record<never, never>>> extends { data: infer D }
    ? [D] extends [never]
      ? undefined
      : D
    : never;

/** Options of one operation-method call. */
export interface OperationOptions extends CallOptions {
  signal?: AbortSignal;
  /** Sent with this call (and signed), on top of the client's `headers`. */
  headers?: HeadersOptions;
}

type Present<T> = [NonNullable<T>] extends [never] ? Record<never, never> : NonNullable<T>;
/** An operation's path and query parameters in one flat object (no `project_id`), its JSON body under `body`. */
export type OperationArgs<Op> = Op extends { parameters: { path?: infer P; query?: infer Q } }
  ? Simplify<Omit<Present<P>, 'project_id'> & NoProjectId & Present<Q> & RequestBodyOption<Op>>
  : Simplify<RequestBodyOption<Op>>;

/** Resolves to the operation's data; rejects with `HwcApiError` (non-2xx), `HwcNetworkError` or `HwcTimeoutError`. */
export type OperationMethod<Op> =
  RequiredKeys<OperationArgs<Op>> extends never
    ? (args?: OperationArgs<Op>, options?: OperationOptions) => Promise<OperationData<Op>>
    : (args: OperationArgs<Op>, options?: OperationOptions) => Promise<OperationData<Op>>;

/** One method per operation, named by its operationId. */
export type OperationMethods<Operations> = { [K in keyof Operations]: OperationMethod<Operations[K]> };

type HwcMethod<Paths, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
  I extends MaybeInit<Operation<Paths, P, M>>,
>(
  url: P,
  ...init: InitArg<I>
) => Promise<HwcFetchResponse<Operation<Paths, P, M>, I>>;

/** A typed client for `Paths`; calls never need `project_id`. */
export interface HwcClient<Paths> {
  GET: HwcMethod<WithoutProjectId<Paths>, 'get'>;
  PUT: HwcMethod<WithoutProjectId<Paths>, 'put'>;
  POST: HwcMethod<WithoutProjectId<Paths>, 'post'>;
  DELETE: HwcMethod<WithoutProjectId<Paths>, 'delete'>;
  PATCH: HwcMethod<WithoutProjectId<Paths>, 'patch'>;
  HEAD: HwcMethod<WithoutProjectId<Paths>, 'head'>;
  OPTIONS: HwcMethod<WithoutProjectId<Paths>, 'options'>;
  /**
   * Adds openapi-fetch middleware (`onRequest`, `onResponse`); it runs before authentication, so it may still
   * change the request. Network failures are not passed to `onError`: they reject with `HwcNetworkError`.
   */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

export interface RetryOptions {
  /** Attempts in total, the first included. Default 3. */
  maxAttempts?: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). Default 200. */
  baseDelayMs?: number;
  /** Cap for the backoff and for `Retry-After`. Default 20000. */
  maxDelayMs?: number;
  /** Methods retried without opt-in. Default GET and DELETE (HEAD and OPTIONS too). */
  methods?: readonly string[];
  /** Retried statuses. Default 429, 502, 503, 504. */
  statuses?: readonly number[];
  /** Waits between attempts (inject a fake in tests). Must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

export interface ClientOptions {
  credentials: Credentials;
  /** Region id, e.g. `cn-north-4`; required unless `baseUrl` is given. */
  region?: string;
  /** Default `huaweicloud`. */
  cloud?: Cloud;
  /** Overrides the endpoint (e.g. a mock server); `region` is then not checked. */
  baseUrl?: string;
  /** Sends through this instead of the default transport (node:http on Node.js, else `globalThis.fetch`). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every call. */
  headers?: HeadersOptions;
  /** Sent as `User-Agent` where the runtime allows it (not signed, since browsers may drop it). */
  userAgent?: string;
  /** Per-attempt timeout in ms. Default 30000; `0` disables it. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** Largest response body read, in bytes; a larger one rejects with `HwcApiError`. Default 64 MiB. */
  maxResponseBytes?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Runtime

type RawResult = { data?: unknown; error?: unknown; response: Response };
type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
type QuerySerializerOption = Parameters<typeof createQuerySerializer>[0] | ((query: object) => string);
type PathParams = Record<string, unknown>;
type RawInit = CallOptions & {
  params?: { path?: PathParams; query?: Record<string, unknown>; header?: HeadersOptions };
  body?: unknown;
  headers?: HeadersOptions;
  signal?: AbortSignal | null;
  parseAs?: ParseAs;
  fetch?: (request: Request) => Promise<Response>;
  querySerializer?: QuerySerializerOption;
  bodySerializer?: (body: unknown) => string | Uint8Array;
  [key: string]: unknown;
};
/** Which operation `name` calls: `[method, path template]`. Generated from the spec by the service packages. */
export type OperationRoutes = Readonly<Record<string, readonly [method: string, path: string]>>;

/** One call as sent: fixed across its attempts. `params` is what middleware is shown. */
interface Prepared {
  method: string;
  schemaPath: string;
  label: string;
  url: string;
  params: RawInit['params'];
}
/** A path template, compiled: its URL builder and its parameter names. */
interface CompiledPath {
  build: (path: PathParams | undefined, label: string) => string;
  names: ReadonlySet<string>;
}
/** fetch's own options: one of them on a path-based call takes the call through fetch itself. */
const FETCH_OPTIONS = [
  'cache',
  'credentials',
  'integrity',
  'keepalive',
  'mode',
  'priority',
  'referrer',
  'referrerPolicy',
  'duplex',
  'dispatcher',
] as const;
/** One attempt's timeout: set when it fires; `cancel` drops the request, or stops its body being read. */
interface AttemptState {
  timedOut?: HwcTimeoutError;
  cancel?: () => void;
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
const PREFIX = '@hwc-openapi/core';
const decoder = new TextDecoder();
const HEADER_NAME = /^[!#$%&'*+.^`|~\w-]+$/;
const PATH_PARAMETER = /\{(\w+)\}/;
/** What node:http and fetch refuse in a header value: controls other than tab, DEL, and characters above U+00FF. */
const HEADER_VALUE_FORBIDDEN = /[^\t\x20-\x7e\x80-\xff]/;
const ignore = () => {};

/** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT|\w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d GMT|\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/**
 * `Retry-After` in ms, as RFC 9110 §10.2.3 defines it: delay-seconds (digits only) or an HTTP-date (IMF-fixdate,
 * or the obsolete RFC 850 and asctime forms, all GMT). Anything else (`1.5`, `-1`, `soon`) gives undefined.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Adds `source` to `target` as openapi-fetch's `mergeHeaders` would: a value replaces, an array (or a repeated
 * pair) appends, `null` removes. Names are lower-cased and values trimmed, as fetch sends them, so the signature
 * covers the bytes on the wire. Bad names or values throw here, naming the header but never its value.
 */
function addHeaders(target: HeaderRecord, source: HeadersOptions | undefined): void {
  if (!source || typeof source !== 'object') return;
  const pairs = Array.isArray(source);
  const entries: Iterable<[string, unknown]> = pairs
    ? (source as [string, unknown][])
    : source instanceof Headers
      ? source.entries()
      : Object.entries(source);
  for (const [rawName, value] of entries) {
    const name = String(rawName).toLowerCase();
    if (!HEADER_NAME.test(name))
      throw new TypeError(`${PREFIX}: ${JSON.stringify(name)} is not a header name`);
    if (value === null) {
      delete target[name];
      continue;
    }
    if (value === undefined) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!pairs && !Array.isArray(value)) delete target[name];
    for (const item of values) {
      const text = trimValue(String(item));
      if (HEADER_VALUE_FORBIDDEN.test(text)) {
        throw new TypeError(
          `${PREFIX}: the value of header ${name} contains a line break or NUL, or another character HTTP refuses`,
        );
      }
      const previous = target[name];
      target[name] = previous === undefined ? text : `${previous}, ${text}`;
    }
  }
}

/** The credential values a request carried, to be kept out of errors. */
function secretsOf(headers: HeaderRecord | undefined, sk: string | undefined): string[] {
  const secrets = sk ? [sk] : [];
  if (!headers) return secrets;
  for (const name of ['authorization', 'x-auth-token', 'x-security-token']) {
    const value = headers[name];
    if (value) secrets.push(value);
  }
  const signature = headers.authorization?.split('Signature=')[1];
  if (signature) secrets.push(signature);
  return secrets;
}

/** A zlib failure (a body declared compressed that is not) rather than a dropped connection. */
function isDecodingError(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (String((e as { code?: unknown }).code).startsWith('Z_')) return true;
  }
  return false;
}

/** An operation method's arguments as openapi-fetch's `params`, for middleware. */
function paramsOf(
  args: Record<string, unknown>,
  pathNames: ReadonlySet<string>,
  query?: Record<string, unknown>,
) {
  const path: PathParams = {};
  for (const name of pathNames) path[name] = args[name];
  return { path, ...(query && { query }) };
}

/**
 * Creates a typed client for one service. `Paths` is the openapi-typescript `paths` type; `Operations` its
 * `operations` type, whose methods `routes` (generated from the spec) makes available by operationId.
 *
 * - `project_id` is filled from `credentials.projectId` and cannot be passed.
 * - The path-based calls (`GET`, `PUT`...) resolve to `{ data }` or, for a non-2xx status, `{ error: HwcApiError }`;
 *   the operation methods resolve to the data and reject with that `HwcApiError`. Failures without a usable
 *   response reject with `HwcNetworkError`, `HwcTimeoutError` or `HwcApiError` (unreadable body); an aborted
 *   `signal` rejects with its reason.
 * - GET/DELETE/HEAD/OPTIONS are retried on network errors, timeouts and 429/502/503/504; POST/PUT/PATCH only with
 *   `{ retry: true }`. Each attempt is signed afresh. Redirects are never followed.
 */
export function createHwcClient<Paths, Operations = Record<never, never>>(
  service: ServiceDescriptor,
  options: ClientOptions,
  routes: OperationRoutes = {},
): HwcClient<Paths> & OperationMethods<Operations> {
  const {
    credentials,
    region,
    cloud,
    userAgent,
    timeoutMs: defaultTimeoutMs = 30_000,
    retry = {},
    maxResponseBytes = 64 * 1024 * 1024,
  } = options;
  if (!options.baseUrl && !region) throw new TypeError(`${PREFIX}: region (or baseUrl) is required`);
  const baseUrl = (
    options.baseUrl || resolveEndpoint(service, { region: region as string, ...(cloud && { cloud }) })
  ).replace(/\/+$/, '');
  const authenticate = createAuthenticator(credentials);
  const { projectId } = credentials;
  const sk = 'sk' in credentials ? credentials.sk : undefined;
  const baseHeaders: HeaderRecord = {};
  addHeaders(baseHeaders, options.headers);
  if (userAgent) addHeaders(baseHeaders, { 'User-Agent': userAgent });
  const defaultQuerySerializer = createQuerySerializer();
  const middlewares: Middleware[] = [];

  const policy = retry === false ? undefined : retry;
  const maxAttempts = Math.max(1, policy?.maxAttempts ?? 3);
  const baseDelayMs = policy?.baseDelayMs ?? 200;
  const maxDelayMs = policy?.maxDelayMs ?? 20_000;
  const retryMethods = new Set(
    (policy?.methods ?? ['GET', 'DELETE', 'HEAD', 'OPTIONS']).map((m) => m.toUpperCase()),
  );
  const retryStatuses = new Set(policy?.statuses ?? [429, 502, 503, 504]);
  const wait = policy?.sleep ?? sleep;
  const random = policy?.random ?? Math.random;
  const backoff = (attempt: number) => random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));

  /**
   * Compiles a path template into a URL builder, `project_id` filled in from the credentials. The specs use simple
   * path parameters only: each value percent-encoded into its segment.
   */
  function compile(template: string): CompiledPath {
    const names = new Set(template.split(PATH_PARAMETER).filter((_, i) => i % 2 === 1));
    // Literals at even indexes, parameter names at odd ones; project_id is filled in when the credentials give it.
    const filled = projectId ? template.replaceAll('{project_id}', encodeURIComponent(projectId)) : template;
    const parts = filled.split(PATH_PARAMETER);
    const head = baseUrl + parts[0];
    const build = (path: PathParams | undefined, label: string) => {
      let url = head;
      for (let i = 1; i < parts.length; i += 2) {
        const name = parts[i] as string;
        if (name === 'project_id') throw new TypeError(`${PREFIX}: ${label} needs credentials.projectId`);
        const value = path?.[name];
        if (value === undefined || value === null || value === '') {
          throw new TypeError(`${PREFIX}: ${label} needs the path parameter ${name}`);
        }
        url += encodeURIComponent(String(value)) + parts[i + 1];
      }
      return url;
    };
    return { build, names };
  }
  const compiled = new Map<string, CompiledPath>();
  /** The compiled path template, compiled on first use (the operations' are compiled with the client). */
  const pathOf = (template: string): CompiledPath => {
    let found = compiled.get(template);
    if (!found) {
      found = compile(template);
      compiled.set(template, found);
    }
    return found;
  };

  /** An HwcApiError for `response`, with its request id, and the credentials `sent` carried redacted. */
  const apiError = (
    response: Response,
    sent: HeaderRecord | undefined,
    init: { body?: unknown; message?: string; cause?: unknown },
  ) =>
    new HwcApiError({
      ...init,
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      secrets: secretsOf(sent, sk),
    });

  /** Reads the whole body, up to `maxResponseBytes`, without trusting Content-Length to be there. */
  async function readBytes(
    response: Response,
    body: ReadableStream<Uint8Array>,
    label: string,
    sent: HeaderRecord | undefined,
    state: AttemptState,
  ): Promise<Uint8Array> {
    const tooLarge = () =>
      apiError(response, sent, {
        message: `${PREFIX}: ${label}: response body exceeds maxResponseBytes (${maxResponseBytes})`,
      });
    const declared = response.headers.get('content-length');
    if (declared !== null && Number(declared) > maxResponseBytes) {
      body.cancel().catch(ignore);
      throw tooLarge();
    }
    const reader = body.getReader();
    // A timeout cancels the read, which closes the connection.
    state.cancel = () => reader.cancel().catch(ignore);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (state.timedOut) throw state.timedOut;
      if (done) break;
      size += value.length;
      if (size > maxResponseBytes) {
        reader.cancel().catch(ignore);
        throw tooLarge();
      }
      chunks.push(value);
    }
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  /** Turns a response into openapi-fetch's `{ data }` / `{ error }` result; throws when the body is unusable. */
  async function readResult(
    response: Response,
    method: string,
    label: string,
    parseAs: ParseAs,
    sent: HeaderRecord | undefined,
    state: AttemptState,
  ): Promise<RawResult> {
    const { status, body: stream } = response;
    if (response.ok && parseAs === 'stream') return { data: stream, response };
    let bytes: Uint8Array | undefined;
    if (stream && status !== 204 && method !== 'HEAD') {
      try {
        bytes = await readBytes(response, stream, label, sent, state);
      } catch (cause) {
        if (cause instanceof HwcApiError || !isDecodingError(cause)) throw cause;
        const message = `${PREFIX}: ${label}: the response body could not be decoded`;
        throw apiError(response, sent, { message, cause });
      }
      if (bytes.length === 0) bytes = undefined;
    } else if (stream && !response.bodyUsed) {
      // Finish even an ignored body: undici holds a connection's state until its stream ends or is collected.
      await response.arrayBuffer();
    }
    if (!response.ok) {
      const text = bytes ? decoder.decode(bytes) : '';
      let body: unknown = text || undefined;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
        const location = response.headers.get('location');
        const message = `${PREFIX}: ${label}: HTTP ${status} redirect${location ? ` to ${location}` : ''} not followed`;
        return { error: apiError(response, sent, { body, message }), response };
      }
      return { error: apiError(response, sent, { body }), response };
    }
    if (!bytes) return { data: undefined, response };
    if (parseAs === 'arrayBuffer') {
      // A chunk may be a view into a larger (pooled) buffer.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      return { data: whole ? bytes.buffer : bytes.slice().buffer, response };
    }
    if (parseAs === 'blob') {
      const type = response.headers.get('content-type') ?? '';
      return { data: new Blob([bytes as BlobPart], { type }), response };
    }
    const text = decoder.decode(bytes);
    if (parseAs === 'text') return { data: text, response };
    try {
      return { data: JSON.parse(text), response };
    } catch (error) {
      // JSON.parse quotes the text it failed on: keep credentials out of the cause too.
      const cause = new SyntaxError(redact((error as Error).message, secretsOf(sent, sk)));
      const message = `${PREFIX}: ${label}: HTTP ${status} with a body that is not JSON`;
      throw apiError(response, sent, { body: text, message, cause });
    }
  }

  /** Sends one call, retrying as the policy allows. `requestInit` holds fetch's own options of a path-based call. */
  async function execute(
    call: Prepared,
    body: unknown,
    init: RawInit,
    requestInit?: RequestInit,
  ): Promise<RawResult> {
    const {
      timeoutMs = defaultTimeoutMs,
      retry: optIn,
      signal,
      fetch: fetchFn = options.fetch,
      headers,
    } = init;
    const { parseAs = 'json', bodySerializer } = init;
    const { method, schemaPath, label, url, params } = call;
    // Serialized once: every attempt sends, and signs, this exact payload (a string goes as UTF-8).
    const payload = body === undefined ? undefined : (bodySerializer ?? JSON.stringify)(body);
    const callHeaders: HeaderRecord =
      payload !== undefined ? { 'content-type': 'application/json', ...baseHeaders } : { ...baseHeaders };
    addHeaders(callHeaders, headers);
    addHeaders(callHeaders, params?.header);
    const attempts = policy && optIn !== false && (optIn || retryMethods.has(method)) ? maxAttempts : 1;
    const timed = timeoutMs > 0 && timeoutMs < Number.POSITIVE_INFINITY;

    /** One attempt: middleware, authentication, fetch and the body. */
    async function send(state: AttemptState, attemptSignal: AbortSignal | undefined): Promise<RawResult> {
      let outgoing: OutgoingRequest = { method, url, headers: { ...callHeaders }, body: payload };
      let request: Request | undefined;
      let response: Response | undefined;
      if (middlewares.length) {
        // Middleware sees a real Request; the common path never builds one (each costs µs in undici).
        request = new Request(url, {
          ...requestInit,
          method,
          headers: outgoing.headers,
          body: (payload ?? null) as BodyInit | null,
          redirect: 'manual',
        });
        const context = {
          schemaPath,
          params,
          id: Math.random().toString(36).slice(2),
          options: { baseUrl, parseAs },
        };
        for (const m of middlewares) {
          const result = (await m.onRequest?.({ ...context, request } as never)) as
            | Request
            | Response
            | undefined;
          if (result instanceof Response) response = result;
          else if (result) request = result;
          if (response) break;
        }
        outgoing = await outgoingOf(request);
      }
      let sent: HeaderRecord | undefined;
      if (!response) {
        const pending = authenticate(outgoing);
        if (pending) await pending;
        sent = outgoing.headers;
        try {
          if (nodeFetch && !fetchFn && !requestInit) {
            const nodeInit = {
              method: outgoing.method,
              headers: sent,
              body: outgoing.body,
              signal: attemptSignal,
            };
            response = await nodeFetch(outgoing.url, nodeInit, (destroy) => {
              state.cancel = destroy; // a timeout before the answer closes the connection
            });
          } else {
            const fetchInit: RequestInit = { ...requestInit, method: outgoing.method, headers: sent };
            fetchInit.redirect = 'manual'; // credentials never follow a redirect to another origin
            if (outgoing.body !== undefined) fetchInit.body = outgoing.body as BodyInit;
            if (attemptSignal) fetchInit.signal = attemptSignal;
            response = await (fetchFn
              ? fetchFn(new Request(outgoing.url, fetchInit))
              : globalThis.fetch(outgoing.url, fetchInit));
          }
        } catch (cause) {
          const { origin, pathname } = new URL(outgoing.url);
          throw new HwcNetworkError(`${PREFIX}: no response for ${outgoing.method} ${origin}${pathname}`, {
            cause,
          });
        }
        if (state.timedOut) {
          // The attempt was given up while fetch waited: free the connection.
          response.body?.cancel().catch(ignore);
          throw state.timedOut;
        }
        for (const m of middlewares) {
          const result = (await m.onResponse?.({ schemaPath, params, request, response } as never)) as
            | Response
            | undefined;
          if (result) response = result;
        }
      }
      try {
        return await readResult(response, outgoing.method, label, parseAs, sent, state);
      } catch (cause) {
        if (cause instanceof HwcApiError || attemptSignal?.aborted) throw cause;
        throw new HwcNetworkError(`${PREFIX}: ${label}: the connection failed while reading the response`, {
          cause,
        });
      }
    }

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      // The request gets a signal only when the caller gives one: following a signal costs undici's fetch time.
      // Without one, a timeout gives the attempt up at once through `state.cancel` (node:http: the request is
      // destroyed; fetch: a body being read is cancelled, a pending answer is dropped when it arrives).
      const controller = signal ? new AbortController() : undefined;
      const onAbort = () => controller?.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const state: AttemptState = {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      let result: RawResult;
      try {
        const pending = send(state, controller?.signal);
        result = timed
          ? await new Promise<RawResult>((resolve, reject) => {
              timer = setTimeout(() => {
                const message = `${PREFIX}: ${label} timed out after ${timeoutMs} ms`;
                state.timedOut = new HwcTimeoutError(message, timeoutMs);
                state.cancel?.();
                controller?.abort(state.timedOut);
                reject(state.timedOut);
              }, timeoutMs);
              pending.then(resolve, reject);
            })
          : await pending;
      } catch (thrown) {
        if (signal?.aborted) throw signal.reason;
        if (!(thrown instanceof HwcNetworkError || thrown instanceof HwcTimeoutError)) throw thrown;
        thrown.attempts = attempt;
        if (attempt >= attempts) throw thrown;
        await wait(backoff(attempt), signal ?? undefined);
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      const { response } = result;
      if (response.ok || attempt >= attempts || !retryStatuses.has(response.status)) return result;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      await wait(
        retryAfter === undefined ? backoff(attempt) : Math.min(retryAfter, maxDelayMs),
        signal ?? undefined,
      );
    }
  }

  /** A path-based call (`client.GET(path, init)`). */
  async function call(method: string, schemaPath: string, init: RawInit = {}): Promise<RawResult> {
    const { params, querySerializer, body } = init;
    const serializeQuery =
      typeof querySerializer === 'function'
        ? querySerializer
        : querySerializer
          ? createQuerySerializer(querySerializer)
          : defaultQuerySerializer;
    const query = params?.query && serializeQuery(params.query).replace(/^\?/, '');
    const label = `${method} ${schemaPath}`;
    const url = pathOf(schemaPath).build(params?.path, label) + (query ? `?${query}` : '');
    // fetch's own options (`cache`, `keepalive`...) take the call through fetch itself.
    let requestInit: Record<string, unknown> | undefined;
    for (const key of FETCH_OPTIONS) {
      if (init[key] === undefined) continue;
      requestInit ??= {};
      requestInit[key] = init[key];
    }
    return execute({ method, schemaPath, label, url, params }, body, init, requestInit as RequestInit);
  }

  const client: Record<string, unknown> = {
    use(...middleware: Middleware[]) {
      middlewares.push(...middleware);
    },
    eject(...middleware: Middleware[]) {
      for (const m of middleware) {
        const i = middlewares.indexOf(m);
        if (i !== -1) middlewares.splice(i, 1);
      }
    },
  };
  for (const method of METHODS) client[method] = (url: string, init?: RawInit) => call(method, url, init);
  for (const [name, [method, template]] of Object.entries(routes)) {
    const label = `${method} ${template}`;
    const { build, names: pathNames } = pathOf(template);
    client[name] = async (args: Record<string, unknown> = {}, callOptions: RawInit = {}) => {
      // Path parameters are read from `args` by name; the rest, but `body`, is the query.
      let query: Record<string, unknown> | undefined;
      for (const key in args) {
        if (key === 'body' || pathNames.has(key)) continue;
        query ??= {};
        query[key] = args[key];
      }
      const search = query && defaultQuerySerializer(query);
      const url = build(args, label) + (search ? `?${search}` : '');
      const params = middlewares.length ? paramsOf(args, pathNames, query) : undefined;
      const { data, error } = await execute(
        { method, schemaPath: template, label, url, params },
        args.body,
        callOptions,
      );
      if (error) throw error;
      return data;
    };
  }
  return client as unknown as HwcClient<Paths> & OperationMethods<Operations>;
}
