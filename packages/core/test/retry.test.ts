import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '../src/client.js';
import {
  type ClientOptions,
  createHwcClient,
  HwcApiError,
  HwcNetworkError,
  HwcTimeoutError,
  type RetryOptions,
} from '../src/index.js';
import type { paths } from './as-paths.js';
import { fakeFetch, json } from './helpers.js';

const service = { name: 'Test', clouds: {} };
const quotas = '/v1/{project_id}/quotas' as const;
const hook = '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}' as const;
const hookBody = {
  lifecycle_hook_name: 'drain',
  lifecycle_hook_type: 'INSTANCE_TERMINATING',
  notification_topic_urn: 'urn',
} as const;
const hookInit = { params: { path: { scaling_group_id: 'g' } }, body: hookBody };

function setup(
  respond: Parameters<typeof fakeFetch>[0],
  retry: Partial<RetryOptions> = {},
  extra: Partial<ClientOptions> = {},
) {
  const { fetch, requests } = fakeFetch(respond);
  const delays: number[] = [];
  const as = createHwcClient<paths>(service, {
    baseUrl: 'https://as.example',
    credentials: { ak: 'AK', sk: 'SK', projectId: 'p' },
    fetch,
    retry: {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      ...retry,
    },
    ...extra,
  });
  return { as, requests, delays };
}

/** A fetch that never answers but rejects when the request's signal aborts, like the real one. */
const hang = (request: Request) =>
  new Promise<Response>((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

const refused = () =>
  Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));

afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it('retries GET on 429/502/503/504 with full-jitter exponential backoff, then returns the last error', async () => {
    for (const status of [429, 502, 503, 504]) {
      const { as, requests, delays } = setup(() =>
        json(status, { error_code: 'APIGW.0308', error_msg: 'busy' }),
      );
      const { error } = await as.GET(quotas);
      expect(requests).toHaveLength(3);
      expect(delays).toEqual([100, 200]); // 0.5 * 200 * 2^0, 0.5 * 200 * 2^1
      expect(error).toBeInstanceOf(HwcApiError);
      expect(error?.status).toBe(status);
    }
  });

  it('stops as soon as an attempt succeeds, and honours maxAttempts / maxDelayMs', async () => {
    const ok = setup((_, i) => (i < 1 ? json(503, {}) : json(200, { quotas: { total: 5 } })));
    expect((await ok.as.GET(quotas)).data).toEqual({ quotas: { total: 5 } });
    expect(ok.requests).toHaveLength(2);

    const capped = setup(() => json(503, {}), {
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 3000,
      random: () => 0.999,
    });
    await capped.as.GET(quotas);
    expect(capped.requests).toHaveLength(6);
    expect(capped.delays.map(Math.round)).toEqual([999, 1998, 2997, 2997, 2997]);
  });

  it('does not retry other statuses', async () => {
    for (const status of [400, 401, 404, 409, 500, 501]) {
      const { as, requests } = setup(() => json(status, {}));
      expect((await as.GET(quotas)).error?.status).toBe(status);
      expect(requests).toHaveLength(1);
    }
  });

  it('honours Retry-After in seconds or as an HTTP date, capped at maxDelayMs', async () => {
    vi.useFakeTimers({ now: Date.UTC(2024, 0, 1, 12, 0, 0) });
    const seconds = setup((_, i) => (i === 0 ? json(429, {}, { 'Retry-After': '7' }) : json(200, {})));
    await seconds.as.GET(quotas);
    expect(seconds.delays).toEqual([7000]);

    const date = new Date(Date.now() + 4000).toUTCString();
    const httpDate = setup((_, i) => (i === 0 ? json(503, {}, { 'Retry-After': date }) : json(200, {})));
    await httpDate.as.GET(quotas);
    expect(httpDate.delays).toEqual([4000]);

    const huge = setup((_, i) => (i === 0 ? json(503, {}, { 'Retry-After': '3600' }) : json(200, {})));
    await huge.as.GET(quotas);
    expect(huge.delays).toEqual([20_000]);

    expect(parseRetryAfter('  12 ')).toBe(12_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0); // in the past
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('never retries POST or PUT unless the call opts in; retry: false turns retries off', async () => {
    const post = setup(() => json(503, {}));
    expect((await post.as.POST(hook, hookInit)).error?.status).toBe(503);
    expect(post.requests).toHaveLength(1);

    const optIn = setup(() => json(503, {}));
    await optIn.as.POST(hook, { ...hookInit, retry: true });
    expect(optIn.requests).toHaveLength(3);

    const optOut = setup(() => json(503, {}));
    await optOut.as.GET(quotas, { retry: false });
    expect(optOut.requests).toHaveLength(1);

    const { fetch, requests } = fakeFetch(() => json(503, {}));
    const none = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials: { token: 't', projectId: 'p' },
      fetch,
      retry: false,
    });
    await none.GET(quotas, { retry: true });
    expect(requests).toHaveLength(1);
  });

  it('re-signs every attempt with a fresh X-Sdk-Date and resends identical body bytes', async () => {
    vi.useFakeTimers({ now: Date.UTC(2024, 0, 1, 12, 0, 0) });
    const { as, requests } = setup(() => json(503, {}), {
      sleep: async () => {
        vi.setSystemTime(Date.now() + 61_000);
      },
    });
    await as.POST(hook, { ...hookInit, retry: true });
    expect(requests.map((r) => r.headers.get('x-sdk-date'))).toEqual([
      '20240101T120000Z',
      '20240101T120101Z',
      '20240101T120202Z',
    ]);
    expect(new Set(requests.map((r) => r.headers.get('authorization'))).size).toBe(3);
    const bodies = await Promise.all(requests.map((r) => r.text()));
    expect(new Set(bodies)).toEqual(new Set([JSON.stringify(hookBody)]));
  });
});

