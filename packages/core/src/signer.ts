import { hex, hmacOf, nativeHashing, sha256Of } from './sha256.js';

/** Permanent or temporary AK/SK credentials. */
export interface AkSkCredentials {
  ak: string;
  sk: string;
  /** Fills `{project_id}` and is sent as `X-Project-Id`. */
  projectId?: string;
  /** Security token of temporary AK/SK credentials, sent (and signed) as `X-Security-Token`. */
  securityToken?: string;
  token?: never;
}

/** Signs a request in place, or returns a copy when its body had to be read or its method normalised. */
export type Signer = (request: Request) => Promise<Request>;

/** Header values by lower-case name, combined (`a, b`) and trimmed as fetch sends them. */
export type HeaderRecord = Record<string, string>;

/** A request about to be sent, with its body exactly as it goes on the wire (a string as UTF-8). */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: HeaderRecord;
  body: string | Uint8Array | undefined;
}

/** Authenticates an outgoing request in place (headers, and the method in its normalised form). */
export type Authenticate = (request: OutgoingRequest) => void | Promise<void>;

const ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Without native hashing, bodies above this size are hashed by Web Crypto, off the main thread. */
const SUBTLE_DIGEST_MIN = 64 * 1024;
/** Not signed: `host` is taken from the URL; browsers may drop `user-agent`, which would break the signature. */
const UNSIGNED = new Set(['authorization', 'host', 'user-agent']);
const UNRESERVED = /^[\w.~-]*$/;
const PLAIN_PATH = /^[\w.~/-]*$/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const encoder = new TextEncoder();

/** Percent-encodes everything but `A-Z a-z 0-9 - _ . ~` (UTF-8, upper-case hex), as the official signers do. */
export function encode(value: string): string {
  return UNRESERVED.test(value)
    ? value
    : encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Canonical URI: the decoded path, split on `/`, each segment encoded, with a trailing `/`.
 * Decoding first matches the Go SDK, which signs the decoded `URL.Path`.
 */
export function canonicalUri(pathname: string): string {
  if (PLAIN_PATH.test(pathname)) return pathname.endsWith('/') ? pathname : `${pathname}/`;
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed escape is signed as sent.
  }
  const uri = path.split('/').map(encode).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Canonical query: names sorted, each name's values sorted, every pair encoded; `?a` signs as `a=`. */
export function canonicalQuery(search: string): string {
  if (search.length < 2) return '';
  const groups = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(search)) {
    const values = groups.get(name);
    if (values) values.push(value);
    else groups.set(name, [value]);
  }
  const pairs: string[] = [];
  for (const name of [...groups.keys()].sort()) {
    const key = encode(name);
    for (const value of (groups.get(name) as string[]).sort()) pairs.push(`${key}=${encode(value)}`);
  }
  return pairs.join('&');
}

/** `X-Sdk-Date` format: basic ISO-8601 UTC, e.g. `20240101T120000Z`. */
export function sdkDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** Throws unless `value` is a non-empty string of visible ASCII; the message names the field, never the value. */
export function assertHeaderSafe(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !VISIBLE_ASCII.test(value)) {
    throw new TypeError(`@hwc-openapi/core: ${field} must be a non-empty string of visible ASCII characters`);
  }
}

/**
 * Creates an SDK-HMAC-SHA256 signer. It sets `X-Sdk-Date` (kept if present and not empty), `X-Project-Id`,
 * `X-Security-Token` and `Authorization`, and signs `host` plus every header the request carries.
 */
export function createSigner(credentials: AkSkCredentials): Signer {
  return requestAuthenticator(createSigningAuthenticator(credentials));
}

/** A `Request` as an `OutgoingRequest`: its headers as a record, its body read (once) into bytes. */
export async function outgoingOf(request: Request): Promise<OutgoingRequest> {
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()),
  };
}

/** Adapts an `Authenticate` to `Request`s: reads the body once, and copies the request only when it must. */
export function requestAuthenticator(authenticate: Authenticate): Signer {
  return async (request) => {
    const outgoing = await outgoingOf(request);
    const { headers, body } = outgoing;
    const before = { ...headers };
    await authenticate(outgoing);
    if (body === undefined && outgoing.method === request.method) {
      // Only what authentication added or changed: each Headers call costs undici time.
      for (const name in headers) {
        if (headers[name] !== before[name]) request.headers.set(name, headers[name] as string);
      }
      return request;
    }
    // A body can be read only once, and a Request's method cannot change: send a copy with the same bytes.
    return new Request(request, {
      method: outgoing.method,
      headers,
      ...(body && { body: body as BodyInit }),
    });
  };
}

