/**
 * One invalid request per constraint of the AS spec, each answered 400 with the exact code that the spec's
 * x-hwc-error-code / x-hwc-missing-error-code rules give (AS.0022, info.x-hwc-validation-error-code, else).
 * Invalid bodies go through the typed client with `as never`.
 */
import { describe, it } from 'vitest';
import { asClient, asPaths, CALLBACK_BODY, CREATE_BODY, GROUP, HOOK } from './support/clients.js';
import { expectRejected, type InvalidCase } from './support/invalid.js';

const group = { scaling_group_id: GROUP };
const hook = { scaling_group_id: GROUP, lifecycle_hook_name: HOOK };

const create = (name: string, code: string, body: Record<string, unknown>): InvalidCase => ({
  name: `create: ${name}`,
  operationId: 'createLifecycleHook',
  code,
  send: () => asClient().POST(asPaths.hooks, { params: { path: group }, body: body as never }),
});
const without = (field: keyof typeof CREATE_BODY) => {
  const { [field]: _removed, ...rest } = CREATE_BODY;
  return rest;
};
const update = (name: string, code: string, body: Record<string, unknown>): InvalidCase => ({
  name: `update: ${name}`,
  operationId: 'updateLifecycleHook',
  code,
  send: () => asClient().PUT(asPaths.hook, { params: { path: hook }, body: body as never }),
});
const callback = (name: string, code: string, body: Record<string, unknown>): InvalidCase => ({
  name: `callback: ${name}`,
  operationId: 'callbackLifecycleHook',
  code,
  send: () => asClient().PUT(asPaths.callback, { params: { path: group }, body: body as never }),
});
const listInstances = (name: string, query: Record<string, unknown>): InvalidCase => ({
  name: `listScalingInstances: ${name}`,
  operationId: 'listScalingInstances',
  code: 'AS.0022',
  send: () => asClient().GET(asPaths.instances, { params: { path: group, query: query as never } }),
});
const badName = (operationId: string, method: 'GET' | 'PUT' | 'DELETE', name: string): InvalidCase => ({
  name: `${operationId}: path name ${JSON.stringify(name)}`,
  operationId,
  code: 'AS.7031',
  send: () => {
    const path = { params: { path: { scaling_group_id: GROUP, lifecycle_hook_name: name } } };
    const client = asClient();
    if (method === 'GET') return client.GET(asPaths.hook, path);
    if (method === 'DELETE') return client.DELETE(asPaths.hook, path);
    return client.PUT(asPaths.hook, { ...path, body: { default_result: 'CONTINUE' } });
  },
});

