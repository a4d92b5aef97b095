import { describe, expect, it } from 'vitest';
import type { EmulatorState } from '../../src/engines/emulator/index.js';
import { codeOf, editState, type Harness, harness, PROJECT, specBody } from './helpers.js';

interface HangingInfo {
  lifecycle_hook_name: string;
  lifecycle_action_key: string;
  instance_id: string;
  lifecycle_hook_status: string;
  timeout: string;
  default_result: string;
}

const group = { scaling_group_id: 'g1' };

/** A group with `instances` INSERVICE instances and the given hooks ([name, type, default_result, timeout]). */
function setup(
  hooks: [string, 'INSTANCE_LAUNCHING' | 'INSTANCE_TERMINATING', 'ABANDON' | 'CONTINUE', number][],
  options: { instances?: number; settings?: unknown } = {},
) {
  const h = harness('autoscaling', options.settings === undefined ? {} : { settings: options.settings });
  const created = h.control('createScalingGroup', {
    body: { project_id: PROJECT, ...group, instances: options.instances ?? 0 },
  });
  for (const [name, type, result, timeout] of hooks) {
    const answer = h.call('createLifecycleHook', {
      params: group,
      body: {
        lifecycle_hook_name: name,
        lifecycle_hook_type: type,
        default_result: result,
        default_timeout: timeout,
        notification_topic_urn: 'urn:smn:r:p:t',
      },
    });
    expect(answer.status).toBe(200);
  }
  return { h, existing: (created.body as { instance_ids: string[] }).instance_ids };
}

const hanging = (h: Harness, query: Record<string, string> = {}) =>
  (
    h.call('listInstanceHangingInfo', { params: group, query }).body as {
      instance_hanging_info: HangingInfo[];
    }
  ).instance_hanging_info;
const held = (h: Harness) => hanging(h).filter((row) => row.lifecycle_hook_status === 'HANGING');
const scale = (h: Harness, body: { add?: number; remove?: string[] }) =>
  h.control('scaleScalingGroup', { params: group, body: { project_id: PROJECT, ...body } });
const addOne = (h: Harness) =>
  (scale(h, { add: 1 }).body as { instance_ids: string[] }).instance_ids[0] as string;
const callback = (h: Harness, body: Record<string, unknown>) =>
  h.call('callbackLifecycleHook', { params: group, body });
const advance = (h: Harness, seconds: number) =>
  (h.control('advanceClock', { body: { seconds } }).body as { now: string }).now;
const groupState = (h: Harness) => {
  const state = h.control('showState').body as EmulatorState;
  return state.projects[PROJECT]?.autoscaling.groups[0];
};
const lifeCycle = (h: Harness, id: string) =>
  groupState(h)?.instances.find((instance) => instance.instance_id === id)?.life_cycle_state ?? 'gone';

