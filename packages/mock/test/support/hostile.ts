/**
 * Hostile requests for the fuzz suite: raw HTTP/1.1 bytes, generated deterministically from a seed, built on
 * the service's real paths so that they reach every stage of the pipeline (gateway, router, auth, validation).
 */
import type { RawRequest } from './raw-http.js';

export interface Target {
  /** A concrete path of each operation (`GET /autoscaling-api/v1/p/...`), by operation. */
  readonly operations: readonly {
    readonly method: string;
    readonly path: string;
    readonly takesBody: boolean;
  }[];
}

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MiB = 1024 * 1024;
const TOKEN = 'x-auth-token: fuzz\r\n';

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function request(method: string, target: string, headers: string, body?: string | Buffer): RawRequest {
  const length = body === undefined ? '' : `content-length: ${Buffer.byteLength(body)}\r\n`;
  const head = `${method} ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${headers}${length}\r\n`;
  return { chunks: body === undefined ? [head] : [head, body], head: method === 'HEAD' };
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"lifecycle_hook_name": "h",}',
  "{'single': 'quotes'}",
  '[1, 2',
  'NaN',
  '{"a": 1} trailing',
  '\u0000\u0001\u0002',
  '{"action": "sc\\qale"}',
  '{"a": "\\ud800"}',
  'null',
  '""',
  '123',
  'true',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
];

const CONTENT_TYPES = [
  'a/b/c',
  'text/plain',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset',
  'application/json;;;',
  'multipart/form-data; boundary=',
  '',
  ';',
  '/',
  'application/',
  'application/json\u00ff',
  'application/x-www-form-urlencoded',
];

const BAD_ESCAPES = [
  '%FF',
  '%',
  '%zz',
  '%C0%AF',
  '%00',
  '%0D%0A',
  '%E2%82',
  '..%2F..%2F',
  '%25',
  '%u0041',
  '%F0%9F%92%A9',
];

const METHODS = [
  'PATCH',
  'TRACE',
  'HEAD',
  'PROPFIND',
  'LOCK',
  'FOO',
  'get',
  'G E T',
  'DELETE',
  'PUT',
  'POST',
  'SEARCH',
];

const PREFERS = [
  'code=abc',
  'code=999',
  'code=',
  'example=nope',
  'dynamic=maybe',
  ';;==',
  'code=200, code=400',
  'code="400"',
  'seed',
];

const ACCEPTS = [
  'application/xml',
  'text/html',
  'application/json;q=0',
  'image/*',
  '*/*;q=0',
  ',,,',
  'application/problem+json',
];

