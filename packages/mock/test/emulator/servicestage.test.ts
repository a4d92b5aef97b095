import { describe, expect, it } from 'vitest';
import { codeOf, editState, type Harness, harness, PROJECT, specBody } from './helpers.js';

interface Record_ {
  instance_id: string;
  version: string;
  replica: number;
  status: string;
  snapshots: { version: string; description: string; create_time: number }[];
  last_job_id: string | null;
  last_job_status: string | null;
}
interface JobDetail {
  task_count: number;
  job: { JOB_ID: string; EXECUTION_STATUS: string; SERVICE_INSTANCE_ID: string };
  tasks: { TASK_NAME: string; TASK_STATUS: string; TASK_INDEX: number }[];
}

const ids = { application_id: 'app', component_id: 'comp', instance_id: 'inst' };

function setup(seed: Record<string, unknown> = {}, settings?: unknown) {
  const h = harness('servicestage', settings === undefined ? {} : { settings });
  const created = h.control('createServiceStageInstance', { body: { project_id: PROJECT, ...ids, ...seed } });
  expect(created.status).toBe(201);
  return h;
}

const act = (h: Harness, action: string, parameters?: Record<string, unknown>) =>
  h.call('performComponentInstanceAction', {
    params: ids,
    body: parameters === undefined ? { action } : { action, parameters },
  });
const jobOf = (h: Harness, action: string, parameters?: Record<string, unknown>) => {
  const answer = act(h, action, parameters);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { job_id: string }).job_id;
};
const poll = (h: Harness, jobId: string, query: Record<string, string> = {}) =>
  h.call('showJobDetail', { params: { job_id: jobId }, query }).body as JobDetail;
const record = (h: Harness) =>
  h.control('showServiceStageInstance', { params: { instance_id: 'inst' }, query: { project_id: PROJECT } })
    .body as Record_;
const lastTask = (detail: JobDetail) => detail.tasks[detail.task_count - 1]?.TASK_STATUS;

/** An instance whose snapshots hold 1.0.0 and 2.0.0 and that runs 2.0.0, made through export and import. */
function withTwoVersions(settings?: unknown) {
  const h = setup({ version: '2.0.0' }, settings);
  editState(h, (state) => {
    state.projects[PROJECT]?.servicestage.instances[0]?.snapshots.unshift({
      version: '1.0.0',
      description: 'first',
      instance_id: 'inst',
      create_time: 1,
    });
  });
  return h;
}

describe('emulator: ServiceStage instances are seeded through the control plane', () => {
  it('defaults to RUNNING, version 1.0.0, one replica and a first snapshot', () => {
    const h = harness('servicestage');
    const created = h.control('createServiceStageInstance', { body: { project_id: PROJECT } });
    expect(created.status).toBe(201);
    const body = created.body as Record_ & { application_id: string };
    expect(body).toMatchObject({ version: '1.0.0', replica: 1, status: 'RUNNING', last_job_id: null });
    expect(body.instance_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.snapshots).toEqual([
      {
        version: '1.0.0',
        description: '{"action":"New Version: 1.0.0"}',
        instance_id: body.instance_id,
        create_time: Date.parse('2026-01-01T00:00:00Z'),
      },
    ]);
    expect(
      h.control('createServiceStageInstance', {
        body: { project_id: PROJECT, instance_id: body.instance_id },
      }).status,
    ).toBe(409);
    expect(
      (h.control('listServiceStageInstances', { query: { project_id: PROJECT } }).body as { instances: [] })
        .instances,
    ).toHaveLength(1);
    expect(
      (h.control('listServiceStageInstances', { query: { project_id: 'other' } }).body as { instances: [] })
        .instances,
    ).toEqual([]);
    expect(
      h.control('showServiceStageInstance', {
        params: { instance_id: 'nope' },
        query: { project_id: PROJECT },
      }).status,
    ).toBe(404);
  });
});

