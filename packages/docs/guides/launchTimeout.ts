import assert from 'node:assert/strict';
import type { AutoScalingClient } from '@hwc-openapi/autoscaling';
import type { ControlClient } from '@hwc-openapi/mock';
import { ok, projectId } from './setup.js';

/** Lets a launch time out: the hook's default ABANDON deletes the instance when the clock passes its deadline. */
export async function launchTimeout(as: AutoScalingClient, control: ControlClient, hookName = 'app-hook') {
  ok(await control.POST('/_emulator/reset', {}));
  ok(await control.PUT('/_emulator/clock', { body: { now: '2030-01-01T00:00:00Z' } }));
  const { scaling_group_id } = ok(
    await control.POST('/_emulator/autoscaling/groups', {
      body: { project_id: projectId, scaling_group_name: 'timeout-demo', instances: 0 },
    }),
  );

  // No default_result: the hook abandons a launch when its 300 s run out.
  const hook = await as.createLifecycleHook({
    scaling_group_id,
    body: {
      lifecycle_hook_name: hookName,
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      default_timeout: 300,
      notification_topic_urn: `urn:smn:cn-north-4:${projectId}:lifecycle`,
    },
  });
  assert.equal(hook.default_result, 'ABANDON');

  // Two instances launch together.
  const launched = ok(
    await control.POST('/_emulator/autoscaling/groups/{scaling_group_id}/scale', {
      params: { path: { scaling_group_id } },
      body: { project_id: projectId, add: 2 },
    }),
  );
  const [timedOut, extended] = launched.instance_ids;
  assert(timedOut && extended);
  const rowOf = async (instance_id: string) => {
    const rows = await as.listInstanceHangingInfo({ scaling_group_id, instance_id });
    return rows.instance_hanging_info[0];
  };
  assert.equal((await rowOf(timedOut))?.timeout, '2030-01-01T00:05:00Z');

  // The second one's set-up is still running: EXTEND it, by instance ID and hook name.
  await as.callbackLifecycleHook({
    scaling_group_id,
    body: { instance_id: extended, lifecycle_hook_name: hookName, lifecycle_action_result: 'EXTEND' },
  });

  // Nobody calls back for the first one: one second past its deadline, the timeout fires.
  const clock = ok(await control.POST('/_emulator/clock/advance', { body: { seconds: 301 } }));
  assert.equal(clock.now, '2030-01-01T00:05:01Z');

  // It is gone (no replacement), the extended one still waits, and the removed one's row reads ABANDON.
  const instances = await as.listScalingInstances({ scaling_group_id });
  assert.deepEqual(
    instances.scaling_group_instances.map((i) => [i.instance_id, i.life_cycle_state]),
    [[extended, 'PENDING_WAIT']],
  );
  assert.equal((await rowOf(timedOut))?.lifecycle_hook_status, 'ABANDON');
  return { scaling_group_id, timed_out_instance_id: timedOut };
}