describe('emulator: scale-out with launching hooks', () => {
  it('holds each new instance in PENDING_WAIT with one HANGING row per hook, its own key and deadline', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
      ['b', 'INSTANCE_LAUNCHING', 'CONTINUE', 3600],
      ['t', 'INSTANCE_TERMINATING', 'CONTINUE', 60],
    ]);
    const added = scale(h, { add: 2 });
    expect(added.status).toBe(202);
    const ids = (added.body as { instance_ids: string[] }).instance_ids;
    expect(ids).toHaveLength(2);
    const rows = hanging(h);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row) => row.lifecycle_action_key)).size).toBe(4);
    for (const row of rows) expect(row.lifecycle_action_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows.filter((row) => row.instance_id === ids[0])).toEqual([
      expect.objectContaining({
        lifecycle_hook_name: 'a',
        timeout: '2026-01-01T00:10:00Z',
        default_result: 'ABANDON',
      }),
      expect.objectContaining({
        lifecycle_hook_name: 'b',
        timeout: '2026-01-01T01:00:00Z',
        default_result: 'CONTINUE',
      }),
    ]);
    expect(lifeCycle(h, ids[0] as string)).toBe('PENDING_WAIT');
    expect(groupState(h)?.is_scaling).toBe(true);
    expect(hanging(h, { instance_id: ids[1] as string }).every((row) => row.instance_id === ids[1])).toBe(
      true,
    );
  });

  it('puts an instance in service at once when no launching hook exists', () => {
    const { h } = setup([['t', 'INSTANCE_TERMINATING', 'CONTINUE', 60]]);
    const id = addOne(h);
    expect(lifeCycle(h, id)).toBe('INSERVICE');
    expect(hanging(h)).toEqual([]);
    expect(groupState(h)?.is_scaling).toBe(false);
  });

  it('CONTINUE on every row puts the instance in service; resolved rows stay listed until the activity ends', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
      ['b', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
    ]);
    const id = addOne(h);
    expect(
      callback(h, { instance_id: id, lifecycle_hook_name: 'a', lifecycle_action_result: 'CONTINUE' }),
    ).toEqual({
      status: 204,
    });
    expect(hanging(h).map((row) => row.lifecycle_hook_status)).toEqual(['CONTINUE', 'HANGING']);
    expect(lifeCycle(h, id)).toBe('PENDING_WAIT');
    const key = held(h)[0]?.lifecycle_action_key;
    expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'CONTINUE' }).status).toBe(204);
    expect(lifeCycle(h, id)).toBe('INSERVICE');
    expect(groupState(h)?.instances[0]?.health_status).toBe('NORMAL');
    expect(hanging(h)).toEqual([]);
    expect(groupState(h)?.is_scaling).toBe(false);
  });

  it('ABANDON wins over the other hooks: the instance is deleted and its other rows abandoned', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'CONTINUE', 600],
      ['b', 'INSTANCE_LAUNCHING', 'CONTINUE', 600],
      ['c', 'INSTANCE_LAUNCHING', 'CONTINUE', 600],
    ]);
    const id = addOne(h);
    callback(h, { instance_id: id, lifecycle_hook_name: 'a', lifecycle_action_result: 'CONTINUE' });
    callback(h, { instance_id: id, lifecycle_hook_name: 'b', lifecycle_action_result: 'ABANDON' });
    expect(lifeCycle(h, id)).toBe('gone');
    expect(groupState(h)?.instances).toEqual([]);
    expect(groupState(h)?.is_scaling).toBe(false);
    const late = callback(h, {
      instance_id: id,
      lifecycle_hook_name: 'c',
      lifecycle_action_result: 'CONTINUE',
    });
    expect(late).toEqual({ status: 400, body: specBody('autoscaling', 'AS.7042') });
  });

  it('keeps the abandoned rows listed while another instance of the activity is held', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'CONTINUE', 600],
      ['b', 'INSTANCE_LAUNCHING', 'CONTINUE', 600],
    ]);
    const [first, second] = (scale(h, { add: 2 }).body as { instance_ids: string[] }).instance_ids;
    callback(h, { instance_id: first, lifecycle_hook_name: 'a', lifecycle_action_result: 'ABANDON' });
    expect(hanging(h, { instance_id: first as string }).map((row) => row.lifecycle_hook_status)).toEqual([
      'ABANDON',
      'ABANDON',
    ]);
    expect(held(h).map((row) => row.instance_id)).toEqual([second, second]);
  });

  it('launches a replacement for an abandoned instance only when replace_abandoned_instances is set', () => {
    const hooks: [string, 'INSTANCE_LAUNCHING', 'ABANDON', number][] = [
      ['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
    ];
    const plain = setup(hooks).h;
    const gone = addOne(plain);
    callback(plain, { instance_id: gone, lifecycle_hook_name: 'a', lifecycle_action_result: 'ABANDON' });
    expect(groupState(plain)?.instances).toEqual([]);

    const { h } = setup(hooks, { settings: { replace_abandoned_instances: true } });
    const first = addOne(h);
    callback(h, { instance_id: first, lifecycle_hook_name: 'a', lifecycle_action_result: 'ABANDON' });
    const instances = groupState(h)?.instances ?? [];
    expect(instances).toHaveLength(1);
    expect(instances[0]?.instance_id).not.toBe(first);
    expect(instances[0]?.life_cycle_state).toBe('PENDING_WAIT');
    expect(held(h)).toEqual([expect.objectContaining({ instance_id: instances[0]?.instance_id })]);
  });
});

