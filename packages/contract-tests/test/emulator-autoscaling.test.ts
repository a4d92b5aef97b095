/**
 * Stateful Auto Scaling scenarios over HTTP: the published client against the emulator engine, driven through
 * the mock's typed control client. Each answer is checked against the bundled schema.
 */
import {
  type AutoScalingClient,
  createAutoScalingClient,
  HwcApiError,
  listHeldInstances,
} from '@hwc-openapi/autoscaling';
import { type MockServer, startMock } from '@hwc-openapi/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asPaths } from './support/clients.js';
import { expectValidBody } from './support/schemas.js';

const PROJECT = 'c0ffee0000000000000000000000e001';
const OTHER = 'c0ffee0000000000000000000000e002';
const GROUP = 'drain-group';
const group = { scaling_group_id: GROUP };

let mock: MockServer;
let as: AutoScalingClient;

const client = (projectId: string) =>
  createAutoScalingClient({
    baseUrl: mock.url,
    credentials: { ak: 'AK', sk: 'SK', projectId },
    retry: false,
  });

const postHook = (
  name: string,
  type: 'INSTANCE_LAUNCHING' | 'INSTANCE_TERMINATING',
  extra: { default_result?: 'ABANDON' | 'CONTINUE'; default_timeout?: number } = {},
) =>
  as.POST(asPaths.hooks, {
    params: { path: group },
    body: {
      lifecycle_hook_name: name,
      lifecycle_hook_type: type,
      notification_topic_urn: 'urn:smn:r:p:t',
      ...extra,
    },
  });

async function createHook(...args: Parameters<typeof postHook>) {
  const { data, error, response } = await postHook(...args);
  expect(error).toBeUndefined();
  expectValidBody('createLifecycleHook', response.status, data);
  return data;
}

async function scale(body: { add?: number; remove?: string[] }): Promise<string[]> {
  const { data, response } = await mock.control.POST(
    '/_emulator/autoscaling/groups/{scaling_group_id}/scale',
    {
      params: { path: group },
      body: { project_id: PROJECT, ...body },
    },
  );
  expect(response.status).toBe(202);
  return data?.instance_ids ?? [];
}

async function lifeCycleStates(): Promise<string[]> {
  const { data, response } = await as.GET(asPaths.instances, {
    params: { path: group, query: { limit: 100 } },
  });
  expectValidBody('listScalingInstances', response.status, data);
  return (data?.scaling_group_instances ?? []).map((instance) => instance.life_cycle_state);
}

beforeAll(async () => {
  mock = await startMock({ service: 'autoscaling', engine: 'emulator', state: 'empty' });
  as = client(PROJECT);
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.control.POST('/_emulator/reset', { body: {} });
  const { response } = await mock.control.POST('/_emulator/autoscaling/groups', {
    body: { project_id: PROJECT, scaling_group_id: GROUP, instances: 3 },
  });
  expect(response.status).toBe(201);
});

