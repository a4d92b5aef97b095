// Fault injection against real local servers: redirects, echoed credentials, broken and oversized bodies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/client.js';
import {
  type ClientOptions,
  type Credentials,
  createHwcClient,
  HwcApiError,
  HwcNetworkError,
  HwcTimeoutError,
} from '../src/index.js';
import type { paths } from './as-paths.js';
import { expectClean } from './helpers.js';

const service = { name: 'Test', clouds: {} };
const quotas = '/v1/{project_id}/quotas' as const;
const hook = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}' as const;
const hookInit = {
  params: { path: { scaling_group_id: 'g' } },
  body: {
    lifecycle_hook_name: 'drain',
    lifecycle_hook_type: 'INSTANCE_TERMINATING',
    notification_topic_urn: 'u',
  },
} as const;
const SK = 'skSECRETvalue0123456789abcdefghijklmnopq';
const TOKEN = 'MIIsecretIAMtokenVALUE+/=';
const STS = 'STSsecretSecurityTokenVALUE';

type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;
const servers: Server[] = [];

/** A server on a free loopback port; records every request with its body. */
async function serve(handler: Handler) {
  const seen: {
    method: string | undefined;
    url: string | undefined;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handler(req, res, seen.length - 1);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The client's two ways of sending: node:http on Node (the default), and fetch (as in browsers, or given `fetch`). */
const TRANSPORTS = ['node:http', 'fetch'] as const;
let transport: (typeof TRANSPORTS)[number] = 'node:http';

function client(baseUrl: string, extra: Partial<ClientOptions> = {}, credentials?: Credentials) {
  return createHwcClient<paths>(service, {
    baseUrl,
    ...(transport === 'fetch' && { fetch: (request: Request) => fetch(request) }),
    credentials: credentials ?? { ak: 'AKvisible', sk: SK, projectId: 'p', securityToken: STS },
    retry: { sleep: async () => {} },
    ...extra,
  });
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    (v) => ({ resolved: v }),
    (e: unknown) => e,
  );

describe.each(TRANSPORTS)('over %s', (name) => {
  beforeEach(() => {
    transport = name;
  });

  describe('redirects are never followed', () => {
    it('a 302 or 307 to another port reaches no one: no credential header, no body', async () => {
      const elsewhere = await serve((_, res) => res.end('{}'));
      const origin = await serve((req, res) => {
        res.writeHead(req.method === 'GET' ? 302 : 307, {
          location: `${elsewhere.url}/steal`,
          'x-request-id': 'r-302',
        });
        res.end(JSON.stringify({ message: 'Found' }));
      });
      for (const credentials of [
        { ak: 'AKvisible', sk: SK, projectId: 'p', securityToken: STS },
        { token: TOKEN, projectId: 'p' },
      ]) {
        const as = client(origin.url, {}, credentials);
        const { error } = await as.GET(quotas);
        expect(error).toBeInstanceOf(HwcApiError);
        expect(error).toMatchObject({ status: 302, requestId: 'r-302' });
        expect(error?.message).toContain(`redirect to ${elsewhere.url}/steal not followed`);
        const { error: postError } = await as.POST(hook, { ...hookInit, retry: true });
        expect(postError).toMatchObject({ status: 307 });
      }
      expect(origin.seen).toHaveLength(4);
      expect(origin.seen[0]?.headers['x-security-token']).toBe(STS);
      expect(origin.seen[2]?.headers['x-auth-token']).toBe(TOKEN);
      expect(elsewhere.seen).toEqual([]);
    }, 60_000);

    it('a Location that echoes the token is redacted from the message', async () => {
      const origin = await serve((_, res) => res.writeHead(302, { location: `/login?token=${TOKEN}` }).end());
      const { error } = await client(origin.url, {}, { token: TOKEN, projectId: 'p' }).GET(quotas);
      expect(error?.message).toContain('redirect to /login?token=[REDACTED] not followed');
      expectClean(error, [TOKEN]);
    }, 60_000);
  });

  describe('credentials echoed by a server are redacted', () => {
    const echo =
      (status: number, type: 'json' | 'text' | 'html') => (req: IncomingMessage, res: ServerResponse) => {
        const headers = JSON.stringify(req.headers);
        res.writeHead(status, { 'content-type': type === 'json' ? 'application/json' : `text/${type}` });
        if (type === 'json') {
          res.end(
            JSON.stringify({
              error_code: 'APIGW.0301',
              error_msg: `bad request ${headers}`,
              echo: req.headers,
            }),
          );
        } else res.end(type === 'html' ? `<html><body>${headers}</body></html>` : headers);
      };

    it('from the body, message, toString, JSON and inspect of HwcApiError, under AK/SK and token auth', async () => {
      for (const type of ['json', 'text'] as const) {
        const server = await serve(echo(401, type));
        const signed = await client(server.url).GET(quotas);
        const authorization = server.seen[0]?.headers.authorization as string;
        const signature = authorization.split('Signature=')[1] as string;
        expectClean(signed.error, [SK, STS, authorization, signature]);
        expect(JSON.stringify(signed.error?.body)).toContain('[REDACTED]');
        expect(JSON.stringify(signed.error?.body)).toContain('x-sdk-date'); // the rest is kept

        const token = await client(server.url, {}, { token: TOKEN, projectId: 'p' }).GET(quotas);
        expect(token.error?.status).toBe(401);
        expectClean(token.error, [TOKEN]);
      }
    }, 60_000);

    it('from the error and its cause when a 2xx body is HTML', async () => {
      const server = await serve(echo(200, 'html'));
      const error = await caught(client(server.url).GET(quotas));
      expect(error).toBeInstanceOf(HwcApiError);
      expect((error as HwcApiError).cause).toBeInstanceOf(SyntaxError);
      const authorization = server.seen[0]?.headers.authorization as string;
      expectClean(error, [SK, STS, authorization, authorization.split('Signature=')[1] as string]);
    }, 60_000);
  });

  describe('every failure is typed', () => {
    it('a reset in the middle of a body is a network error, retried on GET and not on POST', async () => {
      const server = await serve((_, res, i) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        if (i === 0 || i === 2) {
          res.write('{"quotas":');
          setTimeout(() => res.socket?.destroy(), 10);
        } else res.end(JSON.stringify({ quotas: { resources: [] } }).padEnd(1000));
      });
      const as = client(server.url);
      expect((await as.GET(quotas)).data).toEqual({ quotas: { resources: [] } });
      expect(server.seen).toHaveLength(2);

      const error = await caught(as.POST(hook, hookInit));
      expect(error).toBeInstanceOf(HwcNetworkError);
      expect(error).toMatchObject({
        attempts: 1,
        message: expect.stringContaining('while reading the response'),
      });
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(server.seen).toHaveLength(3);
    }, 60_000);

    it('a status above 599 is typed: HwcNetworkError over node:http, HwcApiError over fetch', async () => {
      const server = await serve((_, res) => res.writeHead(600).end('{}'));
      const result = caught(client(server.url, { retry: false }).GET(quotas));
      if (transport === 'node:http') expect(await result).toBeInstanceOf(HwcNetworkError);
      else expect(await result).toMatchObject({ resolved: { error: { name: 'HwcApiError', status: 600 } } });
    }, 60_000);

    it('invalid JSON or HTML in a 2xx body rejects with HwcApiError carrying the SyntaxError', async () => {
      for (const body of ['{"quotas":', '<html><body>Gateway login</body></html>']) {
        const server = await serve((_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(body);
        });
        const error = await caught(client(server.url).GET(quotas));
        expect(error).toBeInstanceOf(HwcApiError);
        expect(error).toMatchObject({ status: 200, body, message: expect.stringContaining('not JSON') });
        expect((error as Error).cause).toBeInstanceOf(SyntaxError);
        expect(server.seen).toHaveLength(1); // the answer is what it is: no retry
      }
    }, 60_000);

    it('a body declared gzip that is not rejects with HwcApiError carrying the zlib error, without retry', async () => {
      const server = await serve((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end('{"quotas":{}}');
      });
      const error = await caught(client(server.url).GET(quotas));
      expect(error).toBeInstanceOf(HwcApiError);
      expect(error).toMatchObject({ status: 200, message: expect.stringContaining('could not be decoded') });
      expect(inspect((error as Error).cause)).toContain('Z_DATA_ERROR');
      expect(server.seen).toHaveLength(1);
    }, 60_000);

    it('a body over maxResponseBytes is refused from its Content-Length, before it is read', async () => {
      let written = 0;
      const server = await serve((_, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(600 * 1024 * 1024),
        });
        const chunk = Buffer.alloc(1024 * 1024, 32);
        const pump = () => {
          while (!res.destroyed && written < 600 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
      });
      const error = await caught(client(server.url).GET(quotas));
      expect(error).toBeInstanceOf(HwcApiError);
      expect(error).toMatchObject({
        status: 200,
        message: expect.stringContaining('exceeds maxResponseBytes (67108864)'),
      });
      expect(server.seen).toHaveLength(1);
      expect(written).toBeLessThan(64 * 1024 * 1024);
    }, 60_000);

    it('an endless chunked body stops at the cap, default or configured, without buffering much more', async () => {
      let written = 0;
      const server = await serve((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 32);
        const pump = () => {
          while (!res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        res.write('[');
        pump();
      });
      const small = await caught(client(server.url, { maxResponseBytes: 1024 * 1024 }).GET(quotas));
      expect(small).toMatchObject({ name: 'HwcApiError', message: expect.stringContaining('(1048576)') });
      expect(written).toBeLessThan(16 * 1024 * 1024);

      written = 0;
      const big = await caught(client(server.url).GET(quotas, { retry: false }));
      expect(big).toMatchObject({ name: 'HwcApiError', message: expect.stringContaining('(67108864)') });
      expect(written).toBeLessThan(96 * 1024 * 1024);
    }, 60_000);

    it('a body that trickles past timeoutMs rejects with HwcTimeoutError and closes the connection', async () => {
      let closed: Promise<unknown> = Promise.resolve();
      const server = await serve((_, res) => {
        closed = new Promise((resolve) => res.on('close', resolve));
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
      });
      const error = await caught(client(server.url, { timeoutMs: 200, retry: false }).GET(quotas));
      expect(error).toBeInstanceOf(HwcTimeoutError);
      await closed; // the server's side of the connection closes: the test times out otherwise
    }, 10_000);

    // Over node:http a timeout destroys the request with or without a signal (the next test); over fetch, only the
    // signal can.
    it.runIf(name === 'fetch')(
      'with a signal, a timeout aborts the request itself: the connection closes before any answer',
      async () => {
        let closed: Promise<unknown> = Promise.resolve();
        const server = await serve((req) => {
          closed = new Promise((resolve) => req.socket.on('close', resolve)); // never answered
        });
        const error = await caught(
          client(server.url, { timeoutMs: 100, retry: false }).GET(quotas, {
            signal: new AbortController().signal,
          }),
        );
        expect(error).toMatchObject({ name: 'HwcTimeoutError', timeoutMs: 100, attempts: 1 });
        await closed;
      },
      10_000,
    );

    it('a timeout before the answer rejects on time and closes the connection (fetch: once the answer starts)', async () => {
      let closed: Promise<unknown> = Promise.resolve();
      const server = await serve((_, res) => {
        closed = new Promise((resolve) => res.on('close', resolve));
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
        }, 2_000);
      });
      // The answer starts long after the timeout, so a generous bound still tells the two apart on a loaded machine.
      const started = Date.now();
      const error = await caught(client(server.url, { timeoutMs: 100, retry: false }).GET(quotas));
      expect(error).toMatchObject({ name: 'HwcTimeoutError', timeoutMs: 100, attempts: 1 });
      expect(Date.now() - started).toBeLessThan(1_500);
      await closed;
      // node:http closes the connection with the timeout; fetch, given no signal, once the answer starts.
      if (transport === 'node:http') expect(Date.now() - started).toBeLessThan(1_500);
    }, 20_000);
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds and the three HTTP-date forms, and nothing else', () => {
    const now = Date.UTC(1994, 10, 6, 8, 49, 30);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(7000);
    for (const invalid of ['1.5', '-1', '+5', '1e3', 'soon', '2024-01-01', 'Sun, 06 Nov 1994', '', null]) {
      expect(parseRetryAfter(invalid, now), String(invalid)).toBeUndefined();
    }
  }, 60_000);

  it('falls back to the backoff for an invalid value', async () => {
    const server = await serve((_, res, i) => {
      res.writeHead(i < 2 ? 503 : 200, {
        'content-type': 'application/json',
        'retry-after': i === 0 ? '1.5' : '-1',
      });
      res.end('{}');
    });
    const delays: number[] = [];
    const as = client(server.url, {
      retry: { random: () => 0.5, sleep: async (ms) => void delays.push(ms) },
    });
    expect((await as.GET(quotas)).data).toEqual({});
    expect(delays).toEqual([100, 200]);
  }, 60_000);
});

