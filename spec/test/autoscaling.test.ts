// What the AS lifecycle-hook pages (seeds 000-003 and the API-surface reference) state, operation by operation.
import { describe, expect, it } from 'vitest';
import { deref, loadBundle, operation, operations, validator } from './bundle.js';

const doc = loadBundle('autoscaling');
const schema = validator(doc);
const BASE = '/autoscaling-api/v1/{project_id}';
const ERROR_STATUSES = [
  '400',
  '401',
  '403',
  '404',
  '405',
  '406',
  '407',
  '408',
  '409',
  '500',
  '501',
  '502',
  '503',
  '504',
];
const HOOK_FIELDS = [
  'lifecycle_hook_name',
  'lifecycle_hook_type',
  'default_result',
  'default_timeout',
  'notification_topic_urn',
  'notification_topic_name',
  'notification_metadata',
  'create_time',
];
const SEED_HOOK_URN = 'urn:smn:regionId:b53e5554fad0494d96206fb84296510b:gsh';

describe('AS lifecycle-hook operations', () => {
  it('has exactly the eight operations of the group, at their paths and methods', () => {
    const found = operations(doc).map(
      (o) => `${o.method.toUpperCase()} ${o.path} ${o.operation.operationId}`,
    );
    expect(found.sort()).toEqual(
      [
        `POST ${BASE}/scaling_lifecycle_hook/{scaling_group_id} createLifecycleHook`,
        `GET ${BASE}/scaling_lifecycle_hook/{scaling_group_id}/list listLifecycleHooks`,
        `GET ${BASE}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name} showLifecycleHook`,
        `PUT ${BASE}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name} updateLifecycleHook`,
        `DELETE ${BASE}/scaling_lifecycle_hook/{scaling_group_id}/{lifecycle_hook_name} deleteLifecycleHook`,
        `PUT ${BASE}/scaling_instance_hook/{scaling_group_id}/callback callbackLifecycleHook`,
        `GET ${BASE}/scaling_instance_hook/{scaling_group_id}/list listInstanceHangingInfo`,
        `GET ${BASE}/scaling_group_instance/{scaling_group_id}/list listScalingInstances`,
      ].sort(),
    );
  });

  it.each(operations(doc).map((o) => [o.operation.operationId, o] as const))(
    '%s: project_id and scaling_group_id are required string path parameters; every documented status is there',
    (operationId) => {
      const op = operation(doc, operationId);
      for (const name of ['project_id', 'scaling_group_id']) {
        expect(op.param(name)).toMatchObject({ in: 'path', required: true, schema: { type: 'string' } });
      }
      expect(Object.keys(op.operation.responses).filter((s) => !s.startsWith('2'))).toEqual(ERROR_STATUSES);
    },
  );

  it('names the official SDK method of each operation', () => {
    const sdk = Object.fromEntries(
      operations(doc).map((o) => [o.operation.operationId, o.operation['x-hwc-sdk-method']]),
    );
    expect(sdk).toEqual({
      createLifecycleHook: 'createLifyCycleHook',
      listLifecycleHooks: 'listLifeCycleHooks',
      showLifecycleHook: 'showLifeCycleHook',
      updateLifecycleHook: 'updateLifeCycleHook',
      deleteLifecycleHook: 'deleteLifecycleHook',
      callbackLifecycleHook: 'attachCallbackInstanceLifeCycleHook',
      listInstanceHangingInfo: 'listHookInstances',
      listScalingInstances: 'listScalingInstances',
    });
  });
});