describe('emulator: callbacks', () => {
  it('finds the row by key, or by instance id and hook name; the key wins when both are sent', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
      ['b', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
    ]);
    const id = addOne(h);
    const rowB = hanging(h).find((row) => row.lifecycle_hook_name === 'b') as HangingInfo;
    // Names hook a, but the key names hook b: b is resolved.
    callback(h, {
      lifecycle_action_key: rowB.lifecycle_action_key,
      instance_id: id,
      lifecycle_hook_name: 'a',
      lifecycle_action_result: 'CONTINUE',
    });
    expect(hanging(h).map((row) => [row.lifecycle_hook_name, row.lifecycle_hook_status])).toEqual([
      ['a', 'HANGING'],
      ['b', 'CONTINUE'],
    ]);
    // A key that matches nothing is refused even when the instance and hook name would match.
    const wrongKey = callback(h, {
      lifecycle_action_key: 'no-such-key',
      instance_id: id,
      lifecycle_hook_name: 'a',
      lifecycle_action_result: 'CONTINUE',
    });
    expect(codeOf(wrongKey)).toBe('AS.7042');
    expect(lifeCycle(h, id)).toBe('PENDING_WAIT');
  });

  it('answers AS.7042 for an unknown key, an unknown instance or hook, and a row that is no longer HANGING', () => {
    const { h } = setup([
      ['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
      ['b', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
    ]);
    const id = addOne(h);
    const refused = { status: 400, body: specBody('autoscaling', 'AS.7042') };
    expect(callback(h, { lifecycle_action_key: 'nope', lifecycle_action_result: 'CONTINUE' })).toEqual(
      refused,
    );
    expect(
      callback(h, { instance_id: 'nope', lifecycle_hook_name: 'a', lifecycle_action_result: 'CONTINUE' }),
    ).toEqual(refused);
    expect(
      callback(h, { instance_id: id, lifecycle_hook_name: 'zz', lifecycle_action_result: 'CONTINUE' }),
    ).toEqual(refused);
    const key = hanging(h)[0]?.lifecycle_action_key;
    expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'CONTINUE' }).status).toBe(204);
    expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'CONTINUE' })).toEqual(refused);
    expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'EXTEND' })).toEqual(refused);
    expect(
      callback(h, { instance_id: id, lifecycle_hook_name: 'a', lifecycle_action_result: 'ABANDON' }),
    ).toEqual(refused);
  });

  it('a key of another group or project is unknown here', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600]]);
    addOne(h);
    const key = hanging(h)[0]?.lifecycle_action_key;
    h.control('createScalingGroup', { body: { project_id: 'p2', ...group } });
    const elsewhere = h.call('callbackLifecycleHook', {
      params: { ...group, project_id: 'p2' },
      body: { lifecycle_action_key: key, lifecycle_action_result: 'CONTINUE' },
    });
    expect(codeOf(elsewhere)).toBe('AS.7042');
    expect(held(h)).toHaveLength(1);
  });

  it('EXTEND moves the deadline by 3600 s each time and keeps the row HANGING', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600]]);
    addOne(h);
    const key = hanging(h)[0]?.lifecycle_action_key;
    for (const expected of ['2026-01-01T01:10:00Z', '2026-01-01T02:10:00Z']) {
      expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'EXTEND' }).status).toBe(204);
      expect(hanging(h)[0]).toMatchObject({ lifecycle_hook_status: 'HANGING', timeout: expected });
    }
    advance(h, 600 + 3600);
    expect(held(h)).toHaveLength(1);
    advance(h, 3600);
    expect(groupState(h)?.instances).toEqual([]);
  });

  it('refuses an EXTEND beyond settings.extend_limit with AS.7042', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'ABANDON', 600]], { settings: { extend_limit: 2 } });
    addOne(h);
    const key = hanging(h)[0]?.lifecycle_action_key;
    const extend = () => callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'EXTEND' });
    expect(extend().status).toBe(204);
    expect(extend().status).toBe(204);
    expect(codeOf(extend())).toBe('AS.7042');
    expect(hanging(h)[0]?.timeout).toBe('2026-01-01T02:10:00Z');
    expect(callback(h, { lifecycle_action_key: key, lifecycle_action_result: 'CONTINUE' }).status).toBe(204);
  });
});

