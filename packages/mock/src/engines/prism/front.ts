import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { RequestViolation, ServiceErrorAnswer, ServiceErrors } from '../../service-errors.js';

/** Prism's header listing the violations of an answered request (JSON array). */
const VIOLATIONS_HEADER = 'sl-violations';
/** Sent to Prism when the caller sent no credentials: the mock does not check authentication. */
const MOCK_TOKEN = 'hwc-mock';
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
/** AK/SK-signed bodies are limited to 12 MB by the gateway. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface FrontOptions {
  readonly upstream: string;
  readonly errors: ServiceErrors;
}

function sendError(res: ServerResponse, answer: ServiceErrorAnswer, extra: OutgoingHttpHeaders = {}): void {
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...extra,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function forwardHeaders(headers: IncomingHttpHeaders, bodyLength: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'host' && name !== 'content-length') {
      out[name] = value;
    }
  }
  if (bodyLength > 0 || headers['content-length'] !== undefined) out['content-length'] = bodyLength;
  if (out.authorization === undefined && out['x-auth-token'] === undefined) out['x-auth-token'] = MOCK_TOKEN;
  return out;
}

function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

function parseViolations(header: string | string[] | undefined): RequestViolation[] {
  if (typeof header !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as RequestViolation[]) : [];
  } catch {
    return [];
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * A small HTTP front for Prism: forwards every request (headers included, so `Prefer` works), and replaces
 * Prism's answer to an invalid request with the service's own error body and code.
 *
 * - No credentials: a placeholder token is added, because the mock does not check authentication and Prism
 *   would answer 401 for a request without any.
 * - A method and path that match no operation get the API gateway's 404 (`APIGW.0101`), not Prism's problem
 *   JSON; OPTIONS still reaches Prism, which answers CORS preflights.
 * - A body that is not JSON is answered here with the validation code: Prism 5.14 exits on such a body.
 * - A 400/422 answer carrying request violations (`sl-violations`) is rewritten: status 400, the body the
 *   spec's `x-hwc-*` rules give. The `sl-violations` header is kept, to show what Prism objected to.
 */
export function createFront({ upstream, errors }: FrontOptions): Server {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const pathname = new URL(rawUrl, 'http://mock.invalid').pathname;
    if (method !== 'OPTIONS' && !errors.match(method, pathname)) {
      req.resume();
      sendError(res, errors.unknownApi());
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      sendError(res, errors.validationError(), { connection: 'close' });
      return;
    }

    let parsed: unknown;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        sendError(res, errors.validationError());
        return;
      }
    }

    const upstreamReq = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method,
        path: rawUrl,
        headers: forwardHeaders(req.headers, body.length),
        agent,
        maxHeaderSize: 1024 * 1024,
      },
      (upstreamRes) => {
        const status = upstreamRes.statusCode ?? 502;
        const violations = parseViolations(upstreamRes.headers[VIOLATIONS_HEADER]);
        const invalidRequest =
          (status === 400 || status === 422) &&
          violations.some((v) => v.location?.[0] === 'request' && (v.severity ?? 'Error') === 'Error');
        if (!invalidRequest) {
          res.writeHead(status, responseHeaders(upstreamRes.headers));
          upstreamRes.pipe(res);
          return;
        }
        upstreamRes.resume();
        const answer = errors.fromViolations(method, pathname, violations, parsed);
        const headers = responseHeaders(upstreamRes.headers);
        delete headers['content-length'];
        delete headers['content-type'];
        sendError(res, answer, headers);
      },
    );
    upstreamReq.once('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      const payload = JSON.stringify({ title: 'hwc-mock: the engine did not answer', detail: error.message });
      res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end(payload);
    });
    upstreamReq.end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 5_000;
  server.once('close', () => agent.destroy());
  return server;
}
