import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from '@hwc-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleWorld, type MockServer, type StartMockOptions, startMock } from '../src/index.js';

const PROJECT = 'b53e5554fad0494d96206fb84296510b';
const HOOKS = `/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook`;
const token = { 'x-auth-token': 'any-token' };
const EXAMPLE_GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';

describe('startMock state', () => {
  const hooksOf = async (mock: MockServer) =>
    (await fetch(`${mock.url}${HOOKS}/${EXAMPLE_GROUP}/list`, { headers: token })).status;
  const started: MockServer[] = [];
  const start = async (state?: StartMockOptions['state']) => {
    const mock = await startMock({ service: 'autoscaling', ...(state !== undefined && { state }) });
    started.push(mock);
    return mock;
  };
  afterAll(() => Promise.all(started.map((mock) => mock.close())));

  it("'empty' starts blank, at the clock's default start", async () => {
    const mock = await start('empty');
    expect(await hooksOf(mock)).toBe(400);
    expect((await mock.control.GET('/_emulator/clock')).data).toEqual({ now: '2026-01-01T00:00:00Z' });
  });

  it('takes a state object, or a path to its JSON file', async () => {
    const world = exampleWorld('autoscaling');
    expect(await hooksOf(await start({ ...world, now: '2019-03-18T16:44:00Z' }))).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'hwc-mock-state-'));
    try {
      const file = join(dir, 'state.json');
      writeFileSync(file, JSON.stringify(world));
      expect(await hooksOf(await start(file))).toBe(200);
      await expect(start(join(dir, 'missing.json'))).rejects.toThrow(
        /Cannot read the state file .*missing\.json/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a full reset gives a blank emulator; the example world can be loaded again with PUT /_emulator/state', async () => {
    const mock = await start();
    expect(await hooksOf(mock)).toBe(200);
    expect((await mock.control.POST('/_emulator/reset', { body: {} })).response.status).toBe(204);
    expect(await hooksOf(mock)).toBe(400);
    expect((await mock.control.GET('/_emulator/clock')).data).toEqual({ now: '2026-01-01T00:00:00Z' });
    const { response } = await mock.control.PUT('/_emulator/state', {
      body: exampleWorld('autoscaling'),
    });
    expect(response.status).toBe(204);
    expect(await hooksOf(mock)).toBe(200);
  });
});

describe('startMock (emulator, the default)', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ service: 'autoscaling' });
  });
  afterAll(() => mock?.close());

  it('listens on a free port of 127.0.0.1 and answers from its state, seeded through `control`', async () => {
    expect(mock.engine).toBe('emulator');
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    const unknown = await fetch(`${mock.url}${HOOKS}/g1/list`, { headers: token });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('AS.2007');

    const { data, response } = await mock.control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: PROJECT, scaling_group_id: 'g1', instances: 1 },
    });
    expect(response.status).toBe(201);
    expect(data?.instance_ids).toHaveLength(1);
    const list = await fetch(`${mock.url}${HOOKS}/g1/list`, { headers: token });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ lifecycle_hooks: [] });
  });

  it('puts an X-Request-Id on every answer, a different one each time', async () => {
    const ids = await Promise.all(
      ['/autoscaling-api/v1/p/nothing', `${HOOKS}/g1/list`, '/_emulator/clock'].map(async (path) =>
        (await fetch(`${mock.url}${path}`, { headers: token })).headers.get('x-request-id'),
      ),
    );
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('answers a request without credentials with the gateway 401', async () => {
    const res = await fetch(`${mock.url}${HOOKS}/g1/list`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error_code: string; request_id: string };
    expect(body.error_code).toBe('APIGW.0301');
    expect(body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('accepts any well-formed, current signature when it was given no credentials', async () => {
    const sign = createSigner({ ak: 'ANYAK', sk: 'any-sk' });
    const res = await fetch(await sign(new Request(`${mock.url}${HOOKS}/${EXAMPLE_GROUP}/list`)));
    expect(res.status).toBe(200);
  });

  it('starts in the example world: the documented group and hooks are there without a set-up call', async () => {
    const list = await fetch(`${mock.url}${HOOKS}/${EXAMPLE_GROUP}/list`, { headers: token });
    expect(list.status).toBe(200);
    const { lifecycle_hooks } = (await list.json()) as { lifecycle_hooks: { lifecycle_hook_name: string }[] };
    expect(lifecycle_hooks.map((hook) => hook.lifecycle_hook_name)).toEqual(['test-hook1', 'test-hook2']);
  });

  it('stops on close(), which can be called twice', async () => {
    const other = await startMock({ service: 'servicestage' });
    await other.close();
    await other.close();
    await expect(fetch(`${other.url}/v2/p/cas/jobs/j`)).rejects.toThrow();
  });
});

describe('startMock with credentials', () => {
  let mock: MockServer;
  const url = () => `${mock.url}${HOOKS}/g/list`;
  beforeAll(async () => {
    mock = await startMock({
      service: 'autoscaling',
      credentials: [
        { ak: 'AK1', sk: 'secret-1' },
        { ak: 'AK2', sk: 'secret-2' },
      ],
    });
    await mock.control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: PROJECT, scaling_group_id: 'g' },
    });
  });
  afterAll(() => mock?.close());

  it('verifies AK/SK signatures made with any configured pair, bodies included', async () => {
    for (const [ak, sk] of [
      ['AK1', 'secret-1'],
      ['AK2', 'secret-2'],
    ] as const) {
      const res = await fetch(await createSigner({ ak, sk, projectId: PROJECT })(new Request(url())));
      expect(res.status).toBe(200);
    }
    const create = new Request(`${mock.url}${HOOKS}/g`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        lifecycle_hook_name: 'h',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        notification_topic_urn: 'u',
      }),
    });
    expect((await fetch(await createSigner({ ak: 'AK1', sk: 'secret-1' })(create))).status).toBe(200);
  });

  it('refuses a wrong key, an unknown AK, a changed request and a token with APIGW.0301', async () => {
    const wrongKey = await createSigner({ ak: 'AK1', sk: 'not-the-secret' })(new Request(url()));
    const unknownAk = await createSigner({ ak: 'AK9', sk: 'secret-1' })(new Request(url()));
    const changed = await createSigner({ ak: 'AK1', sk: 'secret-1' })(new Request(url()));
    const tampered = new Request(`${url()}?injected=1`, { headers: changed.headers });
    for (const request of [wrongKey, unknownAk, tampered, new Request(url(), { headers: token })]) {
      const res = await fetch(request);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(JSON.parse(text).error_code).toBe('APIGW.0301');
      expect(text).not.toContain('secret');
    }
  });

  it('refuses a signature dated more than 15 minutes from the wall clock with APIGW.0303', async () => {
    const sdkDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
    for (const offset of [-16 * 60_000, 16 * 60_000]) {
      const request = new Request(url(), { headers: { 'x-sdk-date': sdkDate(Date.now() + offset) } });
      const res = await fetch(await createSigner({ ak: 'AK1', sk: 'secret-1' })(request));
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('APIGW.0303');
    }
    const recent = new Request(url(), { headers: { 'x-sdk-date': sdkDate(Date.now() - 10 * 60_000) } });
    expect((await fetch(await createSigner({ ak: 'AK1', sk: 'secret-1' })(recent))).status).toBe(200);
  });

  it('compares the date with the wall clock, not the emulator clock', async () => {
    await mock.control.POST('/_emulator/clock/advance', { body: { seconds: 7 * 24 * 3600 } });
    const res = await fetch(await createSigner({ ak: 'AK1', sk: 'secret-1' })(new Request(url())));
    expect(res.status).toBe(200);
  });
});

