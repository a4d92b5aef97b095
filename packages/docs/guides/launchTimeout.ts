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

  // No default_result: the hook abandons the launch when its 300 s run out.
  const hook = ok(
    await as.POST('/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}', {
      params: { path: { scaling_group_id } },
      body: {
        lifecycle_hook_name: hookName,
        lifecycle_hook_type: 'INSTANCE_LAUNCHING',
        default_timeout: 300,
        notification_topic_urn: `urn:smn:cn-north-4:${projectId}:lifecycle`,
      },
    }),
  );
  assert.equal(hook.default_result, 'ABANDON');

  const scaled = ok(
    await control.POST('/_emulator/autoscaling/groups/{scaling_group_id}/scale', {
      params: { path: { scaling_group_id } },
      body: { project_id: projectId, add: 1 },
    }),
  );
  const instance_id = scaled.instance_ids[0];
  assert(instance_id);
  const hookRow = async () => {
    const rows = ok(
      await as.GET('/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list', {
        params: { path: { scaling_group_id }, query: { instance_id } },
      }),
    );
    return rows.instance_hanging_info[0];
  };
  assert.equal((await hookRow())?.timeout, '2030-01-01T00:05:00Z');

  // Nobody calls back: one second past the deadline, the timeout fires.
  const clock = ok(await control.POST('/_emulator/clock/advance', { body: { seconds: 301 } }));
  assert.equal(clock.now, '2030-01-01T00:05:01Z');

  // The instance is gone, no replacement was launched, and its row reads ABANDON.
  const instances = ok(
    await as.GET('/autoscaling-api/v1/{project_id}/scaling_group_instance/{scaling_group_id}/list', {
      params: { path: { scaling_group_id } },
    }),
  );
  assert.equal(instances.total_number, 0);
  assert.equal((await hookRow())?.lifecycle_hook_status, 'ABANDON');
  return { scaling_group_id, instance_id };
}
