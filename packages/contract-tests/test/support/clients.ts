import { type AutoScalingClient, createAutoScalingClient } from '@hwc-openapi/autoscaling';
import { createServiceStageClient, type ServiceStageClient } from '@hwc-openapi/servicestage';
import { inject } from 'vitest';

export const PROJECT_ID = 'b53e5554fad0494d96206fb84296510b';
export const GROUP = 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a';
export const HOOK = 'test-hook1';
export const APP = '2e3bd8a0-7d56-4b8d-a0c6-5f4d1f1cbb4b';
export const COMPONENT = '6b4fd8e1-2d92-4e4e-9c31-3f2a5b8a7c10';
export const INSTANCE = '11eddb33-140b-4e51-b1e2-6ec265373ca3';
export const JOB = 'JOB66761060-f209-407c-a093-4df6f531b9dc';

const credentials = { ak: 'AK', sk: 'SK', projectId: PROJECT_ID };

/** The published AS client on the mock. No retries: 502/503/504 are answered on purpose here. */
export function asClient(): AutoScalingClient {
  return createAutoScalingClient({ baseUrl: inject('asUrl'), credentials, retry: false });
}

export function ssClient(): ServiceStageClient {
  return createServiceStageClient({ baseUrl: inject('ssUrl'), credentials, retry: false });
}

export type Headers = Record<string, string>;

/** What every call returns: openapi-fetch's result with an `HwcApiError` as `error`. */
export interface CallResult {
  readonly data?: unknown;
  readonly error?: { readonly status: number; readonly code: string | undefined; readonly body: unknown };
  readonly response: Response;
}

export const CREATE_BODY = {
  lifecycle_hook_name: 'test-hook1',
  default_result: 'ABANDON',
  default_timeout: 3600,
  notification_topic_urn: 'urn:smn:regionId:b53e5554fad0494d96206fb84296510b:gsh',
  lifecycle_hook_type: 'INSTANCE_LAUNCHING',
} as const;

export const CALLBACK_BODY = {
  lifecycle_action_result: 'ABANDON',
  lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
} as const;

export const SCALE_BODY = { action: 'scale', parameters: { replica: 4 } } as const;

const asPaths = {
  hooks: '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}',
  hookList: '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/list',
  hook: '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}',
  callback: '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/callback',
  hanging: '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list',
  instances: '/autoscaling-api/v1/{project_id}/scaling_group_instance/{scaling_group_id}/list',
} as const;

const ssPaths = {
  action:
    '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action',
  snapshots:
    '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/snapshots',
  job: '/v2/{project_id}/cas/jobs/{job_id}',
} as const;

const instancePath = { application_id: APP, component_id: COMPONENT, instance_id: INSTANCE };

/** One valid call per operation, through the published clients; `headers` carries `Prefer`. */
export const validCalls: Readonly<Record<string, (headers: Headers) => Promise<CallResult>>> = {
  createLifecycleHook: (headers) =>
    asClient().POST(asPaths.hooks, {
      params: { path: { scaling_group_id: GROUP } },
      body: CREATE_BODY,
      headers,
    }),
  listLifecycleHooks: (headers) =>
    asClient().GET(asPaths.hookList, { params: { path: { scaling_group_id: GROUP } }, headers }),
  showLifecycleHook: (headers) =>
    asClient().GET(asPaths.hook, {
      params: { path: { scaling_group_id: GROUP, lifecycle_hook_name: HOOK } },
      headers,
    }),
  updateLifecycleHook: (headers) =>
    asClient().PUT(asPaths.hook, {
      params: { path: { scaling_group_id: GROUP, lifecycle_hook_name: HOOK } },
      body: { default_result: 'CONTINUE' },
      headers,
    }),
  deleteLifecycleHook: (headers) =>
    asClient().DELETE(asPaths.hook, {
      params: { path: { scaling_group_id: GROUP, lifecycle_hook_name: HOOK } },
      headers,
    }),
  callbackLifecycleHook: (headers) =>
    asClient().PUT(asPaths.callback, {
      params: { path: { scaling_group_id: GROUP } },
      body: CALLBACK_BODY,
      headers,
    }),
  listInstanceHangingInfo: (headers) =>
    asClient().GET(asPaths.hanging, {
      params: {
        path: { scaling_group_id: GROUP },
        query: { instance_id: 'b25c1589-c96c-465b-9fef-d06540d1945c' },
      },
      headers,
    }),
  listScalingInstances: (headers) =>
    asClient().GET(asPaths.instances, {
      params: {
        path: { scaling_group_id: GROUP },
        query: { life_cycle_state: 'INSERVICE', health_status: 'NORMAL', start_number: 0, limit: 10 },
      },
      headers,
    }),
  performComponentInstanceAction: (headers) =>
    ssClient().POST(ssPaths.action, { params: { path: instancePath }, body: SCALE_BODY, headers }),
  listComponentInstanceSnapshots: (headers) =>
    ssClient().GET(ssPaths.snapshots, {
      params: {
        path: instancePath,
        query: { limit: 10, offset: 0, snapshot_order_by: 'create_time', order: 'desc' },
      },
      headers,
    }),
  showJobDetail: (headers) =>
    ssClient().GET(ssPaths.job, {
      params: { path: { job_id: JOB }, query: { instance_id: INSTANCE, limit: 10, offset: 0, desc: 'true' } },
      headers,
    }),
};

export { asPaths, instancePath, ssPaths };

const PATH_VALUES: Readonly<Record<string, string>> = {
  project_id: PROJECT_ID,
  scaling_group_id: GROUP,
  lifecycle_hook_name: HOOK,
  ...instancePath,
  job_id: JOB,
};

/** The valid JSON body of each operation that takes one. */
export const VALID_BODIES: Readonly<Record<string, unknown>> = {
  createLifecycleHook: CREATE_BODY,
  updateLifecycleHook: { default_result: 'CONTINUE' },
  callbackLifecycleHook: CALLBACK_BODY,
  performComponentInstanceAction: SCALE_BODY,
};

/** The concrete URL path of a spec path template, with the ids used throughout these tests. */
export function concretePath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = PATH_VALUES[name];
    if (value === undefined) throw new Error(`No value for {${name}}`);
    return encodeURIComponent(value);
  });
}