describe('bad input', () => {
  /** A client whose fetch only records: for input that must be refused before any request. */
  function offline() {
    const sent: Request[] = [];
    const as = client('https://as.example', {
      fetch: async (request) => {
        sent.push(request);
        return new Response(null, { status: 204 });
      },
    });
    return { as, sent };
  }

  it('a missing or empty path parameter rejects with a TypeError naming it, before any request', async () => {
    const { as, sent } = offline();
    const call = as.GET as unknown as (url: string, init: object) => Promise<unknown>;
    const url = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list';
    for (const path of [{}, { scaling_group_id: '' }]) {
      await expect(call(url, { params: { path } })).rejects.toThrow(
        `GET ${url} needs the path parameter scaling_group_id`,
      );
    }
    expect(sent).toEqual([]);
  }, 60_000);

  it('a header name or value fetch would refuse rejects with a TypeError naming the header, not its value', async () => {
    const { as, sent } = offline();
    const injected = await caught(as.GET(quotas, { headers: { 'X-Trace': `a\r\nX-Evil: ${SK}` } }));
    expect(injected).toMatchObject({
      name: 'TypeError',
      message: expect.stringContaining('the value of header x-trace contains a line break or NUL'),
    });
    expectClean(injected, [SK]);
    // What node:http and fetch refuse beyond line breaks: a control character, or one above U+00FF.
    for (const value of ['ctl\u0001x', 'euro €']) {
      await expect(as.GET(quotas, { headers: { 'X-Trace': value } })).rejects.toThrow(
        'the value of header x-trace contains a line break or NUL, or another character HTTP refuses',
      );
    }
    await expect(as.GET(quotas, { headers: { 'Bad Name': 'v' } })).rejects.toThrow(
      '"bad name" is not a header name',
    );
    expect(sent).toEqual([]);
    // A tab and Latin-1 characters are allowed, and go out as given.
    await as.GET(quotas, { headers: { 'X-Trace': 'tab\tand latin-1 é' } });
    expect(sent.map((request) => request.headers.get('x-trace'))).toEqual(['tab\tand latin-1 é']);
  }, 60_000);
});
