import {
  autoScalingService,
  type ClientOptions,
  createHwcClient,
  type HwcClient,
  type OperationMethods,
  type OperationOptions,
} from '@hwc-openapi/core';
import { routes } from './generated/routes.js';
import type { InstanceHangingInfo, operations, paths } from './generated/schema.js';

export {
  type ClientOptions,
  type Credentials,
  HwcApiError,
  HwcNetworkError,
  HwcTimeoutError,
  type OperationOptions,
  type RetryOptions,
} from '@hwc-openapi/core';
export type * from './generated/schema.js';

/**
 * A typed client for the Auto Scaling lifecycle-hook API: one method per operation, named by its operationId
 * (`createLifecycleHook`...), plus the path-based low-level calls (`GET`, `POST`...). `project_id` comes from the
 * credentials.
 */
export type AutoScalingClient = HwcClient<paths> & OperationMethods<operations>;

/** Creates a client for Auto Scaling, on `region` (Huawei Cloud or, with `cloud: 'otc'`, Open Telekom Cloud) or `baseUrl`. */
export function createAutoScalingClient(options: ClientOptions): AutoScalingClient {
  return createHwcClient<paths, operations>(autoScalingService, options, routes);
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
  options: { instanceId?: string } & OperationOptions = {},
): Promise<HeldInstance[]> {
  const { instanceId, ...callOptions } = options;
  const data = await client.listInstanceHangingInfo(
    { scaling_group_id: scalingGroupId, ...(instanceId !== undefined && { instance_id: instanceId }) },
    callOptions,
  );
  return data.instance_hanging_info.filter((i): i is HeldInstance => i.lifecycle_hook_status === 'HANGING');
}
