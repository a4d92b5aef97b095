// A hand-written excerpt in the shape openapi-typescript 7 generates for the AS spec.

type AsError = { error: { code: string; message: string } };
type GatewayError = { error_code: string; error_msg: string; request_id?: string };
type ErrorResponses = {
  400: { headers: { [name: string]: unknown }; content: { 'application/json': AsError } };
  401: { headers: { [name: string]: unknown }; content: { 'application/json': GatewayError } };
};

export interface LifecycleHook {
  lifecycle_hook_name?: string;
  lifecycle_hook_type?: 'INSTANCE_TERMINATING' | 'INSTANCE_LAUNCHING';
  default_result?: 'ABANDON' | 'CONTINUE';
  default_timeout?: number;
  notification_topic_urn?: string;
}

export interface paths {
  '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: { project_id: string; scaling_group_id: string };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['createLifecycleHook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/autoscaling-api/v1/{project_id}/scaling_instance_hook/{scaling_group_id}/list': {
    parameters: {
      query?: never;
      header?: never;
      path: { project_id: string; scaling_group_id: string };
      cookie?: never;
    };
    get: operations['listInstanceHangingInfo'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name}': {
    parameters: {
      query?: never;
      header?: never;
      path: { project_id: string; scaling_group_id: string; lifecycle_hook_name: string };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['deleteLifecycleHook'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/{project_id}/quotas': {
    parameters: { query?: never; header?: never; path: { project_id: string }; cookie?: never };
    get: operations['showQuotas'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export interface operations {
  createLifecycleHook: {
    parameters: {
      query?: never;
      header?: never;
      path: { project_id: string; scaling_group_id: string };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          lifecycle_hook_name: string;
          lifecycle_hook_type: 'INSTANCE_TERMINATING' | 'INSTANCE_LAUNCHING';
          default_result?: 'ABANDON' | 'CONTINUE';
          default_timeout?: number;
          notification_topic_urn: string;
        };
      };
    };
    responses: {
      200: { headers: { [name: string]: unknown }; content: { 'application/json': LifecycleHook } };
    } & ErrorResponses;
  };
  listInstanceHangingInfo: {
    parameters: {
      query?: { instance_id?: string };
      header?: never;
      path: { project_id: string; scaling_group_id: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': { instance_hanging_info?: { instance_id?: string }[] } };
      };
    } & ErrorResponses;
  };
  deleteLifecycleHook: {
    parameters: {
      query?: never;
      header?: never;
      path: { project_id: string; scaling_group_id: string; lifecycle_hook_name: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: { 204: { headers: { [name: string]: unknown }; content?: never } } & ErrorResponses;
  };
  showQuotas: {
    parameters: { query?: never; header?: never; path: { project_id: string }; cookie?: never };
    requestBody?: never;
    responses: {
      200: {
        headers: { [name: string]: unknown };
        content: { 'application/json': { quotas: { total: number } } };
      };
    } & ErrorResponses;
  };
}
