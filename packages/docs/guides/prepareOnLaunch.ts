import assert from 'node:assert/strict';
import type { AutoScalingClient } from '@hwc-openapi/autoscaling';
import type { ControlClient } from '@hwc-openapi/mock';
import { ok, projectId } from './setup.js';

/** Prepares an instance on launch: EXTEND while the set-up runs, then CONTINUE puts it in service. */
export async function prepareOnLaunch(as: AutoScalingClient, control: ControlClient, hookName = 'app-hook') {
  // A clean emulator whose clock reads a known time, and an empty group.
  ok(await control.POST('/_emulator/reset', {}));
  ok(await control.PUT('/_emulator/clock', { body: { now: '2030-01-01T00:00:00Z' } }));
  const { scaling_group_id } = ok(
    await control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: projectId, scaling_group_name: 'launch-demo', instances: 0 },
    }),
  );

  // A launching hook: if nobody calls back within 600 s, the launch is abandoned.
  await as.createLifecycleHook({
    scaling_group_id,
    body: {
      lifecycle_hook_name: hookName,
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      default_result: 'ABANDON',
      default_timeout: 600,
      notification_topic_urn: `urn:smn:cn-north-4:${projectId}:lifecycle`,
    },
  });

  // Scale out by one: the new instance waits in the hook until launch + 600 s.
  const scaled = ok(
    await control.POST('/_emulator/autoscaling/groups/{scaling_group_id}/scale', {
      params: { path: { scaling_group_id } },
      body: { project_id: projectId, add: 1 },
    }),
  );
  const instance_id = scaled.instance_ids[0];
  assert(instance_id);
  const heldRow = async () => {
    const rows = await as.listInstanceHangingInfo({ scaling_group_id, instance_id });
    const row = rows.instance_hanging_info[0];
    assert.equal(row?.lifecycle_hook_status, 'HANGING');
    return row;
  };
  const before = await heldRow();
  assert.equal(before.timeout, '2030-01-01T00:10:00Z');

  // The set-up needs more time: EXTEND moves the deadline by 3600 s.
  await as.callbackLifecycleHook({
    scaling_group_id,
    body: { lifecycle_action_key: before.lifecycle_action_key, lifecycle_action_result: 'EXTEND' },
  });
  const after = await heldRow();
  assert.equal(Date.parse(after.timeout) - Date.parse(before.timeout), 3600 * 1000);

  // Done: CONTINUE, this time naming the row by instance ID and hook name.
  await as.callbackLifecycleHook({
    scaling_group_id,
    body: { instance_id, lifecycle_hook_name: hookName, lifecycle_action_result: 'CONTINUE' },
  });
  const instances = await as.listScalingInstances({ scaling_group_id });
  assert.deepEqual(
    instances.scaling_group_instances.map((i) => [i.instance_id, i.life_cycle_state]),
    [[instance_id, 'INSERVICE']],
  );
  return { scaling_group_id, instance_id };
}
