import { describe, expect, it } from 'vitest';
import { codeOf, harness, PROJECT, specBody } from './helpers.js';

const hookBody = (name: string, extra: Record<string, unknown> = {}) => ({
  lifecycle_hook_name: name,
  lifecycle_hook_type: 'INSTANCE_LAUNCHING',
  notification_topic_urn: 'urn:smn:region:project:drain-topic',
  ...extra,
});

function withGroup(instances = 0) {
  const h = harness('autoscaling');
  const created = h.control('createScalingGroup', {
    body: { project_id: PROJECT, scaling_group_id: 'g1', instances },
  });
  expect(created.status).toBe(201);
  const group = { scaling_group_id: 'g1' };
  const hook = (name: string) => ({ ...group, lifecycle_hook_name: name });
  return { h, group, hook, instanceIds: (created.body as { instance_ids: string[] }).instance_ids };
}

describe('emulator: lifecycle hooks are stored', () => {
  it('creates a hook with the defaults, the topic name and the clock time, and lists and shows it', () => {
    const { h, group, hook } = withGroup();
    const created = h.call('createLifecycleHook', { params: group, body: hookBody('drain-x') });
    expect(created).toEqual({
      status: 200,
      body: {
        lifecycle_hook_name: 'drain-x',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        default_result: 'ABANDON',
        default_timeout: 3600,
        notification_topic_urn: 'urn:smn:region:project:drain-topic',
        notification_topic_name: 'drain-topic',
        notification_metadata: null,
        create_time: '2026-01-01T00:00:00Z',
      },
    });
    expect(h.call('listLifecycleHooks', { params: group }).body).toEqual({ lifecycle_hooks: [created.body] });
    expect(h.call('showLifecycleHook', { params: hook('drain-x') })).toEqual(created);
  });

  it('updates only the fields sent, and a deleted hook is gone (404)', () => {
    const { h, group, hook } = withGroup();
    h.call('createLifecycleHook', { params: group, body: hookBody('h1', { notification_metadata: 'm' }) });
    const updated = h.call('updateLifecycleHook', {
      params: hook('h1'),
      body: { default_result: 'CONTINUE', default_timeout: 120, notification_topic_urn: 'urn:smn:r:p:other' },
    });
    expect(updated.body).toMatchObject({
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      default_result: 'CONTINUE',
      default_timeout: 120,
      notification_topic_name: 'other',
      notification_metadata: 'm',
    });
    expect(h.call('deleteLifecycleHook', { params: hook('h1') })).toEqual({ status: 204 });
    const gone = h.call('showLifecycleHook', { params: hook('h1') });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(specBody('autoscaling', 'AS.7036'));
    expect(h.call('listLifecycleHooks', { params: group }).body).toEqual({ lifecycle_hooks: [] });
  });

  it('answers 404 with the spec body for an unknown hook on show, update and delete', () => {
    const { h, hook } = withGroup();
    for (const operationId of ['showLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
      const answer = h.call(operationId, { params: hook('nope'), body: {} });
      expect(answer.status, operationId).toBe(404);
      expect(codeOf(answer)).toBe('AS.7036');
    }
  });

  it('refuses a sixth hook (AS.7038) and a duplicate name (AS.7041)', () => {
    const { h, group } = withGroup();
    for (let i = 1; i <= 5; i++)
      expect(h.call('createLifecycleHook', { params: group, body: hookBody(`h${i}`) }).status).toBe(200);
    const sixth = h.call('createLifecycleHook', { params: group, body: hookBody('h6') });
    expect(sixth).toEqual({ status: 400, body: specBody('autoscaling', 'AS.7038') });
    const duplicate = h.call('createLifecycleHook', { params: group, body: hookBody('h1') });
    expect(duplicate).toEqual({ status: 400, body: specBody('autoscaling', 'AS.7041') });
    expect(
      (h.call('listLifecycleHooks', { params: group }).body as { lifecycle_hooks: [] }).lifecycle_hooks,
    ).toHaveLength(5);
  });

  it('answers 400 AS.2007 for an unknown group on every hook operation', () => {
    const { h } = withGroup();
    const params = { scaling_group_id: 'missing', lifecycle_hook_name: 'h1' };
    for (const operationId of [
      'createLifecycleHook',
      'listLifecycleHooks',
      'showLifecycleHook',
      'updateLifecycleHook',
      'deleteLifecycleHook',
      'callbackLifecycleHook',
      'listInstanceHangingInfo',
    ]) {
      const body =
        operationId === 'createLifecycleHook'
          ? hookBody('h1')
          : { lifecycle_action_key: 'k', lifecycle_action_result: 'CONTINUE' };
      expect(h.call(operationId, { params, body }), operationId).toEqual({
        status: 400,
        body: specBody('autoscaling', 'AS.2007'),
      });
    }
  });

  it('keeps projects apart: a group of one project is unknown in another', () => {
    const { h, group } = withGroup();
    h.call('createLifecycleHook', { params: group, body: hookBody('h1') });
    const other = { ...group, project_id: 'p2' };
    expect(codeOf(h.call('listLifecycleHooks', { params: other }))).toBe('AS.2007');
    h.control('createScalingGroup', { body: { project_id: 'p2', scaling_group_id: 'g1' } });
    expect(h.call('listLifecycleHooks', { params: other }).body).toEqual({ lifecycle_hooks: [] });
    expect(h.call('createLifecycleHook', { params: other, body: hookBody('h1') }).status).toBe(200);
    expect(
      (h.call('listLifecycleHooks', { params: group }).body as { lifecycle_hooks: [] }).lifecycle_hooks,
    ).toHaveLength(1);
  });

  it('never takes a project from Object.prototype', () => {
    const { h } = withGroup();
    for (const project_id of ['constructor', '__proto__', 'toString']) {
      expect(codeOf(h.call('listLifecycleHooks', { params: { project_id, scaling_group_id: 'g1' } }))).toBe(
        'AS.2007',
      );
    }
    expect(
      h.control('createScalingGroup', { body: { project_id: '__proto__', scaling_group_id: 'g1' } }).status,
    ).toBe(201);
    expect(
      h.call('listLifecycleHooks', { params: { project_id: '__proto__', scaling_group_id: 'g1' } }).status,
    ).toBe(200);
    expect(({} as Record<string, unknown>).autoscaling).toBeUndefined();
  });

  it('refuses hook create, update and delete while the group is scaling (400 AS.2033, the emulator’s choice)', () => {
    const { h, group, hook } = withGroup();
    h.call('createLifecycleHook', { params: group, body: hookBody('h1') });
    h.control('scaleScalingGroup', { params: group, body: { project_id: PROJECT, add: 1 } });
    const refused = { status: 400, body: specBody('autoscaling', 'AS.2033') };
    expect(h.call('createLifecycleHook', { params: group, body: hookBody('h2') })).toEqual(refused);
    expect(h.call('updateLifecycleHook', { params: hook('h1'), body: { default_timeout: 60 } })).toEqual(
      refused,
    );
    expect(h.call('deleteLifecycleHook', { params: hook('h1') })).toEqual(refused);
    expect(h.call('showLifecycleHook', { params: hook('h1') }).status).toBe(200);
  });
});
