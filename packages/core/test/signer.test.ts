import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest.js';
import { describe, expect, it } from 'vitest';
import { autoScalingService, computeAuthorization, createHwcClient, createSigner } from '../src/index.js';
import { canonicalQuery, canonicalUri, sdkDate } from '../src/signer.js';
import { fakeFetch, prng } from './helpers.js';

const service = { name: 'Test', clouds: {} };

describe('official test vectors (api-surface.md §5.3)', () => {
  const go = { ak: 'AccessKey', sk: 'SecretKey' };

  it('Go SDK case 1: GET /path?limit=1', () => {
    const authorization = computeAuthorization(go, {
      method: 'GET',
      url: 'https://example.huaweicloud.com/path?limit=1',
      headers: { 'X-Sdk-Date': '20060102T150405Z' },
    });
    expect(authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  it('Go SDK case 2: POST /path?key=value with a JSON body ending in a newline', () => {
    const input = {
      method: 'POST',
      url: 'https://example.huaweicloud.com/path?key=value',
      headers: { 'X-Sdk-Date': '20060102T150405Z' },
      body: '{"Name":"test","Id":1}\n',
    };
    expect(computeAuthorization(go, input)).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
    );
    // The hash covers the exact bytes: without the newline the signature changes.
    expect(computeAuthorization(go, { ...input, body: '{"Name":"test","Id":1}' })).not.toContain('cecc2af1');
  });

  it('worked callback example, through the client (all sent headers signed)', async () => {
    const { fetch, requests } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = createHwcClient<Record<string, never>>(autoScalingService, {
      region: 'cn-north-4',
      credentials: {
        ak: 'HPUAEXAMPLEAK000000',
        sk: 'exampleSecretKey0000000000000000000000000',
        projectId: '0123456789abcdef0123456789abcdef',
      },
      headers: { 'X-Sdk-Date': '20240101T120000Z' },
      fetch,
    });
    const put = client.PUT as unknown as (url: string, init: object) => Promise<{ response: Response }>;
    const { response } = await put(
      '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback',
      {
        params: { path: { scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a' } },
        body: {
          lifecycle_action_result: 'ABANDON',
          lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
        },
      },
    );
    expect(response.status).toBe(204);
    const request = requests[0] as Request;
    expect(request.url).toBe(
      'https://as.cn-north-4.myhuaweicloud.com/autoscaling-api/v1/0123456789abcdef0123456789abcdef/scaling_instance_hook/e5d27f5c-dd76-4a61-b4bc-a67c5686719a/callback',
    );
    expect(request.headers.get('x-project-id')).toBe('0123456789abcdef0123456789abcdef');
    expect(await request.text()).toBe(
      '{"lifecycle_action_result":"ABANDON","lifecycle_action_key":"23880867-6288-4470-98a8-f8bda096b6c4"}',
    );
    expect(request.headers.get('authorization')).toBe(
      'SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=175abe17b48ef857a99cd10c22cece17e6f48b14bea9c28a8862dd0e94e104e6',
    );
  });
});

describe('canonical parts', () => {
  it('encodes each decoded path segment and appends a trailing slash', () => {
    expect(canonicalUri('/v1/x')).toBe('/v1/x/');
    expect(canonicalUri('/v1/x/')).toBe('/v1/x/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri("/a%20b/%C3%A9/!*'()/~_.-")).toBe('/a%20b/%C3%A9/%21%2A%27%28%29/~_.-/');
    // An encoded slash is a separator once decoded (Go SDK signs URL.Path; the Node SDK sends it raw).
    expect(canonicalUri('/a%2Fb')).toBe('/a/b/');
    expect(canonicalUri('/bad%zz')).toBe('/bad%25zz/');
  });

  it('sorts names, then repeated values, keeps empty values and decodes + as space', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?b=2&a=z&a=&a=y&c')).toBe('a=&a=y&a=z&b=2&c=');
    expect(canonicalQuery('?q=a+b%2Bc&%C3%A9=%E2%82%AC')).toBe('q=a%20b%2Bc&%C3%A9=%E2%82%AC');
  });

  it('formats X-Sdk-Date in basic ISO-8601', () => {
    expect(sdkDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('20240102T030405Z');
  });

  it('keeps X-Sdk-Date if set, adds it otherwise, and never signs user-agent', async () => {
    const sign = createSigner({ ak: 'AK', sk: 'SK' });
    const pinned = await sign(
      new Request('https://h.example/p', { headers: { 'X-Sdk-Date': '20200101T000000Z' } }),
    );
    expect(pinned.headers.get('x-sdk-date')).toBe('20200101T000000Z');
    const fresh = await sign(new Request('https://h.example/p', { headers: { 'User-Agent': 'me' } }));
    expect(fresh.headers.get('x-sdk-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(fresh.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date,');
  });

  it('orders header names by code unit in both the canonical block and SignedHeaders', async () => {
    // The official Node SDK sorts the canonical block with localeCompare but SignedHeaders by code unit, which
    // disagree for names with "_"; the gateway rebuilds the block in SignedHeaders order, as Go does.
    const sign = createSigner({ ak: 'AK', sk: 'SK' });
    const headers = { 'X-Sdk-Date': '20200101T000000Z', x_1: 'a', x1: 'b', 'x-a': 'c' };
    const signed = await sign(new Request('https://h.example/p', { headers }));
    const expected = computeAuthorization(
      { ak: 'AK', sk: 'SK' },
      { method: 'GET', url: 'https://h.example/p', headers: { ...headers, host: 'h.example' } },
    );
    expect(signed.headers.get('authorization')).toBe(expected);
    expect(expected).toContain('SignedHeaders=host;x-a;x-sdk-date;x1;x_1,');
  });

  it('uses X-Sdk-Content-Sha256 instead of hashing the body when present', async () => {
    const sign = createSigner({ ak: 'AK', sk: 'SK' });
    const headers = { 'X-Sdk-Date': '20200101T000000Z', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' };
    const a = await sign(new Request('https://h.example/p', { method: 'POST', body: 'one', headers }));
    const b = await sign(new Request('https://h.example/p', { method: 'POST', body: 'two', headers }));
    expect(a.headers.get('authorization')).toBe(b.headers.get('authorization'));
    expect(await b.text()).toBe('two');
  });
});

// ------------------------------------------------------------------------------------------------------
// Property test against the official Node SDK signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner).

// Characters the official Node SDK passes through `url.parse` unchanged; see the README for the others.
const SEGMENT_CHARS = [...'abcXYZ019-_.~!$&()*+,;=:@[]', 'é', 'ß', 'Ω', '中', '文', '😀', 'ñ'];
const KEY_CHARS = [..."abcdxyzABZ0189-_.~!*'()", 'é', '中', '😀', '\u00a0'];
const VALUE_CHARS = [...KEY_CHARS, ...' &=+#?/%:@,;$[]', '"', '<', '>', '^', '`', '{', '|', '}', '\\'];
const HOSTS = [
  'as.cn-north-4.myhuaweicloud.com',
  'servicestage.ap-southeast-1.myhuaweicloud.com',
  '127.0.0.1:4010',
  '[::1]:8080',
];
const METHODS = ['GET', 'DELETE', 'POST', 'PUT', 'PATCH'] as const;

function generator(seed: number) {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const text = (chars: readonly string[], min: number, max: number) =>
    Array.from({ length: min + int(max - min + 1) }, () => pick(chars)).join('');
  const segment = (): string => {
    const s = text(SEGMENT_CHARS, 1, 8);
    return s === '.' || s === '..' ? segment() : s;
  };
  const headerValue = () =>
    `${text([...'abcXYZ019-_./:=+,;'], 1, 6)}${rand() < 0.3 ? ` ${text([...'abc 123'], 0, 5)}x` : ''}`;
  return { rand, int, pick, text, segment, headerValue };
}

describe('property: byte-identical to the official Node SDK signer', () => {
  it('agrees on 500 random requests', async () => {
    const g = generator(20240601);
    for (let i = 0; i < 500; i++) {
      const method = g.pick(METHODS);
      const host = g.pick(HOSTS);
      const segments = Array.from({ length: 1 + g.int(3) }, () => g.segment());
      const template = `/v1/{project_id}${segments.map((_, k) => `/lit-${k}/{p${k}}`).join('')}${g.rand() < 0.3 ? '/end' : ''}`;
      const path = Object.fromEntries(segments.map((s, k) => [`p${k}`, s]));

      const query: Record<string, string | string[]> = {};
      for (let q = g.int(4); q > 0; q--) {
        const key = g.text(KEY_CHARS, 1, 5);
        query[key] =
          g.rand() < 0.3
            ? Array.from({ length: 1 + g.int(3) }, () => (g.rand() < 0.3 ? '' : g.text(VALUE_CHARS, 1, 6)))
            : g.rand() < 0.2
              ? ''
              : g.text(VALUE_CHARS, 1, 8);
      }
      const extra: Record<string, string> = {};
      for (let h = g.int(4); h > 0; h--) extra[`x-${g.text([...'abcdefxyz0129-'], 1, 8)}`] = g.headerValue();
      if (g.rand() < 0.2) extra['Content-Type'] = 'application/json;charset=UTF-8';
      const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      const body = hasBody
        ? {
            name: g.text(VALUE_CHARS, 0, 12),
            n: g.int(1000),
            list: [g.text(SEGMENT_CHARS, 0, 4), null, true],
            ...(i % 100 === 7 && { big: 'x'.repeat(70_000) }), // exercises the Web Crypto digest path
          }
        : undefined;
      const credentials = {
        ak: `AK${g.text([...'ABCDEFGHIJ0123456789'], 10, 18)}`,
        sk: g.text([...'abcdefABCDEF0123456789/+'], 20, 40),
        projectId: g.text([...'0123456789abcdef'], 32, 32),
        ...(g.rand() < 0.3 && { securityToken: g.text([...'abcXYZ0189+/=_-'], 20, 60) }),
      };
      const date = sdkDate(
        Date.UTC(2020 + g.int(6), g.int(12), 1 + g.int(28), g.int(24), g.int(60), g.int(60)),
      );

      const { fetch, requests } = fakeFetch();
      const client = createHwcClient<Record<string, never>>(service, {
        baseUrl: `https://${host}`,
        credentials,
        fetch,
        retry: false,
      });
      const call = client[method] as unknown as (url: string, init: object) => Promise<unknown>;
      await call(template, {
        params: { path, query },
        headers: { ...extra, 'X-Sdk-Date': date },
        ...(body && { body }),
      });
      const sent = requests[0] as Request;

      // What the official SDK's HcClient would build: raw path values, query object, body object.
      const rawPath = template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'project_id' ? credentials.projectId : (path[name] as string),
      );
      const official: IHttpRequest = {
        endpoint: `https://${host}${rawPath}`,
        method,
        queryParams: query,
        data: body,
        // The official signer looks the date up under exactly this spelling.
        headers: Object.fromEntries(
          [...sent.headers]
            .filter(([name]) => name !== 'authorization' && name !== 'user-agent')
            .map(([name, value]) => [name === 'x-sdk-date' ? 'X-Sdk-Date' : name, value]),
        ),
      };
      const credential = new BasicCredentials().withAk(credentials.ak).withSk(credentials.sk);
      const expected = AKSKSigner.sign(official, credential) as { Authorization: string };
      expect(sent.headers.get('authorization'), `case ${i}: ${method} ${sent.url}`).toBe(
        expected.Authorization,
      );
    }
    // Under a second alone; CI runs it beside every other package's tasks on two cores.
  }, 60_000);
});

// ------------------------------------------------------------------------------------------------------
// Edge cases, checked on the wire: a local server records what arrives, and the official signer signs that.

interface Arrived {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function wire() {
  const arrived: Arrived[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = String(value);
      arrived.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, arrived, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The official Node SDK's signature over the request as it arrived, for the headers our signature names. */
function officialSignature(arrived: Arrived, base: string, credentials: { ak: string; sk: string }) {
  const names = /SignedHeaders=([^,]+),/.exec(arrived.headers.authorization ?? '')?.[1]?.split(';') ?? [];
  const url = new URL(arrived.url, base);
  const queryParams: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) queryParams[k] = [...(queryParams[k] ?? []), v];
  const official: IHttpRequest = {
    endpoint: `${base}${url.pathname}`,
    method: arrived.method,
    queryParams,
    data: arrived.body ? JSON.parse(arrived.body) : undefined,
    headers: Object.fromEntries(
      names.map((name) => [name === 'x-sdk-date' ? 'X-Sdk-Date' : name, arrived.headers[name] ?? '']),
    ),
  };
  const credential = new BasicCredentials().withAk(credentials.ak).withSk(credentials.sk);
  return (AKSKSigner.sign(official, credential) as { Authorization: string }).Authorization;
}

const WHITESPACE = [' ', '\t', '  ', ''];

describe('edge cases: the signature matches what goes on the wire', () => {
  const credentials = { ak: 'AKEDGE', sk: 'edge-secret-key-0123456789' };
  const sign = createSigner(credentials);

  it('an empty X-Sdk-Date, a lower-case method, a repeated header with an empty last value', async () => {
    const { base, arrived, close } = await wire();
    try {
      const emptyDate = await sign(new Request(`${base}/v1/p`, { headers: { 'X-Sdk-Date': '' } }));
      const repeated = new Headers([
        ['x-multi', 'first'],
        ['x-multi', ''],
        ['x-sdk-date', '20240101T120000Z'],
      ]);
      const cases = [
        emptyDate,
        await sign(
          new Request(`${base}/v1/p?b=2&a=1`, { method: 'patch', body: '{"a":1}', headers: repeated }),
        ),
        await sign(new Request(`${base}/v1/p`, { method: 'post', body: '{"b":2}' })),
        await sign(new Request(`${base}/v1/p`, { headers: repeated })),
      ];
      expect(emptyDate.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date,');
      for (const request of cases) await fetch(request);
      expect(arrived.map((a) => a.method)).toEqual(['GET', 'PATCH', 'POST', 'GET']);
      expect(arrived[1]?.headers['x-multi']).toBe('first,');
      for (const a of arrived) expect(a.headers.authorization).toBe(officialSignature(a, base, credentials));
    } finally {
      await close();
    }
  }, 60_000);

  it('computeAuthorization and createSigner agree on 2000 header values with surrounding whitespace', async () => {
    const g = generator(7);
    const { base, arrived, close } = await wire();
    try {
      for (let i = 0; i < 2000; i++) {
        const headers: Record<string, string> = { 'X-Sdk-Date': '20240101T120000Z' };
        for (let h = 1 + g.int(3); h > 0; h--) {
          headers[`x-${g.text([...'abcxyz'], 1, 5)}`] =
            `${g.pick(WHITESPACE)}${g.text([...'ab c1,;='], 0, 6)}${g.pick(WHITESPACE)}`;
        }
        const url = `${base}/v1/${g.text([...'abc'], 1, 4)}`;
        const request = await sign(new Request(url, { headers }));
        const expected = computeAuthorization(credentials, {
          method: 'GET',
          url,
          headers: { ...headers, host: new URL(url).host },
        });
        expect(request.headers.get('authorization'), JSON.stringify(headers)).toBe(expected);
        if (i % 100 === 0) await fetch(request);
      }
      expect(arrived).toHaveLength(20);
      for (const a of arrived) expect(a.headers.authorization).toBe(officialSignature(a, base, credentials));
    } finally {
      await close();
    }
  }, 60_000);

  /** A client of project p1 on the wire server, without retries. */
  const wireClient = (base: string) =>
    createHwcClient<Record<string, never>>(service, {
      baseUrl: base,
      credentials: { ...credentials, projectId: 'p1' },
      retry: false,
    });

  it('through the client: per-call headers with whitespace and an empty X-Sdk-Date', async () => {
    const { base, arrived, close } = await wire();
    try {
      const client = wireClient(base);
      const call = client.PATCH as unknown as (url: string, init: object) => Promise<unknown>;
      await call('/v1/{project_id}/things', {
        headers: { 'X-Sdk-Date': '', 'X-Note': ' padded\t', 'X-Empty': '' },
        body: { n: 1 },
      });
      const [a] = arrived;
      expect(a?.method).toBe('PATCH');
      expect(a?.headers.authorization).toBe(officialSignature(a as Arrived, base, credentials));
    } finally {
      await close();
    }
  }, 60_000);

  it('through the client: path values the URL parser rewrites are signed as they are sent', async () => {
    const { base, arrived, close } = await wire();
    try {
      const client = wireClient(base);
      const call = client.GET as unknown as (url: string, init: object) => Promise<unknown>;
      for (const id of ['..', '.', '.hidden', 'plain']) {
        await call('/v1/{project_id}/things/{id}/x', { params: { path: { id }, query: { q: "x'y z" } } });
      }
      expect(arrived.map((a) => a.url.split('?')[0])).toContain('/v1/p1/things/x');
      for (const a of arrived)
        expect(a.headers.authorization, a.url).toBe(officialSignature(a, base, credentials));
    } finally {
      await close();
    }
  }, 60_000);
});
