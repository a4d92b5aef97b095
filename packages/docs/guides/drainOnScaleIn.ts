import assert from 'node:assert/strict';
import type { AutoScalingClient } from '@hwc-openapi/autoscaling';
import type { ControlClient } from '@hwc-openapi/mock';
import { ok, projectId } from './setup.js';

/** Drains an instance on scale-in: a terminating hook holds it until the callback says CONTINUE. */
export async function drainOnScaleIn(as: AutoScalingClient, control: ControlClient, hookName = 'app-hook') {
  // A clean emulator, and a group with two instances in service.
  ok(await control.POST('/_emulator/reset', {}));
  const group = ok(
    await control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: projectId, scaling_group_name: 'drain-demo', instances: 2 },
    }),
  );
  const scaling_group_id = group.scaling_group_id;
  const [drained, kept] = group.instance_ids;
  assert(drained && kept);

  // A terminating hook: if the drain never calls back, CONTINUE removes the instance after 600 s anyway.
  const hook = await as.createLifecycleHook({
    scaling_group_id,
    body: {
      lifecycle_hook_name: hookName,
      lifecycle_hook_type: 'INSTANCE_TERMINATING',
      default_result: 'CONTINUE',
      default_timeout: 600,
      notification_topic_urn: `urn:smn:cn-north-4:${projectId}:lifecycle`,
    },
  });
  assert.equal(hook.lifecycle_hook_type, 'INSTANCE_TERMINATING');

  // Scale in (the control plane stands in for a scaling policy): the instance waits in REMOVING_WAIT.
  ok(
    await control.POST('/_emulator/autoscaling/groups/{scaling_group_id}/scale', {
      params: { path: { scaling_group_id } },
      body: { project_id: projectId, remove: [drained] },
    }),
  );
  const waiting = await as.listScalingInstances({ scaling_group_id, life_cycle_state: 'REMOVING_WAIT' });
  assert.deepEqual(
    waiting.scaling_group_instances.map((i) => i.instance_id),
    [drained],
  );

  // Its row in the hook is HANGING and carries the key of the callback. Drain the instance's traffic here.
  const rows = await as.listInstanceHangingInfo({ scaling_group_id, instance_id: drained });
  const held = rows.instance_hanging_info[0];
  assert.equal(held?.lifecycle_hook_status, 'HANGING');
  assert.equal(held.lifecycle_hook_name, hookName);

  // Drained: call back CONTINUE with the key.
  await as.callbackLifecycleHook({
    scaling_group_id,
    body: { lifecycle_action_key: held.lifecycle_action_key, lifecycle_action_result: 'CONTINUE' },
  });

  // The drained instance is gone; the other one is still in service.
  const left = await as.listScalingInstances({ scaling_group_id });
  assert.deepEqual(
    left.scaling_group_instances.map((i) => [i.instance_id, i.life_cycle_state]),
    [[kept, 'INSERVICE']],
  );
  return { scaling_group_id, drained_instance_id: drained };
}
