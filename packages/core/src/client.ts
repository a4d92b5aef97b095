import createClient, {
  type FetchOptions,
  type FetchResponse,
  type HeadersOptions,
  type Middleware,
  mergeHeaders,
} from 'openapi-fetch';
import { type Credentials, createAuthMiddleware } from './auth.js';
import { type Cloud, resolveEndpoint, type ServiceDescriptor } from './endpoints.js';
import { HwcApiError, HwcNetworkError, HwcTimeoutError } from './errors.js';

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
    ? { path?: P }
    : { path: P };
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

type OkResult<R> = R extends { error?: never } ? R : never;
type ErrorBody<R> = R extends { error?: never } ? never : R extends { error: infer E } ? E : never;

/**
 * openapi-fetch's result with `error` replaced by an `HwcApiError` whose `body` has the spec's error type.
 * `error` is set exactly when the response is not 2xx.
 */
export type HwcFetchResponse<Op, I> =
  FetchResponse<Op & Record<string | number, unknown>, I, MediaType> extends infer R
    ? OkResult<R> | { data?: never; error: HwcApiError<ErrorBody<R>>; response: Response }
    : never;

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
  /** Adds openapi-fetch middleware; it runs before authentication, so it may still change the request. */
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
  /** Replaces `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every call. */
  headers?: HeadersOptions;
  /** Sent as `User-Agent` where the runtime allows it (not signed, since browsers may drop it). */
  userAgent?: string;
  /** Per-attempt timeout in ms. Default 30000; `0` disables it. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
}

// ---------------------------------------------------------------------------------------------------------
// Runtime

type RawResult = { data?: unknown; error?: unknown; response: Response };
type RawClient = {
  request(method: string, url: string, init: Record<string, unknown>): Promise<RawResult>;
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
};
type RawInit = CallOptions & {
  params?: { path?: Record<string, unknown> } & Record<string, unknown>;
  signal?: AbortSignal | null;
  fetch?: (request: Request) => Promise<Response>;
  [key: string]: unknown;
};

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
const PREFIX = '@hwc-openapi/core';

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

/** `Retry-After` in ms (delta-seconds or HTTP date), or undefined if absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Transport = (request: Request, signal?: AbortSignal) => Promise<Response>;

/**
 * Sends `request` with the attempt's `signal`; failures before a response become `HwcNetworkError`s (aborts
 * are told apart by the caller). The signal goes to fetch only, not to the Request openapi-fetch builds:
 * each Request linked to a signal costs a few µs in undici.
 */
function transport(fetchFn: ((request: Request) => Promise<Response>) | undefined): Transport {
  return async (request, signal) => {
    try {
      if (fetchFn) return await fetchFn(signal ? new Request(request, { signal }) : request);
      return await globalThis.fetch(request, signal && { signal });
    } catch (cause) {
      const url = new URL(request.url);
      throw new HwcNetworkError(`${PREFIX}: no response for ${request.method} ${url.origin}${url.pathname}`, {
        cause,
      });
    }
  };
}

/**
 * Creates a typed client for one service. `Paths` is the openapi-typescript `paths` type.
 *
 * - `project_id` is filled from `credentials.projectId` and cannot be passed.
 * - Non-2xx answers come back as `{ error: HwcApiError, response }`; failures without a response throw
 *   `HwcNetworkError` or `HwcTimeoutError`, and an aborted `signal` rejects with its reason.
 * - GET/DELETE/HEAD/OPTIONS are retried on network errors, timeouts and 429/502/503/504; POST/PUT/PATCH only with
 *   `{ retry: true }`. Each attempt is signed afresh.
 */
export function createHwcClient<Paths>(service: ServiceDescriptor, options: ClientOptions): HwcClient<Paths> {
  const { credentials, region, cloud, userAgent, timeoutMs: defaultTimeoutMs = 30_000, retry = {} } = options;
  let baseUrl = options.baseUrl;
  if (!baseUrl) {
    if (!region) throw new TypeError(`${PREFIX}: region (or baseUrl) is required`);
    baseUrl = resolveEndpoint(service, { region, ...(cloud && { cloud }) });
  }
  const auth = createAuthMiddleware(credentials);
  const projectId = credentials.projectId;
  const send = transport(options.fetch);
  const raw = createClient({
    baseUrl,
    ...((options.headers || userAgent) && {
      headers: mergeHeaders(options.headers, userAgent ? { 'User-Agent': userAgent } : undefined),
    }),
  }) as unknown as RawClient;
  raw.use(auth);

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

  async function call(method: string, url: string, init: RawInit = {}): Promise<RawResult> {
    const { timeoutMs = defaultTimeoutMs, retry: optIn, signal, fetch: callFetch, ...rest } = init;
    if (url.includes('{project_id}')) {
      if (!projectId) throw new TypeError(`${PREFIX}: ${method} ${url} needs credentials.projectId`);
      rest.params = { ...rest.params, path: { ...rest.params?.path, project_id: projectId } };
    }
    const sendCall = callFetch ? transport(callFetch) : send;
    const attempts = policy && optIn !== false && (optIn || retryMethods.has(method)) ? maxAttempts : 1;
    const timed = timeoutMs > 0 && timeoutMs < Number.POSITIVE_INFINITY;

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      // One controller per attempt: it follows the caller's signal and fires on timeout.
      const controller = timed || signal ? new AbortController() : undefined;
      const onAbort = () => controller?.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = timed
        ? setTimeout(() => {
            const message = `${PREFIX}: ${method} ${url} timed out after ${timeoutMs} ms`;
            controller?.abort(new HwcTimeoutError(message, timeoutMs));
          }, timeoutMs)
        : undefined;
      let result: RawResult;
      try {
        rest.fetch = (request: Request) => sendCall(request, controller?.signal);
        result = await raw.request(method, url, rest);
      } catch (thrown) {
        if (signal?.aborted) throw signal.reason;
        const reason: unknown = controller?.signal.reason;
        const failure = reason instanceof HwcTimeoutError ? reason : thrown;
        if (!(failure instanceof HwcNetworkError || failure instanceof HwcTimeoutError)) throw failure;
        failure.attempts = attempt;
        if (attempt >= attempts) throw failure;
        await wait(backoff(attempt), signal ?? undefined);
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }

      const { response } = result;
      if (response.ok) return result;
      if (attempt < attempts && retryStatuses.has(response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        await wait(
          retryAfter === undefined ? backoff(attempt) : Math.min(retryAfter, maxDelayMs),
          signal ?? undefined,
        );
        continue;
      }
      return { error: HwcApiError.fromResponse(response, result.error), response };
    }
  }

  const client: Record<string, unknown> = {
    use(...middleware: Middleware[]) {
      // Keep authentication last: a request must not change after it is signed.
      raw.eject(auth);
      raw.use(...middleware, auth);
    },
    eject(...middleware: Middleware[]) {
      raw.eject(...middleware.filter((m) => m !== auth));
    },
  };
  for (const method of METHODS) client[method] = (url: string, init?: RawInit) => call(method, url, init);
  return client as unknown as HwcClient<Paths>;
}