/** Header values as the server reads them: surrounding HTTP whitespace dropped (a combined `a, ` is `a,`). */
export const trimValue = (value: string) => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

/** The signer on `OutgoingRequest`s; synchronous unless the body is large enough for Web Crypto. */
export function createSigningAuthenticator(credentials: AkSkCredentials): Authenticate {
  const { ak, sk, projectId, securityToken } = credentials;
  assertHeaderSafe(ak, 'credentials.ak');
  if (typeof sk !== 'string' || sk === '')
    throw new TypeError('@hwc-openapi/core: credentials.sk is required');
  if (securityToken !== undefined) assertHeaderSafe(securityToken, 'credentials.securityToken');
  if (projectId !== undefined) assertHeaderSafe(projectId, 'credentials.projectId');
  const hmac = hmacOf(encoder.encode(sk));

  return (request) => {
    const { headers, body } = request;
    // Sign and send the same method: fetch upper-cases only the six standard methods, not e.g. `patch`.
    request.method = request.method.toUpperCase();
    if (!headers['x-sdk-date']) headers['x-sdk-date'] = currentSdkDate(); // an empty date is replaced
    if (projectId && headers['x-project-id'] === undefined) headers['x-project-id'] = projectId;
    if (securityToken) headers['x-security-token'] = securityToken;
    const url = new URL(request.url);
    const signed: [string, string][] = [['host', url.host]];
    for (const name in headers) if (!UNSIGNED.has(name)) signed.push([name, headers[name] as string]);
    const date = headers['x-sdk-date'] as string;
    const payloadHash = headers['x-sdk-content-sha256'];
    const finish = (hash: string) => {
      headers.authorization = authorization(ak, hmac, request.method, url, signed, hash, date);
    };
    if (payloadHash !== undefined || !body?.length) return finish(payloadHash ?? EMPTY_BODY_SHA256);
    if (nativeHashing || body.length < SUBTLE_DIGEST_MIN) return finish(sha256Of(body));
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    return crypto.subtle
      .digest('SHA-256', bytes as BufferSource)
      .then((digest) => finish(hex(new Uint8Array(digest))));
  };
}

let cachedSecond = Number.NaN;
let cachedDate = '';
/** `sdkDate(Date.now())`, formatted once per second. */
function currentSdkDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = sdkDate(second * 1000);
  }
  return cachedDate;
}

function authorization(
  ak: string,
  hmac: (message: string) => string,
  method: string,
  url: URL,
  signed: [string, string][],
  payloadHash: string,
  date: string,
): string {
  signed.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  let canonicalHeaders = '';
  let names = '';
  for (const [name, value] of signed) {
    canonicalHeaders += `${name}:${value}\n`;
    names += names ? `;${name}` : name;
  }
  const canonicalRequest = `${method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.search)}\n${canonicalHeaders}\n${names}\n${payloadHash}`;
  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Of(canonicalRequest)}`;
  return `${ALGORITHM} Access=${ak}, SignedHeaders=${names}, Signature=${hmac(stringToSign)}`;
}

/** Input of `computeAuthorization`: exactly the headers to sign (`x-sdk-date` included) and the body sent. */
export interface SigningInput {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
}

/**
 * The bare algorithm: the `Authorization` value for `input`, signing exactly `input.headers` (no `host` is
 * added). For checking test vectors or signing outside fetch; clients use `createSigner`.
 */
export function computeAuthorization(
  credentials: Pick<AkSkCredentials, 'ak' | 'sk'>,
  input: SigningInput,
): string {
  // The same normalisation as createSigner applies to what it sends.
  const signed: [string, string][] = Object.entries(input.headers).map(([name, value]) => [
    name.toLowerCase(),
    trimValue(value),
  ]);
  const date = signed.find(([name]) => name === 'x-sdk-date')?.[1];
  if (!date) throw new TypeError('@hwc-openapi/core: input.headers must include X-Sdk-Date');
  const body = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
  const payloadHash = body?.length ? sha256Of(body) : EMPTY_BODY_SHA256;
  const hmac = hmacOf(encoder.encode(credentials.sk));
  return authorization(credentials.ak, hmac, input.method, new URL(input.url), signed, payloadHash, date);
}
