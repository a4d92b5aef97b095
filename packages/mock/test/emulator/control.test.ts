import { describe, expect, it, vi } from 'vitest';
import { createFrozenClock, type EmulatorState } from '../../src/engines/emulator/index.js';
import { parseState } from '../../src/engines/emulator/validate-state.js';
import { exampleWorld } from '../../src/spec.js';
import { type Harness, harness, PROJECT } from './helpers.js';

const now = (h: Harness) => (h.control('showClock').body as { now: string }).now;
const state = (h: Harness) => h.control('showState').body as EmulatorState;

/** A group with a launching hook and one held instance, and a ServiceStage instance with a running job. */
function busy(h: Harness, project = PROJECT) {
  h.control('createScalingGroup', { body: { project_id: project, scaling_group_id: 'g1', instances: 1 } });
  const hook = h.engine.answer({
    operationId: 'createLifecycleHook',
    method: 'POST',
    pathTemplate: '',
    pathParams: { project_id: project, scaling_group_id: 'g1' },
    query: {},
    headers: {},
    body: {
      lifecycle_hook_name: 'h',
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      default_timeout: 600,
      notification_topic_urn: 'urn:smn:r:p:t',
    },
    requestId: 'r',
  });
  expect(hook.status).toBe(200);
  h.control('scaleScalingGroup', {
    params: { scaling_group_id: 'g1' },
    body: { project_id: project, add: 1 },
  });
  h.control('createServiceStageInstance', { body: { project_id: project, instance_id: 'i1' } });
}

describe('emulator: the clock', () => {
  it('starts frozen at 2026-01-01T00:00:00Z, or where it is told', () => {
    vi.useFakeTimers({ now: Date.now() });
    try {
      const h = harness('autoscaling');
      expect(now(h)).toBe('2026-01-01T00:00:00Z');
      vi.setSystemTime(Date.now() + 3_600_000); // an hour of wall-clock time changes nothing
      expect(now(h)).toBe('2026-01-01T00:00:00Z');
    } finally {
      vi.useRealTimers();
    }
    expect(now(harness('autoscaling', { clock: createFrozenClock('2030-05-06T07:08:09.900Z') }))).toBe(
      '2030-05-06T07:08:09Z',
    );
  });

  it('advances by whole seconds and sets forward, never backward (409)', () => {
    const h = harness('autoscaling');
    expect(h.control('advanceClock', { body: { seconds: 90 } }).body).toEqual({
      now: '2026-01-01T00:01:30Z',
    });
    expect(h.control('advanceClock', { body: { seconds: 0 } }).body).toEqual({ now: '2026-01-01T00:01:30Z' });
    expect(h.control('setClock', { body: { now: '2026-02-01T00:00:00+08:00' } }).body).toEqual({
      now: '2026-01-31T16:00:00Z',
    });
    const back = h.control('setClock', { body: { now: '2026-01-01T00:00:00Z' } });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ error_code: 'EMULATOR.0409' });
    expect(h.control('advanceClock', { body: { seconds: -1 } }).status).toBe(400);
    expect(h.control('advanceClock', { body: { seconds: 31_536_001 } }).status).toBe(400);
    expect(now(h)).toBe('2026-01-31T16:00:00Z');
  });

  it('uses an injected clock as its only time source', () => {
    const clock = createFrozenClock('2027-03-03T03:03:03Z');
    const h = harness('autoscaling', { clock });
    h.control('advanceClock', { body: { seconds: 7 } });
    expect(clock.now()).toBe(Date.parse('2027-03-03T03:03:10Z'));
  });
});