describe('createLifecycleHook (seed 003)', () => {
  const op = operation(doc, 'createLifecycleHook');
  const body = op.bodySchema;
  const field = (name: string) => deref(doc, body.properties[name]);

  it('requires the name, the type and the topic, and nothing else', () => {
    expect(op.body.required).toBe(true);
    expect([...body.required].sort()).toEqual([
      'lifecycle_hook_name',
      'lifecycle_hook_type',
      'notification_topic_urn',
    ]);
    expect(Object.keys(body.properties).sort()).toEqual([
      'default_result',
      'default_timeout',
      'lifecycle_hook_name',
      'lifecycle_hook_type',
      'notification_metadata',
      'notification_topic_urn',
    ]);
    expect(body.additionalProperties).toBe(false);
  });

  it('limits the name to 1-32 letters, digits, _ and -', () => {
    expect(field('lifecycle_hook_name')).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 32,
      pattern: '^[A-Za-z0-9_-]{1,32}$',
    });
  });

  it('has the two hook types, the two default results (default ABANDON) and the timeout 60-86400 (default 3600)', () => {
    expect(field('lifecycle_hook_type').enum).toEqual(['INSTANCE_TERMINATING', 'INSTANCE_LAUNCHING']);
    expect(field('default_result').enum).toEqual(['ABANDON', 'CONTINUE']);
    expect(body.properties.default_result.default).toBe('ABANDON');
    expect(field('default_timeout')).toMatchObject({ type: 'integer', minimum: 60, maximum: 86400 });
    expect(body.properties.default_timeout.default).toBe(3600);
  });

  it("limits the metadata to 256 characters without < > & ' ( )", () => {
    expect(field('notification_metadata')).toMatchObject({ type: 'string', maxLength: 256 });
    const valid = schema('#/components/schemas/NotificationMetadata');
    expect(valid('drain connections')).toBe(true);
    for (const c of ['<', '>', '&', "'", '(', ')']) expect(valid(`a${c}b`)).toBe(false);
    expect(valid('x'.repeat(256))).toBe(true);
    expect(valid('x'.repeat(257))).toBe(false);
  });

  it('carries the page example request and response verbatim, with 200', () => {
    expect(op.requestExample()).toEqual({
      lifecycle_hook_name: 'test-hook1',
      default_result: 'ABANDON',
      default_timeout: 3600,
      notification_topic_urn: SEED_HOOK_URN,
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
    });
    expect(op.example('200')).toEqual({
      lifecycle_hook_name: 'test-hook1',
      default_result: 'ABANDON',
      default_timeout: 3600,
      notification_topic_urn: SEED_HOOK_URN,
      notification_topic_name: 'gsh',
      lifecycle_hook_type: 'INSTANCE_LAUNCHING',
      notification_metadata: null,
      create_time: '2019-03-18T16:00:11Z',
    });
  });

  it('returns the hook with its eight fields; metadata may be null', () => {
    const hook = op.responseSchema('200');
    expect(Object.keys(hook.properties)).toEqual(HOOK_FIELDS);
    expect(deref(doc, hook.properties.notification_metadata).type).toEqual(['string', 'null']);
    expect(hook.properties.create_time.format).toBe('date-time');
  });

  it('states the five-hooks limit and the meaning of ABANDON and CONTINUE', () => {
    expect(op.operation.description).toMatch(/five lifecycle hooks/);
    const result = deref(doc, body.properties.default_result).description;
    expect(result).toMatch(/instance is terminated/);
    expect(result).toMatch(/ABANDON` stops the remaining lifecycle hooks/);
  });

  it('validates like the service: the seed body passes, each broken rule fails', () => {
    const valid = schema('#/components/schemas/LifecycleHookCreate');
    const seed = op.requestExample();
    expect(valid(seed)).toBe(true);
    expect(valid({ ...seed, lifecycle_hook_name: 'x'.repeat(33) })).toBe(false);
    expect(valid({ ...seed, lifecycle_hook_name: 'bad name' })).toBe(false);
    expect(valid({ ...seed, default_timeout: 59 })).toBe(false);
    expect(valid({ ...seed, default_timeout: 86401 })).toBe(false);
    expect(valid({ ...seed, default_timeout: '3600' })).toBe(false);
    expect(valid({ ...seed, default_result: 'EXTEND' })).toBe(false);
    expect(valid({ ...seed, unknown: 1 })).toBe(false);
    const { notification_topic_urn: _, ...noTopic } = seed;
    expect(valid(noTopic)).toBe(false);
  });
});

describe('listLifecycleHooks, showLifecycleHook, updateLifecycleHook, deleteLifecycleHook', () => {
  it('lists hooks under lifecycle_hooks, with the page example of two hooks', () => {
    const op = operation(doc, 'listLifecycleHooks');
    expect(op.responseSchema('200').required).toEqual(['lifecycle_hooks']);
    const hooks = op.example('200').lifecycle_hooks;
    expect(hooks.map((h: { lifecycle_hook_name: string }) => h.lifecycle_hook_name)).toEqual([
      'test-hook1',
      'test-hook2',
    ]);
    expect(hooks[1]).toMatchObject({
      default_result: 'CONTINUE',
      default_timeout: 300,
      lifecycle_hook_type: 'INSTANCE_TERMINATING',
    });
  });

  it('addresses one hook by its name in the path', () => {
    for (const id of ['showLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
      const name = operation(doc, id).param('lifecycle_hook_name');
      expect(name).toMatchObject({ in: 'path', required: true });
      expect(deref(doc, name.schema).pattern).toBe('^[A-Za-z0-9_-]{1,32}$');
    }
    expect(operation(doc, 'showLifecycleHook').example('200')).toMatchObject({
      lifecycle_hook_name: 'test-hook1',
      default_result: 'CONTINUE',
    });
  });

  it('updates any of five optional fields, never the name, with the page example', () => {
    const op = operation(doc, 'updateLifecycleHook');
    expect(op.bodySchema.required).toBeUndefined();
    expect(Object.keys(op.bodySchema.properties).sort()).toEqual([
      'default_result',
      'default_timeout',
      'lifecycle_hook_type',
      'notification_metadata',
      'notification_topic_urn',
    ]);
    expect(op.requestExample()).toEqual({ default_result: 'CONTINUE' });
    expect(op.example('200')).toMatchObject({
      default_result: 'CONTINUE',
      create_time: '2016-11-18T04:01:34Z',
    });
  });

  it('deletes with 204 and no body, and says hooks cannot be deleted while the group scales', () => {
    const op = operation(doc, 'deleteLifecycleHook');
    expect(Object.keys(op.operation.responses).filter((s) => s.startsWith('2'))).toEqual(['204']);
    expect(op.response('204').content).toBeUndefined();
    expect(op.operation.description).toMatch(/scaling action/);
  });
});

describe('callbackLifecycleHook (seeds 000, 001, 002)', () => {
  const op = operation(doc, 'callbackLifecycleHook');
  const valid = schema('#/components/schemas/LifecycleHookCallback');

  it('is a PUT answering 204 without a body', () => {
    expect(op.method).toBe('put');
    expect(Object.keys(op.operation.responses).filter((s) => s.startsWith('2'))).toEqual(['204']);
    expect(op.response('204').content).toBeUndefined();
  });

  it('has the four string fields, the result required with ABANDON, CONTINUE and EXTEND', () => {
    const body = op.bodySchema;
    expect(body.required).toEqual(['lifecycle_action_result']);
    for (const name of [
      'lifecycle_action_key',
      'instance_id',
      'lifecycle_hook_name',
      'lifecycle_action_result',
    ]) {
      expect(deref(doc, body.properties[name]).type).toBe('string');
    }
    expect(deref(doc, body.properties.lifecycle_action_result).enum).toEqual([
      'ABANDON',
      'CONTINUE',
      'EXTEND',
    ]);
  });

  it('needs the key, or both the instance ID and the hook name', () => {
    expect(valid({ lifecycle_action_result: 'ABANDON', lifecycle_action_key: 'k' })).toBe(true);
    expect(valid({ lifecycle_action_result: 'CONTINUE', instance_id: 'i', lifecycle_hook_name: 'h' })).toBe(
      true,
    );
    expect(valid({ lifecycle_action_result: 'EXTEND', lifecycle_action_key: 'k', instance_id: 'i' })).toBe(
      true,
    );
    expect(valid({ lifecycle_action_result: 'ABANDON' })).toBe(false);
    expect(valid({ lifecycle_action_result: 'ABANDON', instance_id: 'i' })).toBe(false);
    expect(valid({ lifecycle_action_key: 'k' })).toBe(false);
    expect(valid({ lifecycle_action_result: 'STOP', lifecycle_action_key: 'k' })).toBe(false);
  });

  it('states the HANGING rule, one hour per EXTEND and that the key wins', () => {
    const text = `${op.operation.description} ${deref(doc, op.bodySchema.properties.lifecycle_action_result).description}`;
    expect(text).toMatch(/only while the instance's lifecycle hook status is `HANGING`/);
    expect(text).toMatch(/one (more )?hour/);
    expect(text).toMatch(/the key is used/);
  });

  it('carries the page example verbatim', () => {
    expect(op.requestExample()).toEqual({
      lifecycle_action_result: 'ABANDON',
      lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
    });
  });
});

describe('listInstanceHangingInfo', () => {
  const op = operation(doc, 'listInstanceHangingInfo');

  it('filters by an optional instance_id query and returns instance_hanging_info', () => {
    expect(op.param('instance_id')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'string' },
    });
    const item = deref(doc, op.responseSchema('200').properties.instance_hanging_info.items);
    expect(Object.keys(item.properties).sort()).toEqual([
      'default_result',
      'instance_id',
      'lifecycle_action_key',
      'lifecycle_hook_name',
      'lifecycle_hook_status',
      'scaling_group_id',
      'timeout',
    ]);
    expect(deref(doc, item.properties.lifecycle_hook_status).enum).toEqual([
      'HANGING',
      'CONTINUE',
      'ABANDON',
    ]);
    expect(item.properties.timeout.format).toBe('date-time');
  });

  it('carries the page example', () => {
    expect(op.example('200').instance_hanging_info[0]).toEqual({
      instance_id: 'b25c1589-c96c-465b-9fef-d06540d1945c',
      scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a',
      lifecycle_hook_name: 'hook-test',
      lifecycle_action_key: '6ebe6e72-4b09-4adb-ae4a-a91dc0560069',
      default_result: 'ABANDON',
      timeout: '2016-11-15T06:43:41Z',
      lifecycle_hook_status: 'HANGING',
    });
  });
});

describe('listScalingInstances (SDK ListScalingInstancesRequest/Response, OTC page as_06_0301)', () => {
  const op = operation(doc, 'listScalingInstances');

  it('is authorised by as:instances:list', () => {
    expect(op.operation['x-hwc-iam-action']).toBe('as:instances:list');
  });

  it("filters by the SDK's seven lifecycle states, three health statuses and protection; pages by 20 up to 100", () => {
    expect(deref(doc, op.param('life_cycle_state').schema).enum).toEqual([
      'INSERVICE',
      'PENDING',
      'PENDING_WAIT',
      'REMOVING',
      'REMOVING_WAIT',
      'STANDBY',
      'ENTERING_STANDBY',
    ]);
    expect(deref(doc, op.param('health_status').schema).enum).toEqual(['INITIALIZING', 'NORMAL', 'ERROR']);
    expect(op.param('protect_from_scaling_down').schema.type).toBe('boolean');
    expect(op.param('start_number').schema).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    expect(op.param('limit').schema).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 100,
      default: 20,
    });
    for (const name of [
      'life_cycle_state',
      'health_status',
      'protect_from_scaling_down',
      'start_number',
      'limit',
    ]) {
      expect(op.param(name)).toMatchObject({ in: 'query', required: false });
    }
  });

  it('answers a page with the ten fields of the SDK model', () => {
    const page = op.responseSchema('200');
    expect(page.required).toEqual(['total_number', 'start_number', 'limit', 'scaling_group_instances']);
    const item = deref(doc, page.properties.scaling_group_instances.items);
    expect([...item.required].sort()).toEqual(
      [
        'instance_id',
        'instance_name',
        'scaling_group_id',
        'scaling_group_name',
        'life_cycle_state',
        'health_status',
        'scaling_configuration_name',
        'scaling_configuration_id',
        'create_time',
        'protect_from_scaling_down',
      ].sort(),
    );
    expect(Object.keys(item.properties).sort()).toEqual([...item.required].sort());
    expect(item.properties.create_time.format).toBe('date-time');
    expect(item.properties.protect_from_scaling_down.type).toBe('boolean');
  });

  it("carries the page's example verbatim, and one held instance", () => {
    expect(op.example('200')).toEqual({
      limit: 10,
      total_number: 1,
      start_number: 0,
      scaling_group_instances: [
        {
          instance_id: 'b25c1589-c96c-465b-9fef-d06540d1945c',
          scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a',
          scaling_group_name: 'discuz',
          life_cycle_state: 'INSERVICE',
          health_status: 'NORMAL',
          scaling_configuration_name: 'discuz',
          scaling_configuration_id: 'ca3dcd84-d197-4c4f-af2a-cf8ba39696ac',
          create_time: '2015-07-23T06:47:33Z',
          instance_name: 'discuz_3D210808',
          protect_from_scaling_down: false,
        },
      ],
    });
    expect(op.example('200', 'waiting').scaling_group_instances[0].life_cycle_state).toBe('PENDING_WAIT');
  });

  it('validates instances like the service sends them', () => {
    const valid = schema('#/components/schemas/ScalingGroupInstance');
    const seed = op.example('200').scaling_group_instances[0];
    expect(valid(seed)).toBe(true);
    expect(valid({ ...seed, scaling_configuration_id: null, scaling_configuration_name: null })).toBe(true);
    expect(valid({ ...seed, life_cycle_state: 'REMOVING_WAIT' })).toBe(true);
    expect(valid({ ...seed, life_cycle_state: 'InService' })).toBe(false);
    expect(valid({ ...seed, health_status: 'INITAILIZING' })).toBe(false);
    const { create_time: _, ...noTime } = seed;
    expect(valid(noTime)).toBe(false);
  });

  it('answers an unknown group with 400 AS.2007, like the other operations', () => {
    expect(op.example('400', 'AsGroupNotFound').error.code).toBe('AS.2007');
  });
});

describe('AS errors, servers and security', () => {
  it('gives AS errors the nested shape and gateway errors the flat one', () => {
    const valid = schema('#/components/schemas/AsErrorResponse');
    expect(valid({ error: { code: 'AS.7031', message: 'Invalid lifecycle hook name.' } })).toBe(true);
    expect(valid({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information.' })).toBe(
      true,
    );
    expect(valid({ error: { code: 'SVCSTG.00100400', message: 'x' } })).toBe(false);
  });

  it('shows the hook error codes on the operations that can return them', () => {
    const codes = (id: string) =>
      Object.values(operation(doc, id).response('400').content['application/json'].examples).map(
        (e) => deref(doc, e).value.error?.code,
      );
    expect(codes('createLifecycleHook')).toEqual(
      expect.arrayContaining([
        'AS.7030',
        'AS.7031',
        'AS.7033',
        'AS.7035',
        'AS.7038',
        'AS.7041',
        'AS.7043',
        'AS.7055',
      ]),
    );
    for (const id of ['createLifecycleHook', 'updateLifecycleHook', 'deleteLifecycleHook']) {
      expect(codes(id)).toContain('AS.2033');
      expect(operation(doc, id).operation.description).toMatch(/scaling action[\s\S]*`AS\.2033`/);
    }
    expect(codes('showLifecycleHook')).not.toContain('AS.2033');
    expect(codes('callbackLifecycleHook')).toEqual(
      expect.arrayContaining(['AS.7034', 'AS.7039', 'AS.7040', 'AS.7042']),
    );
  });

  it('serves Huawei Cloud regions, the ap-southeast-1 exception and Open Telekom Cloud', () => {
    const urls = doc.servers.map((s: { url: string }) => s.url);
    expect(urls).toEqual([
      'https://as.{region}.myhuaweicloud.com',
      'https://as.ap-southeast-1.myhwclouds.com',
      'https://as.{region}.otc.t-systems.com',
    ]);
    expect(doc.servers[0].variables.region.enum).not.toContain('ap-southeast-1');
    expect(doc.servers[2].variables.region.enum).toEqual(['eu-de', 'eu-nl']);
  });

  it('accepts AK/SK signing or an IAM token', () => {
    expect(doc.security).toEqual([{ AkSkSignature: [] }, { IamToken: [] }]);
    expect(doc.components.securitySchemes.AkSkSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    expect(doc.components.securitySchemes.AkSkSignature.description).toMatch(
      /X-Sdk-Date[\s\S]*X-Project-Id[\s\S]*SDK-HMAC-SHA256/,
    );
    expect(doc.components.securitySchemes.IamToken).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
    });
  });
});