describe('emulator: component instance actions', () => {
  it.each([
    ['stop', 'RUNNING', undefined, 'STOPPED'],
    ['start', 'STOPPED', undefined, 'RUNNING'],
    ['restart', 'RUNNING', undefined, 'RUNNING'],
    ['restart', 'FAILED', undefined, 'RUNNING'],
    ['scale', 'RUNNING', { replica: 3 }, 'RUNNING'],
  ])('%s from %s creates a job, and the instance follows it', (action, from, parameters, after) => {
    const h = setup({ status: from });
    const jobId = jobOf(h, action, parameters);
    expect(jobId).toMatch(/^JOB[0-9a-f-]{36}$/);
    const detail = poll(h, jobId);
    expect(detail.job).toMatchObject({
      JOB_ID: jobId,
      EXECUTION_STATUS: 'SUCCEEDED',
      SERVICE_INSTANCE_ID: 'inst',
    });
    expect(detail.tasks.map((task) => [task.TASK_INDEX, task.TASK_NAME, task.TASK_STATUS])).toEqual([
      [1, 'check-instance-status', 'SUCCEEDED'],
      [2, `${action}-instance`, 'SUCCEEDED'],
    ]);
    expect(record(h)).toMatchObject({ status: after, last_job_id: jobId, last_job_status: 'SUCCEEDED' });
    if (action === 'scale') expect(record(h).replica).toBe(3);
  });

  it.each([
    ['start', 'RUNNING'],
    ['stop', 'STOPPED'],
    ['restart', 'STOPPED'],
    ['scale', 'STOPPED'],
    ['rollback', 'STOPPED'],
    ['stop', 'STARTING'],
  ])('refuses %s on a %s instance with 400 SVCSTG.00100400 (the emulator’s choice)', (action, status) => {
    const h = setup({ status });
    const parameters =
      action === 'scale' ? { replica: 2 } : action === 'rollback' ? { version: '1.0.0' } : undefined;
    expect(act(h, action, parameters)).toEqual({
      status: 400,
      body: specBody('servicestage', 'SVCSTG.00100400'),
    });
    expect(record(h)).toMatchObject({ status, last_job_id: null });
  });

  it('answers SVCSTG.00100418 for an action it does not define, and 400 for a replica beyond 200', () => {
    const h = setup();
    expect(act(h, 'constructor')).toEqual({ status: 400, body: specBody('servicestage', 'SVCSTG.00100418') });
    expect(codeOf(act(h, 'scale', { replica: 201 }))).toBe('SVCSTG.00100400');
  });

  it('names what is missing: application, component, instance (404 each), and keeps projects apart', () => {
    const h = setup();
    const call = (params: Record<string, string>) =>
      h.call('performComponentInstanceAction', { params: { ...ids, ...params }, body: { action: 'stop' } });
    expect(call({ application_id: 'x' })).toEqual({
      status: 404,
      body: specBody('servicestage', 'SVCSTG.00100403'),
    });
    expect(call({ component_id: 'x' })).toEqual({
      status: 404,
      body: specBody('servicestage', 'SVCSTG.00100404'),
    });
    expect(call({ instance_id: 'x' })).toEqual({
      status: 404,
      body: specBody('servicestage', 'SVCSTG.00100412'),
    });
    expect(codeOf(call({ project_id: 'p2' }))).toBe('SVCSTG.00100403');
    expect(h.call('listComponentInstanceSnapshots', { params: { ...ids, instance_id: 'x' } }).status).toBe(
      404,
    );
  });

  it('answers 404 SVCSTG.00100429 for an unknown job, and for a job of another project', () => {
    const h = setup();
    expect(h.call('showJobDetail', { params: { job_id: 'JOBnope' } })).toEqual({
      status: 404,
      body: specBody('servicestage', 'SVCSTG.00100429'),
    });
    const jobId = jobOf(h, 'restart');
    expect(codeOf(h.call('showJobDetail', { params: { project_id: 'p2', job_id: jobId } }))).toBe(
      'SVCSTG.00100429',
    );
  });
});

describe('emulator: rollback and snapshots', () => {
  it('rolls back to a version from the snapshots and records a new snapshot', () => {
    const h = withTwoVersions();
    h.control('advanceClock', { body: { seconds: 10 } });
    const jobId = jobOf(h, 'rollback', { version: '1.0.0' });
    expect(poll(h, jobId).job.EXECUTION_STATUS).toBe('SUCCEEDED');
    const after = record(h);
    expect(after).toMatchObject({ version: '1.0.0', status: 'RUNNING', last_job_status: 'SUCCEEDED' });
    expect(after.snapshots.map((snapshot) => snapshot.version)).toEqual(['1.0.0', '2.0.0', '1.0.0']);
    expect(after.snapshots[2]).toMatchObject({
      description: '{"action":"Rollback to Version: 1.0.0"}',
      create_time: Date.parse('2026-01-01T00:00:10Z'),
    });
    const listed = h.call('listComponentInstanceSnapshots', { params: ids }).body as {
      count: number;
      snapshots: { version: string; create_time: number }[];
    };
    expect(listed.count).toBe(3);
    expect(listed.snapshots.map((snapshot) => snapshot.create_time)).toEqual(
      [...listed.snapshots.map((snapshot) => snapshot.create_time)].sort((a, b) => b - a),
    );
    const page = h.call('listComponentInstanceSnapshots', {
      params: ids,
      query: { snapshot_order_by: 'version', order: 'asc', offset: '1', limit: '1' },
    }).body as { count: number; snapshots: { version: string }[] };
    expect(page).toMatchObject({ count: 3, snapshots: [{ version: '1.0.0' }] });
  });

  it('answers 404 SVCSTG.00100436 for a version not in the snapshots, and 400 for the current version', () => {
    const h = withTwoVersions();
    expect(act(h, 'rollback', { version: '9.9.9' })).toEqual({
      status: 404,
      body: specBody('servicestage', 'SVCSTG.00100436'),
    });
    expect(codeOf(act(h, 'rollback', { version: '2.0.0' }))).toBe('SVCSTG.00100400');
    expect(record(h)).toMatchObject({ version: '2.0.0', last_job_id: null });
  });
});