/** One hostile request of a kind chosen by `rand`. */
export function hostileRequest(target: Target, rand: () => number): RawRequest {
  const op = pick(rand, target.operations);
  const bodyOp = target.operations.find((o) => o.takesBody) ?? op;
  const kind = Math.floor(rand() * 16);
  switch (kind) {
    case 0: // malformed JSON
      return request(
        bodyOp.method,
        bodyOp.path,
        `${TOKEN}content-type: application/json\r\n`,
        pick(rand, MALFORMED_JSON),
      );
    case 1: // wrong or absent content types
      return request(
        bodyOp.method,
        bodyOp.path,
        `${TOKEN}${rand() < 0.2 ? '' : `content-type: ${pick(rand, CONTENT_TYPES)}\r\n`}`,
        '{"a":1}',
      );
    case 2: {
      // huge (1-4 MiB) or deeply nested bodies
      const body =
        rand() < 0.5
          ? JSON.stringify({
              lifecycle_hook_name: 'x'.repeat(Math.floor((1 + rand() * 3) * MiB)),
              action: 'scale',
            })
          : `${'['.repeat(20_000 + Math.floor(rand() * 80_000))}${']'.repeat(20_000)}`;
      return request(bodyOp.method, bodyOp.path, `${TOKEN}content-type: application/json\r\n`, body);
    }
    case 3: {
      // control characters and bad escapes in paths and queries
      const bad = pick(rand, BAD_ESCAPES);
      const at = op.path.lastIndexOf('/');
      const path =
        rand() < 0.5 ? `${op.path.slice(0, at + 1)}${bad}` : `${op.path}?limit=${bad}&instance_id=${bad}`;
      return request(op.method, rand() < 0.15 ? `${path}\u0001` : path, TOKEN);
    }
    case 4: // long URLs
      return request(op.method, `${op.path}?q=${'a'.repeat(Math.floor(rand() * 100_000))}`, TOKEN);
    case 5: // long headers
      return request(op.method, op.path, `${TOKEN}x-long: ${'b'.repeat(Math.floor(rand() * 100_000))}\r\n`);
    case 6: // duplicate query parameters
      return request(
        op.method,
        `${op.path}?limit=1&limit=2&offset=0&offset=-1&instance_id=a&instance_id=b&desc=true&desc=false`,
        TOKEN,
      );
    case 7: // wrong and unknown methods
      return request(pick(rand, METHODS), op.path, TOKEN, rand() < 0.5 ? '{}' : undefined);
    case 8: {
      // a client that disconnects mid-body
      const head = `${bodyOp.method} ${bodyOp.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${TOKEN}content-type: application/json\r\ncontent-length: 100000\r\n\r\n`;
      return { chunks: [head, '{"lifecycle_hook_name": "h'], hangUp: true };
    }
    case 9: // bad request targets
      return request(
        'GET',
        pick(rand, ['http://[/x', '*', 'http://', 'mailto:x', '//', '?', 'http://h:99999/x', 'ftp://h/x']),
        TOKEN,
      );
    case 10: // OPTIONS, with and without the look of a CORS preflight
      return request(
        'OPTIONS',
        op.path,
        rand() < 0.5 ? 'origin: http://evil.example\r\naccess-control-request-method: PATCH\r\n' : '',
      );
    case 11: // bad Prefer
      return request(
        op.method,
        op.path,
        `${TOKEN}prefer: ${pick(rand, PREFERS)}\r\n`,
        op.takesBody ? '{}' : undefined,
      );
    case 12: // unacceptable Accept
      return request(op.method, op.path, `${TOKEN}accept: ${pick(rand, ACCEPTS)}\r\n`);
    case 13: // bad credentials
      return request(
        op.method,
        op.path,
        pick(rand, [
          'authorization: garbage\r\n',
          'authorization: SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=00\r\n',
          `authorization: SDK-HMAC-SHA256 Access=a, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}\r\nx-sdk-date: 19700101T000000Z\r\n`,
          'x-auth-token: \r\n',
          '',
        ]),
      );
    case 14: // broken framing: node:http refuses these before a request exists
      return {
        chunks: [
          pick(rand, [
            `POST ${bodyOp.path} HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n`,
            `POST ${bodyOp.path} HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n`,
            `POST ${bodyOp.path} HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n`,
            `POST ${bodyOp.path} HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`,
            `GET ${op.path} HTTP/9.9\r\n\r\n`,
            'NOT HTTP AT ALL\r\n\r\n',
            `GET ${op.path} HTTP/1.1\r\nbad header line\r\n\r\n`,
            `${String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(rand() * 256)))}\r\n\r\n`,
          ]),
        ],
      };
    default: // valid-looking requests with random JSON values
      return request(
        op.method,
        op.path,
        `${TOKEN}content-type: application/json\r\n`,
        op.takesBody
          ? JSON.stringify({
              action: pick(rand, ['scale', 'x', 1, null]),
              parameters: { replica: rand() * 1e9 },
            })
          : undefined,
      );
  }
}

/** A body above the gateway's 12 MiB limit, declared up front or streamed in chunks without a length. */
export function oversizedRequest(target: Target, chunked: boolean): RawRequest {
  const op =
    target.operations.find((o) => o.takesBody) ?? (target.operations[0] as Target['operations'][number]);
  const block = Buffer.alloc(MiB, 0x61);
  const blocks = 13;
  if (!chunked) {
    const head = `${op.method} ${op.path} HTTP/1.1\r\nhost: x\r\n${TOKEN}content-type: application/json\r\ncontent-length: ${blocks * MiB}\r\n\r\n`;
    return { chunks: [head, ...Array.from({ length: blocks }, () => block)] };
  }
  const head = `${op.method} ${op.path} HTTP/1.1\r\nhost: x\r\n${TOKEN}content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
  const chunk = Buffer.concat([Buffer.from(`${MiB.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  return { chunks: [head, ...Array.from({ length: blocks }, () => chunk), '0\r\n\r\n'] };
}