const cases: InvalidCase[] = [
  // lifecycle_hook_name: 1-32 of [A-Za-z0-9_-] (AS.7031), required (AS.7032)
  create('name of 33 characters', 'AS.7031', { ...CREATE_BODY, lifecycle_hook_name: 'a'.repeat(33) }),
  create('name with a bad character', 'AS.7031', { ...CREATE_BODY, lifecycle_hook_name: 'hook.1' }),
  create('empty name', 'AS.7031', { ...CREATE_BODY, lifecycle_hook_name: '' }),
  create('name as a number', 'AS.7031', { ...CREATE_BODY, lifecycle_hook_name: 7 }),
  create('name missing', 'AS.7032', without('lifecycle_hook_name')),
  // lifecycle_hook_type: enum (AS.7033), required (AS.7037)
  create('unknown type', 'AS.7033', { ...CREATE_BODY, lifecycle_hook_type: 'INSTANCE_REBOOTING' }),
  create('type missing', 'AS.7037', without('lifecycle_hook_type')),
  // notification_topic_urn: required, string; no specific code (AS.0022)
  create('topic missing', 'AS.0022', without('notification_topic_urn')),
  create('topic as a number', 'AS.0022', { ...CREATE_BODY, notification_topic_urn: 42 }),
  // default_result: enum (AS.7034)
  create('unknown default result', 'AS.7034', { ...CREATE_BODY, default_result: 'EXTEND' }),
  // default_timeout: integer 60-86400 (AS.7030)
  create('timeout 59', 'AS.7030', { ...CREATE_BODY, default_timeout: 59 }),
  create('timeout 86401', 'AS.7030', { ...CREATE_BODY, default_timeout: 86401 }),
  create('timeout as a string', 'AS.7030', { ...CREATE_BODY, default_timeout: '3600' }),
  create('timeout not an integer', 'AS.7030', { ...CREATE_BODY, default_timeout: 3600.5 }),
  // notification_metadata: at most 256 (AS.7035), none of < > & ' ( ) (AS.7055)
  create('metadata of 257 characters', 'AS.7035', { ...CREATE_BODY, notification_metadata: 'm'.repeat(257) }),
  ...['<', '>', '&', "'", '(', ')'].map((char) =>
    create(`metadata with ${char}`, 'AS.7055', { ...CREATE_BODY, notification_metadata: `a${char}b` }),
  ),
  // additionalProperties: false (AS.0022), body must be an object (AS.0022)
  create('unknown top-level field', 'AS.0022', { ...CREATE_BODY, notification_topic_name: 'gsh' }),
  create('empty body object', 'AS.7032', {}),

  update('unknown default result', 'AS.7034', { default_result: 'MAYBE' }),
  update('timeout 59', 'AS.7030', { default_timeout: 59 }),
  update('timeout 86401', 'AS.7030', { default_timeout: 86401 }),
  update('timeout as a string', 'AS.7030', { default_timeout: '60' }),
  update('unknown type', 'AS.7033', { lifecycle_hook_type: 'LAUNCHING' }),
  update('metadata of 257 characters', 'AS.7035', { notification_metadata: 'x'.repeat(257) }),
  update('metadata with <', 'AS.7055', { notification_metadata: '<b>' }),
  update('the name (immutable, not in the schema)', 'AS.0022', { lifecycle_hook_name: 'renamed' }),
  update('unknown top-level field', 'AS.0022', { default_result: 'CONTINUE', foo: 1 }),

  // lifecycle_action_result: required (AS.7039), enum (AS.7034); key or instance+name (AS.7040)
  callback('no result', 'AS.7039', { lifecycle_action_key: CALLBACK_BODY.lifecycle_action_key }),
  callback('unknown result', 'AS.7034', { ...CALLBACK_BODY, lifecycle_action_result: 'RETRY' }),
  callback('neither key nor instance and name', 'AS.7040', { lifecycle_action_result: 'CONTINUE' }),
  callback('instance without hook name', 'AS.7040', {
    lifecycle_action_result: 'CONTINUE',
    instance_id: 'i-1',
  }),
  callback('hook name without instance', 'AS.7040', {
    lifecycle_action_result: 'CONTINUE',
    lifecycle_hook_name: 'h',
  }),
  callback('bad hook name', 'AS.7031', {
    lifecycle_action_result: 'CONTINUE',
    instance_id: 'i',
    lifecycle_hook_name: 'a b',
  }),
  callback('unknown top-level field', 'AS.0022', { ...CALLBACK_BODY, scaling_group_id: GROUP }),

  // instance list filters and paging: enums, integer ranges; no specific code (AS.0022)
  listInstances('unknown lifecycle state', { life_cycle_state: 'RUNNING' }),
  listInstances('unknown health status', { health_status: 'INITAILIZING' }),
  listInstances('limit 101', { limit: 101 }),
  listInstances('negative start number', { start_number: -1 }),

  // lifecycle_hook_name in the path: the same rules (AS.7031)
  badName('showLifecycleHook', 'GET', 'a'.repeat(33)),
  badName('updateLifecycleHook', 'PUT', 'bad name'),
  badName('deleteLifecycleHook', 'DELETE', 'hook!'),
];

describe('AS rejects each constraint violation with the service code', () => {
  it.each(cases.map((c) => [c.name, c.code, c] as const))('%s -> %s', (_name, _code, c) => expectRejected(c));
});
