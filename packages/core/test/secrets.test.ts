import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type Credentials, createAuthMiddleware, createHwcClient } from '../src/index.js';
import type { paths } from './as-paths.js';
import { expectClean, fakeFetch, json } from './helpers.js';

const SK = 'skSECRETvalue0123456789abcdefghijklmnopq';
const TOKEN = 'MIIsecretIAMtokenVALUE+/=';
const STS = 'STSsecretSecurityTokenVALUE';
const service = { name: 'Test', clouds: {} };
const quotas = '/v1/{project_id}/quotas' as const;
const console_ = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
  vi.spyOn(console, m),
);

afterAll(() => {
  for (const spy of console_) expect(spy).not.toHaveBeenCalled();
});

describe('secrets never leak', () => {
  it('from API errors, network errors, timeouts and config errors under AK/SK', async () => {
    const credentials: Credentials = { ak: 'AKvisible', sk: SK, projectId: 'p', securityToken: STS };
    const { fetch, requests } = fakeFetch(() =>
      json(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }),
    );
    const as = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials,
      fetch,
      retry: false,
    });
    const { error } = await as.GET(quotas);
    const authorization = requests[0]?.headers.get('authorization') as string;
    const signature = authorization.split('Signature=')[1] as string;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    const secrets = [SK, STS, authorization, signature];
    expectClean(error, secrets);
    expectClean(as, secrets);
    expectClean(createAuthMiddleware(credentials), secrets);

    // A real connection failure (closed loopback port), with undici's own error chain as the cause.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const offline = createHwcClient<paths>(service, {
      baseUrl: `http://127.0.0.1:${port}`,
      credentials,
      retry: false,
    });
    const network = await offline.GET(quotas).catch((e: unknown) => e);
    expect(network).toMatchObject({ name: 'HwcNetworkError' });
    expectClean(network, [SK, STS]);

    vi.useFakeTimers();
    const slow = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials,
      retry: false,
      timeoutMs: 10,
      fetch: (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
    });
    const pending = slow.GET(quotas).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    vi.useRealTimers();
    const timeout = await pending;
    expect(timeout).toMatchObject({ name: 'HwcTimeoutError' });
    expectClean(timeout, [SK, STS]);

    const noProject = await createHwcClient<paths>(service, {
      baseUrl: 'https://x',
      credentials: { ak: 'a', sk: SK },
      fetch,
    })
      .GET(quotas)
      .catch((e: unknown) => e);
    expectClean(noProject, [SK]);
  });

  it('from errors about the credentials themselves', () => {
    const bad = `${STS}\n`;
    const error = (() => {
      try {
        createHwcClient(service, {
          baseUrl: 'https://x',
          credentials: { ak: 'a', sk: SK, securityToken: bad },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expectClean(error, [SK, STS]);
  });

  it('from API errors and invalid tokens under token auth', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: { code: 'AS.0006', message: 'Token invalid' } }));
    const as = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials: { token: async () => TOKEN, projectId: 'p' },
      fetch,
    });
    const { error } = await as.GET(quotas);
    expect(error?.code).toBe('AS.0006');
    expectClean(error, [TOKEN]);
    expectClean(as, [TOKEN]);

    // A token that cannot be a header value: the message must not quote it (fetch's own message would).
    const broken = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials: { token: async () => `${TOKEN}\r\nX-Injected: 1`, projectId: 'p' },
      fetch,
    });
    const thrown = await broken.GET(quotas).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TypeError);
    expectClean(thrown, [TOKEN]);
  });
});