describe('emulator over HTTP: Auto Scaling lifecycle', () => {
  it('stores hooks: create, show, update, list, delete, then 404; duplicates and the sixth are refused', async () => {
    await createHook('drain', 'INSTANCE_TERMINATING');
    const shown = await as.GET(asPaths.hook, {
      params: { path: { ...group, lifecycle_hook_name: 'drain' } },
    });
    expect(shown.data).toMatchObject({
      lifecycle_hook_name: 'drain',
      default_timeout: 3600,
      notification_topic_name: 't',
    });
    const updated = await as.PUT(asPaths.hook, {
      params: { path: { ...group, lifecycle_hook_name: 'drain' } },
      body: { default_timeout: 600 },
    });
    expect(updated.data?.default_timeout).toBe(600);
    const duplicate = await postHook('drain', 'INSTANCE_LAUNCHING');
    expect(duplicate.error).toBeInstanceOf(HwcApiError);
    expect(duplicate.error?.code).toBe('AS.7041');
    for (const name of ['h2', 'h3', 'h4', 'h5']) await createHook(name, 'INSTANCE_TERMINATING');
    const sixth = await postHook('h6', 'INSTANCE_LAUNCHING');
    expect(sixth.error?.code).toBe('AS.7038');
    const deleted = await as.DELETE(asPaths.hook, {
      params: { path: { ...group, lifecycle_hook_name: 'drain' } },
    });
    expect(deleted.response.status).toBe(204);
    const gone = await as.GET(asPaths.hook, { params: { path: { ...group, lifecycle_hook_name: 'drain' } } });
    expect(gone.response.status).toBe(404);
    expectValidBody('showLifecycleHook', 404, gone.error?.body);
    const list = await as.GET(asPaths.hookList, { params: { path: group } });
    expect(list.data?.lifecycle_hooks.map((hook) => hook.lifecycle_hook_name)).toEqual([
      'h2',
      'h3',
      'h4',
      'h5',
    ]);
  });

  it('keeps projects apart, and answers AS.2007 for a group the project does not have', async () => {
    await createHook('drain', 'INSTANCE_TERMINATING');
    const other = await client(OTHER).GET(asPaths.hookList, { params: { path: group } });
    expect(other.response.status).toBe(400);
    expect(other.error?.code).toBe('AS.2007');
  });

  it('the README drain loop ends: list held instances, CONTINUE each, until none is held', async () => {
    await createHook('warm-up', 'INSTANCE_LAUNCHING');
    await createHook('drain', 'INSTANCE_TERMINATING');
    const { data: before } = await as.GET(asPaths.instances, { params: { path: group } });
    const remove = (before?.scaling_group_instances ?? [])
      .slice(0, 2)
      .map((instance) => instance.instance_id);
    await scale({ add: 2, remove });
    expect((await lifeCycleStates()).sort()).toEqual([
      'INSERVICE',
      'PENDING_WAIT',
      'PENDING_WAIT',
      'REMOVING_WAIT',
      'REMOVING_WAIT',
    ]);

    // Refused while the group scales (the emulator's choice of code).
    const refused = await as.DELETE(asPaths.hook, {
      params: { path: { ...group, lifecycle_hook_name: 'drain' } },
    });
    expect(refused.error?.code).toBe('AS.2033');

    let rounds = 0;
    for (
      let held = await listHeldInstances(as, GROUP);
      held.length > 0;
      held = await listHeldInstances(as, GROUP)
    ) {
      expect(++rounds).toBeLessThan(5);
      for (const row of held) {
        const { response } = await as.PUT(asPaths.callback, {
          params: { path: { scaling_group_id: row.scaling_group_id } },
          body: { lifecycle_action_result: 'CONTINUE', lifecycle_action_key: row.lifecycle_action_key },
        });
        expect(response.status).toBe(204);
      }
    }
    expect(rounds).toBe(1);
    expect(await lifeCycleStates()).toEqual(['INSERVICE', 'INSERVICE', 'INSERVICE']);
  });

  it('a callback on a resolved row, or with an unknown key, is AS.7042', async () => {
    await createHook('warm-up', 'INSTANCE_LAUNCHING');
    const [id = ''] = await scale({ add: 1 });
    const body = {
      lifecycle_action_result: 'ABANDON',
      instance_id: id,
      lifecycle_hook_name: 'warm-up',
    } as const;
    expect((await as.PUT(asPaths.callback, { params: { path: group }, body })).response.status).toBe(204);
    const again = await as.PUT(asPaths.callback, { params: { path: group }, body });
    expect(again.error?.code).toBe('AS.7042');
    expectValidBody('callbackLifecycleHook', 400, again.error?.body);
    const unknown = await as.PUT(asPaths.callback, {
      params: { path: group },
      body: { lifecycle_action_result: 'CONTINUE', lifecycle_action_key: 'no-such-key' },
    });
    expect(unknown.error?.code).toBe('AS.7042');
    expect(await lifeCycleStates()).toEqual(['INSERVICE', 'INSERVICE', 'INSERVICE']);
  });

  it('EXTEND and timeouts run on the emulator clock, moved through the control plane', async () => {
    await createHook('warm-up', 'INSTANCE_LAUNCHING', { default_result: 'CONTINUE', default_timeout: 600 });
    const [id = ''] = await scale({ add: 1 });
    const [row] = await listHeldInstances(as, GROUP);
    expect(row?.timeout).toBe('2026-01-01T00:10:00Z');
    await as.PUT(asPaths.callback, {
      params: { path: group },
      body: { lifecycle_action_result: 'EXTEND', lifecycle_action_key: row?.lifecycle_action_key ?? '' },
    });
    expect((await listHeldInstances(as, GROUP, { instanceId: id }))[0]?.timeout).toBe('2026-01-01T01:10:00Z');
    const early = await mock.control.POST('/_emulator/clock/advance', { body: { seconds: 4199 } });
    expect(early.data).toEqual({ now: '2026-01-01T01:09:59Z' });
    expect(await listHeldInstances(as, GROUP)).toHaveLength(1);
    await mock.control.POST('/_emulator/clock/advance', { body: { seconds: 1 } });
    expect(await listHeldInstances(as, GROUP)).toEqual([]);
    expect(await lifeCycleStates()).toEqual(Array(4).fill('INSERVICE'));
  });

  it('exports and imports the state, held instances included', async () => {
    await createHook('warm-up', 'INSTANCE_LAUNCHING');
    await scale({ add: 1 });
    const exported = await mock.control.GET('/_emulator/state');
    const held = await listHeldInstances(as, GROUP);
    await mock.control.POST('/_emulator/reset', { body: {} });
    expect((await as.GET(asPaths.hookList, { params: { path: group } })).error?.code).toBe('AS.2007');
    const imported = await mock.control.PUT('/_emulator/state', {
      body: exported.data as NonNullable<typeof exported.data>,
    });
    expect(imported.response.status).toBe(204);
    expect(await listHeldInstances(as, GROUP)).toEqual(held);
  });
});
