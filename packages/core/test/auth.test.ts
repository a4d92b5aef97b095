import createClient from 'openapi-fetch';
import { describe, expect, it, vi } from 'vitest';
import { type Credentials, createAuthMiddleware, createHwcClient } from '../src/index.js';
import type { paths } from './as-paths.js';
import { fakeFetch } from './helpers.js';

const service = { name: 'Test', clouds: {} };
const quotas = '/v1/{project_id}/quotas' as const;

function client(credentials: Credentials, fetch = fakeFetch().fetch) {
  return createHwcClient<paths>(service, { baseUrl: 'https://as.example', credentials, fetch });
}

describe('IAM token auth', () => {
  it('sends a string token as X-Auth-Token and fills project_id', async () => {
    const { fetch, requests } = fakeFetch();
    await client({ token: 'MIItoken', projectId: 'proj1' }, fetch).GET(quotas);
    const request = requests[0] as Request;
    expect(request.url).toBe('https://as.example/v1/proj1/quotas');
    expect(request.headers.get('x-auth-token')).toBe('MIItoken');
    expect(request.headers.has('authorization')).toBe(false);
    expect(request.headers.has('x-sdk-date')).toBe(false);
  });

  it('calls an async provider for every request', async () => {
    const { fetch, requests } = fakeFetch();
    let n = 0;
    const token = vi.fn(async () => `tok-${++n}`);
    const as = client({ token, projectId: 'p' }, fetch);
    await as.GET(quotas);
    await as.GET(quotas);
    expect(token).toHaveBeenCalledTimes(2);
    expect(requests.map((r) => r.headers.get('x-auth-token'))).toEqual(['tok-1', 'tok-2']);
  });

  it('rejects a call when the provider fails or returns nothing usable', async () => {
    await expect(
      client({ token: async () => Promise.reject(new Error('iam down')), projectId: 'p' }).GET(quotas),
    ).rejects.toThrow('iam down');
    await expect(client({ token: async () => '', projectId: 'p' }).GET(quotas)).rejects.toThrow(
      'the token returned by credentials.token() must be a non-empty string',
    );
  });
});

describe('AK/SK auth', () => {
  it('adds X-Sdk-Date, X-Project-Id, X-Security-Token and signs them', async () => {
    const { fetch, requests } = fakeFetch();
    await client({ ak: 'AK1', sk: 'SK1', projectId: 'p1', securityToken: 'sts-token' }, fetch).GET(quotas);
    const headers = (requests[0] as Request).headers;
    expect(headers.get('x-project-id')).toBe('p1');
    expect(headers.get('x-security-token')).toBe('sts-token');
    expect(headers.get('x-sdk-date')).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers.get('authorization')).toMatch(
      /^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends the headers and userAgent options; signs the former, not User-Agent', async () => {
    const { fetch, requests } = fakeFetch();
    const as = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials: { ak: 'AK1', sk: 'SK1', projectId: 'p1' },
      headers: { 'X-Language': 'en-us' },
      userAgent: 'my-app/1.0',
      fetch,
    });
    await as.GET(quotas);
    const headers = (requests[0] as Request).headers;
    expect(headers.get('user-agent')).toBe('my-app/1.0');
    expect(headers.get('x-language')).toBe('en-us');
    expect(headers.get('authorization')).toContain('SignedHeaders=host;x-language;x-project-id;x-sdk-date,');
  });

  it('validates credentials up front, naming fields only', () => {
    expect(() => client({ ak: '', sk: 'x' })).toThrow('credentials.ak must be');
    expect(() => client({ ak: 'a', sk: '' })).toThrow('credentials.sk is required');
    expect(() => client({ ak: 'a', sk: 'b', securityToken: 'bad\ntoken' })).toThrow(
      'credentials.securityToken must be',
    );
    expect(() => client(undefined as unknown as Credentials)).toThrow(
      'credentials ({ ak, sk, projectId } or { token, projectId })',
    );
  });

  it('rejects a call that needs project_id when no projectId is known', async () => {
    const { fetch, requests } = fakeFetch();
    await expect(client({ ak: 'a', sk: 'b' }, fetch).GET(quotas)).rejects.toThrow(
      'GET /v1/{project_id}/quotas needs credentials.projectId',
    );
    expect(requests).toHaveLength(0);
  });

  it('works as plain openapi-fetch middleware, and keeps auth last after client.use()', async () => {
    const { fetch, requests } = fakeFetch();
    const plain = createClient<paths>({ baseUrl: 'https://as.example', fetch });
    plain.use(createAuthMiddleware({ token: 'T', projectId: 'p' }));
    await plain.GET(quotas, { params: { path: { project_id: 'p' } } });
    expect(requests[0]?.headers.get('x-auth-token')).toBe('T');

    const as = client({ ak: 'a', sk: 'b', projectId: 'p' }, fetch);
    as.use({
      onRequest: ({ request }) => {
        request.headers.set('X-Trace', 'added-before-signing');
      },
    });
    await as.GET(quotas);
    expect(requests[1]?.headers.get('authorization')).toContain(
      'SignedHeaders=host;x-project-id;x-sdk-date;x-trace,',
    );
  });
});