describe('network errors and timeouts', () => {
  it('retries network errors on GET and throws HwcNetworkError when they persist', async () => {
    const flaky = setup((_, i) => (i < 2 ? refused() : json(200, { quotas: { total: 1 } })));
    expect((await flaky.as.GET(quotas)).data).toEqual({ quotas: { total: 1 } });
    expect(flaky.requests).toHaveLength(3);

    const down = setup(refused);
    const error = await down.as.GET(quotas).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HwcNetworkError);
    expect(error).toMatchObject({
      attempts: 3,
      message: '@hwc-openapi/core: no response for GET https://as.example/v1/p/quotas',
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(down.requests).toHaveLength(3);
  });

  it('does not retry a POST after a network error', async () => {
    const { as, requests } = setup(refused);
    await expect(as.POST(hook, hookInit)).rejects.toMatchObject({ name: 'HwcNetworkError', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('times out after 30 s by default, per attempt, with HwcTimeoutError', async () => {
    vi.useFakeTimers();
    const { as, requests } = setup(hang);
    const settled = vi.fn();
    const pending = as.POST(hook, hookInit).catch((e: unknown) => {
      settled();
      return e;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(HwcTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30_000, attempts: 1 });
    expect(String(error)).toContain(
      'POST /autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id} timed out',
    );
    expect(requests).toHaveLength(1);
  });

  it('takes timeoutMs per call and retries timed-out GETs', async () => {
    vi.useFakeTimers();
    const { as, requests } = setup(hang, {}, { timeoutMs: 0 });
    const pending = as.GET(quotas, { timeoutMs: 50 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(150);
    expect(await pending).toMatchObject({ name: 'HwcTimeoutError', timeoutMs: 50, attempts: 3 });
    expect(requests).toHaveLength(3);
  });

  it("rejects with the caller's abort reason, during a request or during backoff, without retrying", async () => {
    const controller = new AbortController();
    const { as, requests } = setup(hang);
    const pending = as.GET(quotas, { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
    expect(requests).toHaveLength(1);

    vi.useFakeTimers();
    const { fetch } = fakeFetch(() => json(503, {}));
    const real = createHwcClient<paths>(service, {
      baseUrl: 'https://as.example',
      credentials: { token: 't', projectId: 'p' },
      fetch,
      // Fixed jitter: the first backoff is 100 ms, so the abort at 10 ms lands inside it.
      retry: { random: () => 0.5 },
    });
    const backoff = new AbortController();
    const waiting = real.GET(quotas, { signal: backoff.signal });
    await vi.advanceTimersByTimeAsync(10);
    backoff.abort(new Error('stop waiting'));
    await expect(waiting).rejects.toThrow('stop waiting');
    await expect(real.GET(quotas, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
      'already',
    );
  });
});
