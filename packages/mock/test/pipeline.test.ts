/**
 * The pipeline's rules, the same whatever the engine: the gateway's refusals, faults and the journal.
 * (The fuzz suite throws random hostile input at it; these are the exact answers.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineName, type MockServer, startMock } from '../src/index.js';
import { rawExchange } from './support/raw-http.js';

const PROJECT = 'b53e5554fad0494d96206fb84296510b';
const LIST = `/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook/g/list`;
const HOOKS = `/autoscaling-api/v1/${PROJECT}/scaling_lifecycle_hook/g`;
const token = { 'x-auth-token': 'test' };
const json = { ...token, 'content-type': 'application/json' };
const HOOK_BODY = JSON.stringify({
  lifecycle_hook_name: 'h',
  lifecycle_hook_type: 'INSTANCE_LAUNCHING',
  notification_topic_urn: 'urn:smn:regionId:p:t',
});
const REQUEST_ERROR = { error_code: 'APIGW.0201', error_msg: 'API request error.' };
const UNKNOWN_API = {
  error_code: 'APIGW.0101',
  error_msg: 'The API does not exist or has not been published in the environment.',
};

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe.each(['emulator', 'prism'] as EngineName[])('the gateway (%s engine)', (engine) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ service: 'autoscaling', engine });
    if (engine === 'emulator') {
      await mock.control.POST('/_emulator/autoscaling/groups', {
        body: { project_id: PROJECT, scaling_group_id: 'g' },
      });
    }
  });
  afterAll(() => mock?.close());

  it('answers GETs with Content-Type a/b/c with the validation error, as many times as they come', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${mock.url}${LIST}`, { headers: { ...token, 'content-type': 'a/b/c' } });
      expect(await answer(res)).toEqual({
        status: 400,
        type: 'application/json',
        body: { error: { code: 'AS.0022', message: 'Request body error' } },
      });
    }
    expect((await fetch(`${mock.url}${LIST}`, { headers: token })).status).toBe(200);
  });

  it('answers a malformed escape in a path parameter with the parameter rule, not a URIError', async () => {
    const res = await fetch(`${mock.url}${HOOKS}/%FF`, { headers: token });
    expect(await answer(res)).toMatchObject({ status: 400, body: { error: { code: 'AS.7031' } } });
  });

  it('answers a bad request target and an unparsable request line with the gateway 400 in JSON', async () => {
    for (const line of [
      'GET http://[/x HTTP/1.1',
      'GET * HTTP/1.1',
      'FOO / HTTP/1.1',
      'G\u0001T / HTTP/1.1',
    ]) {
      const outcome = await rawExchange(mock.port, { chunks: [`${line}\r\nhost: x\r\n\r\n`] });
      expect(outcome.kind).toBe('answered');
      if (outcome.kind !== 'answered') continue;
      expect(outcome.answer.status).toBe(400);
      expect(outcome.answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(outcome.answer.body)).toMatchObject(REQUEST_ERROR);
    }
  });

  it('answers a body above 12 MiB with the gateway 400 and keeps the connection usable', async () => {
    const res = await fetch(`${mock.url}${HOOKS}`, {
      method: 'POST',
      headers: json,
      body: `{"a":"${'x'.repeat(12 * 1024 * 1024)}"}`,
    });
    expect(await answer(res)).toMatchObject({ status: 400, body: REQUEST_ERROR });
    expect((await fetch(`${mock.url}${LIST}`, { headers: token })).status).toBe(200);
  });

  it('answers OPTIONS, unknown methods and paths with the gateway 404; a CORS preflight gets 204', async () => {
    for (const [method, path] of [
      ['OPTIONS', LIST],
      ['PATCH', LIST],
      ['GET', '/autoscaling-api/v1/p/nothing'],
      ['GET', '/_emulator/nothing'],
    ] as const) {
      const res = await fetch(`${mock.url}${path}`, { method, headers: token });
      expect(await answer(res)).toMatchObject({ status: 404, body: UNKNOWN_API });
    }
    const preflight = await fetch(`${mock.url}${LIST}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET');
  });

  it('answers Accept: application/xml with the documented 406 and the gateway body', async () => {
    const res = await fetch(`${mock.url}${LIST}`, { headers: { ...token, accept: 'application/xml' } });
    expect(await answer(res)).toMatchObject({ status: 406, body: REQUEST_ERROR });
  });

  it('answers malformed JSON and a non-JSON media type with the validation error', async () => {
    for (const [type, body] of [
      ['application/json', '{not json'],
      ['text/plain', HOOK_BODY],
      ['application/json; charset=latin1', HOOK_BODY],
    ] as const) {
      const res = await fetch(`${mock.url}${HOOKS}`, {
        method: 'POST',
        headers: { ...token, 'content-type': type },
        body,
      });
      expect(await answer(res)).toMatchObject({ status: 400, body: { error: { code: 'AS.0022' } } });
    }
  });

  it('answers a disconnect mid-body by carrying on serving', async () => {
    const head = `POST ${HOOKS} HTTP/1.1\r\nhost: x\r\nx-auth-token: t\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`;
    expect((await rawExchange(mock.port, { chunks: [head, '{"li'], hangUp: true })).kind).toBe('hung-up');
    expect((await fetch(`${mock.url}${LIST}`, { headers: token })).status).toBe(200);
  });
});

describe('Prefer (prism engine)', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ service: 'servicestage', engine: 'prism' });
  });
  afterAll(() => mock?.close());

  it.each(['code=abc', 'code=999', 'example=NoSuchExample', 'dynamic=maybe', ';;=='])(
    'answers a bad Prefer (%s) with the validation error',
    async (prefer) => {
      const res = await fetch(`${mock.url}/v2/p/cas/jobs/j`, { headers: { ...token, prefer } });
      expect(await answer(res)).toMatchObject({ status: 400, body: { error_code: 'SVCSTG.00100400' } });
    },
  );

  it('lets an invalid request win over Prefer', async () => {
    const res = await fetch(`${mock.url}/v2/p/cas/applications/a/components/c/instances/i/action`, {
      method: 'POST',
      headers: { ...json, prefer: 'code=200' },
      body: JSON.stringify({ action: 'fly' }),
    });
    expect(await answer(res)).toMatchObject({ status: 400, body: { error_code: 'SVCSTG.00100418' } });
  });
});

describe('faults and the journal', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ service: 'autoscaling' });
    await mock.control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: PROJECT, scaling_group_id: 'g' },
    });
  });
  afterAll(() => mock?.close());

  it('fails the next N calls of an operation, in the service error shape, then lets them through', async () => {
    const created = await mock.control.POST('/_emulator/faults', {
      body: { operation_id: 'listLifecycleHooks', status: 503, count: 2 },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      operation_id: 'listLifecycleHooks',
      status: 503,
      count: 2,
      remaining: 2,
      latency_ms: 0,
      probability: 1,
    });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${mock.url}${LIST}`, { headers: token });
      const body = await answer(res);
      expect(body).toMatchObject({
        status: 503,
        body: { error_code: 'APIGW.0202', error_msg: 'Backend unavailable.' },
      });
      expect(body.body.request_id).toBe(res.headers.get('x-request-id'));
    }
    expect((await fetch(`${mock.url}${LIST}`, { headers: token })).status).toBe(200);
    expect((await mock.control.GET('/_emulator/faults')).data).toEqual({ faults: [] });
  });

  it('answers the code and message asked for, after the latency asked for, in one project only', async () => {
    await mock.control.POST('/_emulator/faults', {
      body: {
        operation_id: 'createLifecycleHook',
        status: 500,
        error_code: 'AS.0001',
        error_msg: 'Boom.',
        latency_ms: 200,
        project_id: PROJECT,
      },
    });
    const other = await fetch(`${mock.url}/autoscaling-api/v1/other/scaling_lifecycle_hook/g`, {
      method: 'POST',
      headers: json,
      body: HOOK_BODY,
    });
    expect(other.status).toBe(400); // AS.2007: the other project has no group g; the fault is not for it
    const started = Date.now();
    const res = await fetch(`${mock.url}${HOOKS}`, { method: 'POST', headers: json, body: HOOK_BODY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(await answer(res)).toMatchObject({
      status: 500,
      body: { error: { code: 'AS.0001', message: 'Boom.' } },
    });
    // The faulted create changed nothing.
    expect(await (await fetch(`${mock.url}${LIST}`, { headers: token })).json()).toEqual({
      lifecycle_hooks: [],
    });
  });

  it('never fires a fault of probability 0; deleteFaults drops them all', async () => {
    await mock.control.POST('/_emulator/faults', {
      body: { operation_id: 'listLifecycleHooks', status: 500, probability: 0 },
    });
    for (let i = 0; i < 5; i++)
      expect((await fetch(`${mock.url}${LIST}`, { headers: token })).status).toBe(200);
    expect((await mock.control.GET('/_emulator/faults')).data?.faults).toHaveLength(1);
    expect((await mock.control.DELETE('/_emulator/faults')).response.status).toBe(204);
    expect((await mock.control.GET('/_emulator/faults')).data?.faults).toEqual([]);
  });

  it('refuses a fault for an operation the service does not have, naming it', async () => {
    const { error, response } = await mock.control.POST('/_emulator/faults', {
      body: { operation_id: 'showJobDetail', status: 500 },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({
      error_code: 'EMULATOR.0400',
      error_msg: 'operation_id: the autoscaling document has no operation showJobDetail.',
    });
    const invalid = await mock.control.POST('/_emulator/faults', {
      body: { operation_id: 'listLifecycleHooks', status: 200 },
    });
    expect(invalid.error).toEqual({ error_code: 'EMULATOR.0400', error_msg: 'status: must be >= 400.' });
  });

  it('journals the last requests, newest last, at most 1000', async () => {
    const res = await fetch(`${mock.url}${LIST}`, { headers: token });
    const id = res.headers.get('x-request-id');
    const { data } = await mock.control.GET('/_emulator/requests', { params: { query: { limit: 2 } } });
    expect(data?.requests).toHaveLength(2);
    expect(data?.requests[1]).toMatchObject({
      request_id: id,
      method: 'GET',
      path: LIST,
      operation_id: 'listLifecycleHooks',
      status: 200,
      project_id: PROJECT,
    });
    expect(Date.parse(data?.requests[1]?.time ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // In batches: 1,100 connections at once overflow the listen queue, and the retried ones can land on a
    // keep-alive socket the server is closing.
    for (let batch = 0; batch < 11; batch++) {
      await Promise.all(Array.from({ length: 100 }, () => fetch(`${mock.url}/nowhere`)));
    }
    const all = await mock.control.GET('/_emulator/requests', { params: { query: { limit: 1000 } } });
    expect(all.data?.requests).toHaveLength(1000);
    expect(all.data?.requests.at(-1)).toMatchObject({ path: '/nowhere', operation_id: null, status: 404 });
  });
});

describe('bounds', () => {
  it('keeps at most 1000 active faults and journals long paths cut to 2 KiB', async () => {
    const mock = await startMock({ service: 'servicestage' });
    try {
      for (let i = 0; i < 1000; i++) {
        const { response } = await mock.control.POST('/_emulator/faults', {
          body: { operation_id: 'showJobDetail', status: 500, probability: 0 },
        });
        expect(response.status).toBe(201);
      }
      const refused = await mock.control.POST('/_emulator/faults', {
        body: { operation_id: 'showJobDetail', status: 500 },
      });
      expect(refused.error).toEqual({
        error_code: 'EMULATOR.0400',
        error_msg: 'faults: at most 1000 can be active; delete some first.',
      });
      await fetch(`${mock.url}/v2/p/${'x'.repeat(20_000)}`, { headers: token });
      const { data } = await mock.control.GET('/_emulator/requests', { params: { query: { limit: 1 } } });
      expect(data?.requests[0]?.path).toHaveLength(2048);
    } finally {
      await mock.close();
    }
  });
});