describe('emulator: settings', () => {
  it('shows the defaults and patches only what is sent', () => {
    const h = harness('servicestage');
    expect(h.control('showSettings').body).toEqual({
      job_progression: { mode: 'immediate', polls: 2, seconds: 30 },
      replace_abandoned_instances: false,
      extend_limit: null,
      fail_next_jobs: 0,
    });
    const patched = h.control('updateSettings', {
      body: { job_progression: { mode: 'time' }, extend_limit: 3 },
    });
    expect(patched.body).toEqual({
      job_progression: { mode: 'time', polls: 2, seconds: 30 },
      replace_abandoned_instances: false,
      extend_limit: 3,
      fail_next_jobs: 0,
    });
    expect(h.control('updateSettings', { body: { extend_limit: null } }).body).toMatchObject({
      extend_limit: null,
    });
    const bad = h.control('updateSettings', { body: { job_progression: { mode: 'later' } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: 'EMULATOR.0400' });
    expect(String((bad.body as { error_msg: string }).error_msg)).toContain('settings.job_progression.mode');
  });

  it('rejects invalid settings given to the engine with a TypeError naming the field', () => {
    expect(() => harness('servicestage', { settings: { extend_limit: -1 } })).toThrow(
      /settings\.extend_limit/,
    );
    expect(() => harness('servicestage', { settings: { fail: true } })).toThrow(
      /settings\.fail: unknown field/,
    );
    expect(() => harness('servicestage', { settings: 5 })).toThrow(
      'Invalid emulator settings: must be object.',
    );
    expect(() => harness('servicestage', { state: [] })).toThrow('Invalid emulator state: must be object.');
  });
});

describe('emulator: reset', () => {
  it('drops one project, keeping the clock, settings and other projects', () => {
    const h = harness('autoscaling');
    busy(h, 'p1');
    busy(h, 'p2');
    h.control('advanceClock', { body: { seconds: 5 } });
    h.control('updateSettings', { body: { extend_limit: 1 } });
    expect(h.control('resetEmulator', { body: { project_id: 'p1' } })).toEqual({ status: 204 });
    const after = state(h);
    expect(Object.keys(after.projects)).toEqual(['p2']);
    expect(after.now).toBe('2026-01-01T00:00:05Z');
    expect(after.settings.extend_limit).toBe(1);
    expect(h.control('resetEmulator', { body: { project_id: 'unknown' } }).status).toBe(204);
  });

  it('drops everything: state, clock and settings return to where the engine started', () => {
    const h = harness('autoscaling', { settings: { replace_abandoned_instances: true } });
    busy(h);
    h.control('advanceClock', { body: { seconds: 5 } });
    h.control('updateSettings', { body: { extend_limit: 1 } });
    expect(h.control('resetEmulator')).toEqual({ status: 204 });
    expect(state(h)).toEqual({
      version: 1,
      now: '2026-01-01T00:00:00Z',
      settings: {
        job_progression: { mode: 'immediate', polls: 2, seconds: 30 },
        replace_abandoned_instances: true,
        extend_limit: null,
        fail_next_jobs: 0,
      },
      projects: {},
    });
  });
});

describe('emulator: state export and import', () => {
  it('round-trips: an imported export answers like the original, clock included', () => {
    const first = harness('autoscaling', { settings: { job_progression: { mode: 'polls', polls: 4 } } });
    busy(first);
    first.control('advanceClock', { body: { seconds: 100 } });
    const exported = state(first);
    const second = harness('autoscaling');
    expect(second.control('replaceState', { body: exported })).toEqual({ status: 204 });
    expect(state(second)).toEqual(exported);
    // Deadlines carry over: the held instance is abandoned at 600 s on the new engine's clock too.
    second.control('advanceClock', { body: { seconds: 500 } });
    expect(state(second).projects[PROJECT]?.autoscaling.groups[0]?.instances).toHaveLength(1);
    // The export is a copy: changing it changes nothing inside the engine.
    exported.projects[PROJECT]?.autoscaling.groups.pop();
    expect(state(first).projects[PROJECT]?.autoscaling.groups).toHaveLength(1);
  });

  it('round-trips a running ServiceStage job, which then ends on the new engine', () => {
    const first = harness('servicestage', { settings: { job_progression: { mode: 'polls', polls: 1 } } });
    const ids = { application_id: 'a', component_id: 'c', instance_id: 'i' };
    first.control('createServiceStageInstance', { body: { project_id: PROJECT, ...ids } });
    const action = first.call('performComponentInstanceAction', { params: ids, body: { action: 'stop' } });
    const jobId = (action.body as { job_id: string }).job_id;
    first.call('showJobDetail', { params: { job_id: jobId } });
    const second = harness('servicestage');
    expect(second.control('replaceState', { body: state(first) }).status).toBe(204);
    const detail = second.call('showJobDetail', { params: { job_id: jobId } }).body as {
      job: { EXECUTION_STATUS: string };
    };
    expect(detail.job.EXECUTION_STATUS).toBe('SUCCEEDED');
    expect(state(second).projects[PROJECT]?.servicestage.instances[0]?.status).toBe('STOPPED');
  });

  it('fires deadlines that an imported state already has due', () => {
    const h = harness('autoscaling');
    busy(h);
    const exported = state(h);
    exported.now = '2026-01-01T00:10:00Z';
    h.control('replaceState', { body: exported });
    const group = state(h).projects[PROJECT]?.autoscaling.groups[0];
    expect(group).toMatchObject({ is_scaling: false, hanging: [] });
    expect(group?.instances).toHaveLength(1);
  });

  it.each(['autoscaling', 'servicestage'] as const)(
    'the %s example world, which startMock trusts, passes the whole check an import gets',
    (service) => {
      const world = exampleWorld(service);
      expect(Object.keys(world.projects).length).toBeGreaterThan(0);
      expect(() => parseState(world)).not.toThrow();
    },
  );

  it('starts from a state given to the engine', () => {
    const first = harness('autoscaling');
    busy(first);
    const exported = state(first);
    expect(state(harness('autoscaling', { state: exported }))).toEqual(exported);
  });

  const mutations: [string, (s: EmulatorState) => void, RegExp][] = [
    ['version', (s) => Object.assign(s, { version: 2 }), /version: must be 1/],
    ['now', (s) => Object.assign(s, { now: 'yesterday' }), /now: must match/],
    ['offset date', (s) => Object.assign(s, { now: '2026-01-01T08:00:00+08:00' }), /now: must match/],
    ['unknown property', (s) => Object.assign(s, { extra: 1 }), /extra: unknown field/],
    [
      'empty group name',
      (s) => Object.assign(s.projects.p1?.autoscaling.groups[0] ?? {}, { scaling_group_name: '' }),
      /projects\.p1\.autoscaling\.groups\.0\.scaling_group_name: must NOT have fewer than 1 characters/,
    ],
    [
      'life_cycle_state',
      (s) =>
        Object.assign(s.projects.p1?.autoscaling.groups[0]?.instances[0] ?? {}, { life_cycle_state: 'GONE' }),
      /projects\.p1\.autoscaling\.groups\.0\.instances\.0\.life_cycle_state: must be one of/,
    ],
    [
      'is_scaling',
      (s) => Object.assign(s.projects.p1?.autoscaling.groups[0] ?? {}, { is_scaling: false }),
      /is_scaling: must be true/,
    ],
    [
      'duplicate key',
      (s) => {
        const group = s.projects.p1?.autoscaling.groups[0];
        const row = group?.hanging[0];
        if (group && row) group.hanging.push({ ...row, lifecycle_hook_name: 'other' });
      },
      /duplicate lifecycle_action_key/,
    ],
    [
      'row of a missing instance',
      (s) => {
        const group = s.projects.p1?.autoscaling.groups[0];
        if (group) group.instances = group.instances.filter((i) => i.life_cycle_state === 'INSERVICE');
      },
      /HANGING row needs its instance/,
    ],
    [
      'six hooks',
      (s) => {
        const group = s.projects.p1?.autoscaling.groups[0];
        const hook = group?.lifecycle_hooks[0];
        for (let i = 0; i < 5; i++)
          if (group && hook) group.lifecycle_hooks.push({ ...hook, lifecycle_hook_name: `x${i}` });
      },
      /lifecycle_hooks: must NOT have more than 5 items/,
    ],
    [
      'job of a missing instance',
      (s) => {
        const jobs = s.projects.p1?.servicestage.jobs;
        jobs?.push({
          job_id: 'JOB1',
          instance_id: 'none',
          action: 'stop',
          created: s.now,
          polls: 0,
          outcome: 'SUCCEEDED',
          detail: {
            task_count: 0,
            job: { JOB_ID: 'JOB1', EXECUTION_STATUS: 'SUCCEEDED' },
            tasks: [],
          } as never,
        });
      },
      /jobs\.0\.instance_id: names no instance/,
    ],
    [
      'record of another project',
      (s) => Object.assign(s.projects.p1?.servicestage.instances[0] ?? {}, { project_id: 'p9' }),
      /project_id: must be the project id/,
    ],
    ['settings', (s) => Object.assign(s.settings, { extend_limit: 'none' }), /settings\.extend_limit/],
  ];

  it.each(mutations)(
    'refuses an import with a bad %s (400 EMULATOR.0400 naming the field) and keeps its state',
    (_name, mutate, message) => {
      const h = harness('autoscaling');
      busy(h);
      const before = state(h);
      const broken = structuredClone(before);
      mutate(broken);
      const answer = h.control('replaceState', { body: broken });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error_code: 'EMULATOR.0400' });
      expect((answer.body as { error_msg: string }).error_msg).toMatch(message);
      expect(state(h)).toEqual(before);
    },
  );

  it('refuses a body that is not a state at all', () => {
    const h = harness('autoscaling');
    for (const body of [undefined, null, [], 'state', { version: 1 }]) {
      expect(h.control('replaceState', { body }).status).toBe(400);
    }
    expect(() => harness('autoscaling', { state: { version: 1 } })).toThrow(TypeError);
  });
});