describe('emulator: timeouts on the emulator clock', () => {
  it('applies default_result when a deadline falls due, in deadline order, and not before', () => {
    const { h } = setup([
      ['fast', 'INSTANCE_LAUNCHING', 'CONTINUE', 60],
      ['slow', 'INSTANCE_LAUNCHING', 'ABANDON', 120],
    ]);
    const id = addOne(h);
    expect(advance(h, 59)).toBe('2026-01-01T00:00:59Z');
    expect(held(h)).toHaveLength(2);
    expect(advance(h, 1)).toBe('2026-01-01T00:01:00Z');
    expect(hanging(h).map((row) => row.lifecycle_hook_status)).toEqual(['CONTINUE', 'HANGING']);
    expect(lifeCycle(h, id)).toBe('PENDING_WAIT');
    expect(advance(h, 3600)).toBe('2026-01-01T01:01:00Z');
    expect(lifeCycle(h, id)).toBe('gone');
    expect(groupState(h)?.is_scaling).toBe(false);
  });

  it('a CONTINUE timeout puts the instance in service', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'CONTINUE', 300]]);
    const id = addOne(h);
    h.control('setClock', { body: { now: '2026-01-01T00:05:00Z' } });
    expect(lifeCycle(h, id)).toBe('INSERVICE');
  });

  it('fires replacements created by a timeout when they fall due within the same advance', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'ABANDON', 60]], {
      settings: { replace_abandoned_instances: true },
    });
    const first = addOne(h);
    advance(h, 150); // first abandoned at 60 s, its replacement at 120 s, the next one waits until 180 s
    const instances = groupState(h)?.instances ?? [];
    expect(instances).toHaveLength(1);
    expect(instances[0]?.instance_id).not.toBe(first);
    expect(held(h)[0]?.timeout).toBe('2026-01-01T00:03:00Z');
    expect(hanging(h)).toHaveLength(1); // a replaced launch leaves no rows behind
  });

  it('refuses, changing nothing, a move of the clock that would fire more than 100000 deadlines', () => {
    const { h } = setup([['a', 'INSTANCE_LAUNCHING', 'ABANDON', 60]], {
      settings: { replace_abandoned_instances: true },
    });
    scale(h, { add: 2 });
    advance(h, 86_400); // 2 x 1440 launches abandoned and replaced
    expect(hanging(h)).toHaveLength(2);
    const before = h.control('showState').body;
    const year = h.control('advanceClock', { body: { seconds: 31_536_000 } });
    expect(year.status).toBe(400);
    expect(year.body).toMatchObject({ error_code: 'EMULATOR.0400' });
    expect((year.body as { error_msg: string }).error_msg).toMatch(/smaller steps/);
    expect(h.control('showState').body).toEqual(before);
  });
});

