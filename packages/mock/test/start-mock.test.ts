import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMock } from '../src/index.js';
import { alive, childPids } from './processes.js';

const HOOKS = '/autoscaling-api/v1/b53e5554fad0494d96206fb84296510b/scaling_lifecycle_hook/e5d27f5c';
const json = { 'content-type': 'application/json' };

describe('startMock (autoscaling, port 0)', () => {
  let mock: MockServer;
  let before: number[];

  beforeAll(async () => {
    before = childPids();
    mock = await startMock({ service: 'autoscaling', port: 0 });
  });
  afterAll(() => mock?.close());

  it('listens on a free port of 127.0.0.1 and answers the documented example', async () => {
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    const res = await fetch(`${mock.url}${HOOKS}/list`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lifecycle_hooks: { lifecycle_hook_name: string }[] };
    expect(body.lifecycle_hooks.map((hook) => hook.lifecycle_hook_name)).toEqual([
      'test-hook1',
      'test-hook2',
    ]);
  });

  it('checks no credentials (none, or any Authorization)', async () => {
    const anyAuth = await fetch(`${mock.url}${HOOKS}/list`, {
      headers: { authorization: 'SDK-HMAC-SHA256 x' },
    });
    expect(anyAuth.status).toBe(200);
  });

  it('answers an invalid request with the service error of the schema that failed', async () => {
    const res = await fetch(`${mock.url}${HOOKS}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        lifecycle_hook_name: 'bad name',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        notification_topic_urn: 'u',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ error: { code: 'AS.7031', message: 'Invalid lifecycle hook name.' } });
  });

  it('answers a body that is not JSON with the validation code, and keeps serving', async () => {
    const res = await fetch(`${mock.url}${HOOKS}`, { method: 'POST', headers: json, body: '{not json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'AS.0022', message: 'Request body error' } });
    expect((await fetch(`${mock.url}${HOOKS}/list`)).status).toBe(200);
  });

  it("answers a method and path that name no API with the gateway's 404, and lets CORS preflights through", async () => {
    const gatewayNotFound = {
      error_code: 'APIGW.0101',
      error_msg: 'The API does not exist or has not been published in the environment.',
      request_id: '7a6e2b2f1d2c4a0f9d3b8e5c1a4f6b20',
    };
    const unknownPath = await fetch(`${mock.url}/autoscaling-api/v1/p/scaling_lifecycle_hooks`);
    expect(unknownPath.status).toBe(404);
    expect(await unknownPath.json()).toEqual(gatewayNotFound);
    const unknownMethod = await fetch(`${mock.url}${HOOKS}/list`, { method: 'PATCH' });
    expect(unknownMethod.status).toBe(404);
    expect(await unknownMethod.json()).toEqual(gatewayNotFound);
    const preflight = await fetch(`${mock.url}${HOOKS}/list`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBeLessThan(300);
  });

  it('forwards Prefer: code= and example=', async () => {
    const notFound = await fetch(`${mock.url}${HOOKS}/list`, { headers: { prefer: 'code=404' } });
    expect(notFound.status).toBe(404);
    const limit = await fetch(`${mock.url}${HOOKS}`, {
      method: 'POST',
      headers: { ...json, prefer: 'code=400, example=AsHookLimit' },
      body: JSON.stringify({
        lifecycle_hook_name: 'h',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        notification_topic_urn: 'u',
      }),
    });
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as { error: { code: string } }).error.code).toBe('AS.7038');
  });

  it('is deterministic: the same request gets the same answer', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(async () => (await fetch(`${mock.url}${HOOKS}/test-hook1`)).text()),
    );
    expect(new Set(answers).size).toBe(1);
  });

  it('stops every process it started on close(), and close() can be called twice', async () => {
    const started = childPids().filter((pid) => !before.includes(pid));
    expect(started.length).toBeGreaterThan(0);
    await mock.close();
    await mock.close();
    expect(started.filter(alive)).toEqual([]);
    await expect(fetch(`${mock.url}${HOOKS}/list`)).rejects.toThrow();
  });
});

describe('startMock (both services at once)', () => {
  it('gives each service its own free port and shapes errors per service', async () => {
    const [as, ss] = await Promise.all([
      startMock({ service: 'autoscaling', port: 0 }),
      startMock({ service: 'servicestage', port: 0 }),
    ]);
    try {
      expect(as.port).not.toBe(ss.port);
      const res = await fetch(`${ss.url}/v2/p/cas/applications/a/components/c/instances/i/action`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ action: 'fly' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error_code: 'SVCSTG.00100418',
        error_msg: 'component instance action not defined',
      });
    } finally {
      await Promise.all([as.close(), ss.close()]);
    }
  });

  it('answers dynamic (schema-generated) bodies deterministically, from the seed', async () => {
    const mock = await startMock({ service: 'servicestage', dynamic: true, seed: 'fixed' });
    try {
      const url = `${mock.url}/v2/p/cas/jobs/JOB1`;
      const [first, second] = await Promise.all([fetch(url), fetch(url)]);
      expect(first.status).toBe(200);
      expect(await first.text()).toBe(await second.text());
    } finally {
      await mock.close();
    }
  });

  it('rejects an unknown service or engine', async () => {
    await expect(startMock({ service: 'nope' as never })).rejects.toThrow(/Unknown service/);
    await expect(startMock({ service: 'autoscaling', engine: 'nope' as never })).rejects.toThrow(
      /Unknown engine/,
    );
  });
});
