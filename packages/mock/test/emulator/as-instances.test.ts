import { describe, expect, it } from 'vitest';
import { harness, PROJECT } from './helpers.js';

const group = { scaling_group_id: 'g1' };

interface Page {
  total_number: number;
  start_number: number;
  limit: number;
  scaling_group_instances: { instance_id: string; life_cycle_state: string; health_status: string }[];
}

describe('emulator: listScalingInstances', () => {
  function setup() {
    const h = harness('autoscaling');
    h.control('createScalingGroup', {
      body: { project_id: PROJECT, ...group, scaling_group_name: 'web', instances: 25 },
    });
    h.call('createLifecycleHook', {
      params: group,
      body: {
        lifecycle_hook_name: 'l',
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        notification_topic_urn: 'urn:smn:r:p:t',
      },
    });
    h.control('scaleScalingGroup', { params: group, body: { project_id: PROJECT, add: 2 } });
    const list = (query: Record<string, string> = {}) =>
      h.call('listScalingInstances', { params: group, query }).body as Page;
    return { h, list };
  }

  it('pages with start_number and limit (default 20) and counts every match', () => {
    const { list } = setup();
    const first = list();
    expect(first).toMatchObject({ total_number: 27, start_number: 0, limit: 20 });
    expect(first.scaling_group_instances).toHaveLength(20);
    const rest = list({ start_number: '20', limit: '100' });
    expect(rest.scaling_group_instances).toHaveLength(7);
    expect(list({ limit: '0' }).scaling_group_instances).toEqual([]);
  });

  it('filters by life_cycle_state and health_status, with the SDK model fields', () => {
    const { list } = setup();
    const waiting = list({ life_cycle_state: 'PENDING_WAIT' });
    expect(waiting.total_number).toBe(2);
    expect(waiting.scaling_group_instances[0]).toMatchObject({
      scaling_group_id: 'g1',
      scaling_group_name: 'web',
      life_cycle_state: 'PENDING_WAIT',
      health_status: 'INITIALIZING',
      protect_from_scaling_down: false,
      create_time: '2026-01-01T00:00:00Z',
    });
    expect(list({ life_cycle_state: 'INSERVICE', health_status: 'NORMAL' }).total_number).toBe(25);
    expect(list({ life_cycle_state: 'REMOVING_WAIT' }).total_number).toBe(0);
    expect(list({ protect_from_scaling_down: 'true' }).total_number).toBe(0);
  });
});
