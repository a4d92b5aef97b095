import { autoScalingService, type ClientOptions, createHwcClient, type HwcClient } from '@hwc-openapi/core';
import type { InstanceHangingInfo, paths } from './generated/schema.js';

export {
  type ClientOptions,
  type Credentials,
  HwcApiError,
  HwcNetworkError,
  HwcTimeoutError,
  type RetryOptions,
} from '@hwc-openapi/core';
export type * from './generated/schema.js';

/** A typed client for the Auto Scaling lifecycle-hook API; `project_id` comes from the credentials. */
export type AutoScalingClient = HwcClient<paths>;

/** Creates a client for Auto Scaling, on `region` (Huawei Cloud or, with `cloud: 'otc'`, Open Telekom Cloud) or `baseUrl`. */
export function createAutoScalingClient(options: ClientOptions): AutoScalingClient {
  return createHwcClient<paths>(autoScalingService, options);
}

/** An instance that a lifecycle hook holds now, so it can be called back. */
export type HeldInstance = InstanceHangingInfo & { lifecycle_hook_status: 'HANGING' };

/**
 * Lists the instances of an AS group that its lifecycle hooks hold now (status `HANGING`), each with the
 * `lifecycle_action_key` a callback needs. Rejects with the call's `HwcApiError` when the service refuses.
 */
export async function listHeldInstances(
  client: AutoScalingClient,
  scalingGroupId: string,
  options: { instanceId?: string; signal?: AbortSignal } = {},
): Promise<HeldInstance[]> {
  const { data, error } = await client.GET(
    '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list',
    {
      params: {
        path: { scaling_group_id: scalingGroupId },
        ...(options.instanceId !== undefined && { query: { instance_id: options.instanceId } }),
      },
      ...(options.signal && { signal: options.signal }),
    },
  );
  if (error) throw error;
  return data.instance_hanging_info.filter((i): i is HeldInstance => i.lifecycle_hook_status === 'HANGING');
}
