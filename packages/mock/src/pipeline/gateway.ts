/**
 * The gateway's part of the pipeline: what it checks before a request reaches an operation (the request
 * target, the body limit, media types), and the API gateway's own error bodies.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** AK/SK-signed bodies are limited to 12 MB by the gateway; the mock applies it to every request. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** The gateway's codes and messages (the spec's common examples where it has one). */
export const GATEWAY = {
  /** Unknown API, method or control operation. */
  unknownApi: {
    code: 'APIGW.0101',
    message: 'The API does not exist or has not been published in the environment.',
  },
  /** A request the gateway cannot take: bad target or header, body too large, unacceptable Accept. */
  requestError: { code: 'APIGW.0201', message: 'API request error.' },
  /** No or wrong credentials. */
  authFailed: { code: 'APIGW.0301', message: 'Incorrect IAM authentication information.' },
  /** An AK/SK signature whose X-Sdk-Date is missing, malformed, or more than 15 minutes from the clock. */
  signatureExpired: {
    code: 'APIGW.0303',
    message: 'Incorrect app authentication information: signature expired.',
  },
} as const;

export type GatewayError = (typeof GATEWAY)[keyof typeof GATEWAY];

/** The flat body the API gateway answers with, for the request it refused. */
export function gatewayBody(error: GatewayError, requestId: string, message: string = error.message) {
  return { error_code: error.code, error_msg: message, request_id: requestId };
}

const ID_PREFIX = randomBytes(8).toString('hex');
let idCounter = 0;

/** A unique 32-hex-digit request id, like the gateway's: a random prefix per process and a counter. */
export function nextRequestId(): string {
  idCounter = (idCounter + 1) % 0x1_0000_0000_0000;
  return ID_PREFIX + idCounter.toString(16).padStart(16, '0');
}

/** Origin-form request target split into the raw (still %-encoded) path and query; undefined when unusable. */
export function splitTarget(target: string): { path: string; search: string } | undefined {
  if (target.charCodeAt(0) !== 47 /* / */) {
    // Absolute form (`GET http://host/path`), as proxies send it; anything else (`*`, `http://[/x`) is refused.
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { path: url.pathname, search: url.search.slice(1) };
  }
  const question = target.indexOf('?');
  return question === -1
    ? { path: target, search: '' }
    : { path: target.slice(0, question), search: target.slice(question + 1) };
}

const EMPTY: Readonly<Record<string, string | string[]>> = Object.freeze({});

/** Query parameters, raw strings; a name given more than once gets an array. */
export function parseQuery(search: string): Readonly<Record<string, string | string[]>> {
  if (search === '') return EMPTY;
  const query: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    if (seen === undefined) query[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[name] = [seen, value];
  }
  return query;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^[ \\t]*(${TOKEN})/(${TOKEN})[ \\t]*(;.*)?$`);
const PARAMETER = new RegExp(`^[ \\t]*(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")[ \\t]*$`);

export interface MediaType {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** Parses a Content-Type value (RFC 9110 media type); undefined when it does not parse. */
export function parseMediaType(value: string): MediaType | undefined {
  const match = MEDIA_TYPE.exec(value);
  if (!match) return undefined;
  const parameters: Record<string, string> = {};
  const rest = match[3];
  if (rest !== undefined) {
    for (const part of rest.slice(1).split(';')) {
      if (part.trim() === '') continue;
      const parameter = PARAMETER.exec(part);
      if (!parameter) return undefined;
      const raw = parameter[2] as string;
      parameters[(parameter[1] as string).toLowerCase()] = raw.startsWith('"')
        ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
        : raw;
    }
  }
  return {
    type: (match[1] as string).toLowerCase(),
    subtype: (match[2] as string).toLowerCase(),
    parameters,
  };
}

/** `application/json` or `application/*+json`, in UTF-8. */
export function isJsonMediaType(media: MediaType): boolean {
  if (media.type !== 'application') return false;
  if (media.subtype !== 'json' && !media.subtype.endsWith('+json')) return false;
  const charset = media.parameters.charset;
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}

/** Whether an Accept header admits `application/json` (absent or empty: anything goes). */
export function acceptsJson(accept: string): boolean {
  // What clients send nearly always, without parsing.
  if (accept === 'application/json' || accept === '*/*') return true;
  if (accept.trim() === '') return true;
  for (const range of accept.split(',')) {
    const [media = '', ...parameters] = range.split(';');
    const type = media.trim().toLowerCase();
    if (type !== '*/*' && type !== 'application/*' && type !== 'application/json') continue;
    const q = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

export type BodyResult =
  | { readonly kind: 'ok'; readonly bytes: Buffer | undefined }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/**
 * Reads the request body up to `MAX_BODY_BYTES`. A request that declares no body (no Content-Length, no
 * Transfer-Encoding) is not waited for. Past the limit, the rest is drained (discarded) so that the client can
 * read the answer instead of a reset connection.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> | BodyResult {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) return OK_EMPTY;
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
    drain(req);
    return TOO_LARGE;
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        cleanup();
        drain(req);
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(
        size === 0
          ? OK_EMPTY
          : { kind: 'ok', bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) },
      );
    };
    const onAbort = () => {
      cleanup();
      resolve(ABORTED);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('close', onAbort);
  });
}

const OK_EMPTY: BodyResult = { kind: 'ok', bytes: undefined };
const TOO_LARGE: BodyResult = { kind: 'too-large' };
const ABORTED: BodyResult = { kind: 'aborted' };

/** How much of an oversized body is discarded before the connection is closed anyway. */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024;

function drain(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