describe('startMock (prism)', () => {
  it('answers the documented examples and Prefer, and is deterministic in dynamic mode', async () => {
    const [as, ss] = await Promise.all([
      startMock({ service: 'autoscaling', engine: 'prism' }),
      startMock({ service: 'servicestage', engine: 'prism', dynamic: true, seed: 'fixed' }),
    ]);
    try {
      expect(as.engine).toBe('prism');
      const list = await fetch(`${as.url}${HOOKS}/g/list`, { headers: token });
      expect(((await list.json()) as { lifecycle_hooks: unknown[] }).lifecycle_hooks).toHaveLength(2);
      const limit = await fetch(`${as.url}${HOOKS}/g`, {
        method: 'POST',
        headers: { ...token, 'content-type': 'application/json', prefer: 'code=400, example=AsHookLimit' },
        body: JSON.stringify({
          lifecycle_hook_name: 'h',
          lifecycle_hook_type: 'INSTANCE_LAUNCHING',
          notification_topic_urn: 'u',
        }),
      });
      expect(limit.status).toBe(400);
      expect(((await limit.json()) as { error: { code: string } }).error.code).toBe('AS.7038');
      const job = `${ss.url}/v2/p/cas/jobs/JOB1`;
      const [first, second] = await Promise.all([
        fetch(job, { headers: token }),
        fetch(job, { headers: token }),
      ]);
      expect(first.status).toBe(200);
      expect(await first.text()).toBe(await second.text());
    } finally {
      await Promise.all([as.close(), ss.close()]);
    }
  });
});

describe('startMock options', () => {
  it('rejects an unknown service or engine, a bad port and bad credentials (naming no secret)', async () => {
    await expect(startMock({ service: 'nope' as never })).rejects.toThrow(/Unknown service/);
    await expect(startMock({ service: 'autoscaling', engine: 'nope' as never })).rejects.toThrow(
      /Unknown engine/,
    );
    await expect(startMock({ service: 'autoscaling', port: 70_000 })).rejects.toThrow(/Invalid port/);
    const bad = startMock({ service: 'autoscaling', credentials: [{ ak: 'AK', sk: '' }] });
    await expect(bad).rejects.toThrow(/non-empty sk/);
    await expect(
      startMock({ service: 'autoscaling', credentials: [{ ak: 'A K', sk: 'top-secret' }] }),
    ).rejects.not.toThrow(/top-secret/);
  });
});
