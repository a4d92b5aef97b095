/**
 * Stateful ServiceStage scenarios over HTTP: actions that start jobs, job detail as pollers read it, rollback,
 * progression modes, through the published client and the mock's typed control client.
 */
import { type MockServer, startMock } from '@hwc-openapi/mock';
import { createServiceStageClient, type ServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ssPaths } from './support/clients.js';
import { expectValidBody } from './support/schemas.js';

const PROJECT = 'c0ffee0000000000000000000000e003';
const ids = { application_id: 'shop', component_id: 'cart', instance_id: 'cart-1' };

let mock: MockServer;
let ss: ServiceStageClient;

type Action =
  | { action: 'start' | 'stop' | 'restart' }
  | { action: 'scale'; parameters: { replica: number } }
  | { action: 'rollback'; parameters: { version: string } };

async function act(body: Action): Promise<string> {
  const { data, error, response } = await ss.POST(ssPaths.action, { params: { path: ids }, body });
  expect(error).toBeUndefined();
  expectValidBody('performComponentInstanceAction', response.status, data);
  return data?.job_id ?? '';
}

async function poll(jobId: string) {
  const { data, response } = await ss.GET(ssPaths.job, { params: { path: { job_id: jobId } } });
  expectValidBody('showJobDetail', response.status, data);
  if (!data) throw new Error(`showJobDetail answered ${response.status}`);
  return data;
}

async function instance() {
  const { data } = await mock.control.GET('/_emulator/servicestage/instances/{instance_id}', {
    params: { path: { instance_id: ids.instance_id }, query: { project_id: PROJECT } },
  });
  return data;
}

const settings = (body: NonNullable<Parameters<MockServer['control']['PATCH']>[1]>['body']) =>
  mock.control.PATCH('/_emulator/settings', { body });

beforeAll(async () => {
  mock = await startMock({ service: 'servicestage', engine: 'emulator', state: 'empty' });
  ss = createServiceStageClient({
    baseUrl: mock.url,
    credentials: { ak: 'AK', sk: 'SK', projectId: PROJECT },
    retry: false,
  });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.control.POST('/_emulator/reset', { body: {} });
  const { response } = await mock.control.POST('/_emulator/servicestage/instances', {
    body: { project_id: PROJECT, ...ids },
  });
  expect(response.status).toBe(201);
});

describe('emulator over HTTP: ServiceStage jobs', () => {
  it('runs stop, start, restart and scale as jobs; the instance follows each one', async () => {
    for (const [body, status] of [
      [{ action: 'stop' }, 'STOPPED'],
      [{ action: 'start' }, 'RUNNING'],
      [{ action: 'restart' }, 'RUNNING'],
      [{ action: 'scale', parameters: { replica: 4 } }, 'RUNNING'],
    ] as const) {
      const jobId = await act(body);
      const detail = await poll(jobId);
      expect(detail.job.EXECUTION_STATUS).toBe('SUCCEEDED');
      expect(detail.tasks.at(-1)?.TASK_STATUS).toBe('SUCCEEDED');
      expect(await instance()).toMatchObject({ status, last_job_id: jobId, last_job_status: 'SUCCEEDED' });
    }
    expect((await instance())?.replica).toBe(4);
  });

  it('refuses an action that does not fit the status (SVCSTG.00100400) and names a missing instance', async () => {
    const start = await ss.POST(ssPaths.action, { params: { path: ids }, body: { action: 'start' } });
    expect(start.response.status).toBe(400);
    expect(start.error?.code).toBe('SVCSTG.00100400');
    const missing = await ss.POST(ssPaths.action, {
      params: { path: { ...ids, instance_id: 'nope' } },
      body: { action: 'stop' },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('SVCSTG.00100412');
    const job = await ss.GET(ssPaths.job, { params: { path: { job_id: 'JOB-unknown' } } });
    expect(job.error?.code).toBe('SVCSTG.00100429');
  });

  it('polls progression: the last task reads RUNNING until the job ends, and waitForJob returns then', async () => {
    await settings({ job_progression: { mode: 'polls', polls: 2 } });
    const jobId = await act({ action: 'scale', parameters: { replica: 2 } });
    expect((await instance())?.status).toBe('UPGRADING');
    const first = await poll(jobId);
    expect(first.tasks.length).toBeGreaterThan(0);
    expect(first.tasks[first.task_count - 1]?.TASK_STATUS).toBe('RUNNING');
    // waitForJob reads RUNNING once more (the second poll), waits, and reads the end on the third.
    let waits = 0;
    const done = await waitForJob(ss, jobId, {
      intervalMs: 1,
      sleep: async () => {
        waits++;
      },
    });
    expect(done.job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(waits).toBe(1);
    expect(await instance()).toMatchObject({ status: 'RUNNING', replica: 2 });
  });

  it('time progression: the job ends when the emulator clock reaches it', async () => {
    await settings({ job_progression: { mode: 'time', seconds: 60 } });
    const jobId = await act({ action: 'stop' });
    await mock.control.POST('/_emulator/clock/advance', { body: { seconds: 59 } });
    expect((await poll(jobId)).job.EXECUTION_STATUS).toBe('RUNNING');
    await mock.control.POST('/_emulator/clock/advance', { body: { seconds: 1 } });
    expect((await instance())?.status).toBe('STOPPED');
    expect((await poll(jobId)).job.EXECUTION_STATUS).toBe('SUCCEEDED');
  });

  it('rolls back to a version from the snapshots (fixture through export and import), else SVCSTG.00100436', async () => {
    const { data: state } = await mock.control.GET('/_emulator/state');
    const record = state?.projects[PROJECT]?.servicestage.instances[0];
    if (!state || !record) throw new Error('no state');
    record.version = '2.0.0';
    record.snapshots.push({
      version: '2.0.0',
      description: 'upgrade',
      instance_id: ids.instance_id,
      create_time: 1,
    });
    expect((await mock.control.PUT('/_emulator/state', { body: state })).response.status).toBe(204);

    const unknown = await ss.POST(ssPaths.action, {
      params: { path: ids },
      body: { action: 'rollback', parameters: { version: '0.9.0' } },
    });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.code).toBe('SVCSTG.00100436');

    await poll(await act({ action: 'rollback', parameters: { version: '1.0.0' } }));
    expect((await instance())?.version).toBe('1.0.0');
    const { data, response } = await ss.GET(ssPaths.snapshots, {
      params: { path: ids, query: { snapshot_order_by: 'version', order: 'asc' } },
    });
    expectValidBody('listComponentInstanceSnapshots', response.status, data);
    expect(data?.snapshots.map((snapshot) => snapshot.version)).toEqual(['1.0.0', '1.0.0', '2.0.0']);
  });
});