describe('emulator: scale-in with terminating hooks', () => {
  it('holds the removed instance in REMOVING_WAIT and removes it when every row is resolved', () => {
    const { h, existing } = setup(
      [
        ['t1', 'INSTANCE_TERMINATING', 'ABANDON', 600],
        ['t2', 'INSTANCE_TERMINATING', 'ABANDON', 600],
        ['l', 'INSTANCE_LAUNCHING', 'ABANDON', 600],
      ],
      { instances: 2 },
    );
    const [victim, keeper] = existing as [string, string];
    expect(scale(h, { remove: [victim] })).toEqual({ status: 202, body: { instance_ids: [victim] } });
    expect(lifeCycle(h, victim)).toBe('REMOVING_WAIT');
    expect(held(h).map((row) => row.lifecycle_hook_name)).toEqual(['t1', 't2']);
    callback(h, { instance_id: victim, lifecycle_hook_name: 't1', lifecycle_action_result: 'CONTINUE' });
    expect(lifeCycle(h, victim)).toBe('REMOVING_WAIT');
    callback(h, { instance_id: victim, lifecycle_hook_name: 't2', lifecycle_action_result: 'CONTINUE' });
    expect(lifeCycle(h, victim)).toBe('gone');
    expect(lifeCycle(h, keeper)).toBe('INSERVICE');
  });

  it('ABANDON resolves the remaining rows at once; the instance is removed either way', () => {
    const { h, existing } = setup(
      [
        ['t1', 'INSTANCE_TERMINATING', 'CONTINUE', 600],
        ['t2', 'INSTANCE_TERMINATING', 'CONTINUE', 600],
      ],
      { instances: 2 },
    );
    scale(h, { remove: existing });
    const [first, second] = existing as [string, string];
    callback(h, { instance_id: first, lifecycle_hook_name: 't2', lifecycle_action_result: 'ABANDON' });
    expect(lifeCycle(h, first)).toBe('gone');
    expect(hanging(h, { instance_id: first }).map((row) => row.lifecycle_hook_status)).toEqual([
      'ABANDON',
      'ABANDON',
    ]);
    advance(h, 600);
    expect(lifeCycle(h, second)).toBe('gone');
    expect(groupState(h)?.instances).toEqual([]);
  });

  it('removes at once without terminating hooks, and refuses what the service would refuse', () => {
    const { h, existing } = setup([['l', 'INSTANCE_LAUNCHING', 'ABANDON', 600]], { instances: 1 });
    const id = existing[0] as string;
    expect(scale(h, {}).status).toBe(400);
    expect(scale(h, { remove: ['nope'] }).status).toBe(404);
    expect(scale(h, { remove: [id, id] }).status).toBe(400);
    expect(
      h.control('scaleScalingGroup', {
        params: { scaling_group_id: 'nope' },
        body: { project_id: PROJECT, add: 1 },
      }).status,
    ).toBe(404);
    const pending = addOne(h);
    expect(scale(h, { remove: [id] }).status).toBe(409); // the group is scaling
    callback(h, { instance_id: pending, lifecycle_hook_name: 'l', lifecycle_action_result: 'CONTINUE' });
    expect(scale(h, { remove: [id] }).status).toBe(202);
    expect(lifeCycle(h, id)).toBe('gone');
  });

  it('refuses to remove an instance that is not INSERVICE (409)', () => {
    const { h } = setup([['t', 'INSTANCE_TERMINATING', 'ABANDON', 600]], { instances: 0 });
    editState(h, (state) => {
      state.projects[PROJECT]?.autoscaling.groups[0]?.instances.push({
        instance_id: 'standby',
        instance_name: 'standby',
        scaling_group_id: 'g1',
        scaling_group_name: 'g',
        life_cycle_state: 'STANDBY',
        health_status: 'NORMAL',
        scaling_configuration_name: 'c',
        scaling_configuration_id: 'c',
        create_time: '2026-01-01T00:00:00Z',
        protect_from_scaling_down: false,
      });
    });
    expect(scale(h, { remove: ['standby'] }).status).toBe(409);
  });
});

describe('emulator: the README drain loop', () => {
  it('lists held instances, calls back CONTINUE for each, and stops when none is held', () => {
    const { h, existing } = setup(
      [
        ['l1', 'INSTANCE_LAUNCHING', 'ABANDON', 3600],
        ['l2', 'INSTANCE_LAUNCHING', 'ABANDON', 3600],
        ['t1', 'INSTANCE_TERMINATING', 'ABANDON', 3600],
      ],
      { instances: 3 },
    );
    scale(h, { add: 4, remove: existing.slice(0, 2) });
    let rounds = 0;
    let callbacks = 0;
    for (;;) {
      const rows = held(h);
      if (rows.length === 0) break;
      rounds++;
      expect(rounds).toBeLessThan(10);
      for (const row of rows) {
        expect(
          callback(h, { lifecycle_action_key: row.lifecycle_action_key, lifecycle_action_result: 'CONTINUE' })
            .status,
        ).toBe(204);
        callbacks++;
      }
    }
    expect(rounds).toBe(1);
    expect(callbacks).toBe(4 * 2 + 2);
    expect(groupState(h)?.instances.map((instance) => instance.life_cycle_state)).toEqual(
      Array(5).fill('INSERVICE'),
    );
  });
});