describe('emulator: job progression', () => {
  it('polls: the last task reads RUNNING for the first N polls, then SUCCEEDED; the instance follows', () => {
    const h = setup({}, { job_progression: { mode: 'polls', polls: 3 } });
    const jobId = jobOf(h, 'stop');
    expect(record(h)).toMatchObject({ status: 'STOPPING', last_job_id: jobId, last_job_status: 'RUNNING' });
    expect(act(h, 'restart').status).toBe(400); // STOPPING fits no action
    for (let i = 0; i < 3; i++) {
      const detail = poll(h, jobId);
      expect(detail.task_count).toBeGreaterThan(0);
      expect(lastTask(detail)).toBe('RUNNING');
      expect(detail.job.EXECUTION_STATUS).toBe('RUNNING');
    }
    const done = poll(h, jobId);
    expect(lastTask(done)).toBe('SUCCEEDED');
    expect(done.job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(record(h)).toMatchObject({ status: 'STOPPED', last_job_status: 'SUCCEEDED' });
  });

  it('time: the job ends when the clock reaches created + seconds, whether or not anyone polls', () => {
    const h = setup({}, { job_progression: { mode: 'time', seconds: 30 } });
    const jobId = jobOf(h, 'scale', { replica: 5 });
    expect(record(h)).toMatchObject({ status: 'UPGRADING', replica: 5 });
    expect(lastTask(poll(h, jobId))).toBe('RUNNING');
    h.control('advanceClock', { body: { seconds: 29 } });
    expect(lastTask(poll(h, jobId))).toBe('RUNNING');
    h.control('advanceClock', { body: { seconds: 1 } });
    expect(record(h)).toMatchObject({ status: 'RUNNING', replica: 5, last_job_status: 'SUCCEEDED' });
    expect(lastTask(poll(h, jobId))).toBe('SUCCEEDED');
  });

  it('switching to immediate ends the running jobs at once', () => {
    const h = setup({}, { job_progression: { mode: 'polls', polls: 100 } });
    const jobId = jobOf(h, 'restart');
    expect(record(h).status).toBe('RESTARTING');
    h.control('updateSettings', { body: { job_progression: { mode: 'immediate' } } });
    expect(record(h)).toMatchObject({ status: 'RUNNING', last_job_status: 'SUCCEEDED' });
    expect(lastTask(poll(h, jobId))).toBe('SUCCEEDED');
  });

  it('a job failed by fail_next_jobs ends FAILED (last task FAILED); the instance is FAILED and can be restarted', () => {
    const h = setup({}, { job_progression: { mode: 'polls', polls: 1 } });
    // The next job fails, the one after it does not.
    h.control('updateSettings', { body: { fail_next_jobs: 1 } });
    const failing = jobOf(h, 'scale', { replica: 2 });
    expect((h.control('showSettings').body as { fail_next_jobs: number }).fail_next_jobs).toBe(0);
    expect(lastTask(poll(h, failing))).toBe('RUNNING');
    const failed = poll(h, failing);
    expect(failed.job.EXECUTION_STATUS).toBe('FAILED');
    expect(failed.tasks.map((task) => task.TASK_STATUS)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(record(h)).toMatchObject({ status: 'FAILED', replica: 2, last_job_status: 'FAILED' });
    const retry = jobOf(h, 'restart');
    poll(h, retry);
    expect(poll(h, retry).job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(record(h).status).toBe('RUNNING');
  });

  it('a running job whose imported record says outcome FAILED ends FAILED', () => {
    const h = setup({}, { job_progression: { mode: 'polls', polls: 1 } });
    const jobId = jobOf(h, 'restart');
    editState(h, (state) => {
      const job = state.projects[PROJECT]?.servicestage.jobs.find((entry) => entry.job_id === jobId);
      if (!job) throw new Error(`no job ${jobId} in the export`);
      job.outcome = 'FAILED';
    });
    expect(lastTask(poll(h, jobId))).toBe('RUNNING');
    expect(poll(h, jobId).job.EXECUTION_STATUS).toBe('FAILED');
    expect(record(h)).toMatchObject({ status: 'FAILED', last_job_status: 'FAILED' });
  });

  it('pages and filters the task list as the query asks', () => {
    const h = setup();
    const jobId = jobOf(h, 'restart');
    expect(poll(h, jobId, { desc: 'true' }).tasks.map((task) => task.TASK_INDEX)).toEqual([2, 1]);
    expect(poll(h, jobId, { offset: '1', limit: '1' })).toMatchObject({
      task_count: 2,
      tasks: [{ TASK_INDEX: 2 }],
    });
    expect(poll(h, jobId, { instance_id: 'other' })).toMatchObject({ task_count: 0, tasks: [] });
  });
});
