import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ServiceErrors } from '../src/service-errors.js';

const require = createRequire(import.meta.url);
const load = (name: string) =>
  JSON.parse(readFileSync(require.resolve(`@hwc-openapi/spec/${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

const as = new ServiceErrors(load('autoscaling'));
const ss = new ServiceErrors(load('servicestage'));

const HOOKS = '/autoscaling-api/v1/p/scaling_lifecycle_hook/g';
const CALLBACK = '/autoscaling-api/v1/p/scaling_instance_hook/g/callback';
const ACTION = '/v2/p/cas/applications/a/components/c/instances/i/action';
const valid = {
  lifecycle_hook_name: 'h',
  lifecycle_hook_type: 'INSTANCE_LAUNCHING',
  notification_topic_urn: 'u',
};

describe('ServiceErrors: request body rules', () => {
  it.each([
    ['name too long', 'POST', HOOKS, { ...valid, lifecycle_hook_name: 'a'.repeat(33) }, 'AS.7031'],
    ['name with a bad character', 'POST', HOOKS, { ...valid, lifecycle_hook_name: 'a b' }, 'AS.7031'],
    [
      'name missing (x-hwc-missing-error-code)',
      'POST',
      HOOKS,
      { ...valid, lifecycle_hook_name: undefined },
      'AS.7032',
    ],
    ['type missing', 'POST', HOOKS, { ...valid, lifecycle_hook_type: undefined }, 'AS.7037'],
    [
      'topic missing (no rule: fallback)',
      'POST',
      HOOKS,
      { ...valid, notification_topic_urn: undefined },
      'AS.0022',
    ],
    ['timeout below range', 'POST', HOOKS, { ...valid, default_timeout: 59 }, 'AS.7030'],
    ['timeout as a string (any keyword)', 'POST', HOOKS, { ...valid, default_timeout: '60' }, 'AS.7030'],
    [
      'metadata too long (keyword map)',
      'POST',
      HOOKS,
      { ...valid, notification_metadata: 'm'.repeat(257) },
      'AS.7035',
    ],
    [
      'metadata bad character (keyword map)',
      'POST',
      HOOKS,
      { ...valid, notification_metadata: 'a&b' },
      'AS.7055',
    ],
    [
      'metadata as a number (keyword not in map: fallback)',
      'POST',
      HOOKS,
      { ...valid, notification_metadata: 1 },
      'AS.0022',
    ],
    ['unknown field', 'POST', HOOKS, { ...valid, extra: 1 }, 'AS.0022'],
    ['update: unknown field', 'PUT', `${HOOKS}/h`, { lifecycle_hook_name: 'h' }, 'AS.0022'],
    ['callback: no result', 'PUT', CALLBACK, { lifecycle_action_key: 'k' }, 'AS.7039'],
    [
      'callback: bad result',
      'PUT',
      CALLBACK,
      { lifecycle_action_key: 'k', lifecycle_action_result: 'X' },
      'AS.7034',
    ],
    ['callback: no object (anyOf rule)', 'PUT', CALLBACK, { lifecycle_action_result: 'CONTINUE' }, 'AS.7040'],
    [
      'callback: instance without hook name',
      'PUT',
      CALLBACK,
      { lifecycle_action_result: 'CONTINUE', instance_id: 'i' },
      'AS.7040',
    ],
  ])('AS %s -> %s', (_name, method, path, body, code) => {
    const json = JSON.parse(JSON.stringify(body));
    expect(as.validateBody(method, path, json)?.code).toBe(code);
  });

  it.each([
    ['unknown action', { action: 'fly' }, 'SVCSTG.00100418'],
    ['scale without replica', { action: 'scale', parameters: {} }, 'SVCSTG.00100400'],
    ['scale without parameters', { action: 'scale' }, 'SVCSTG.00100400'],
    ['rollback without version', { action: 'rollback', parameters: { replica: 1 } }, 'SVCSTG.00100400'],
    ['replica as a string', { action: 'scale', parameters: { replica: '4' } }, 'SVCSTG.00100400'],
    ['no action', {}, 'SVCSTG.00100400'],
  ])('ServiceStage %s -> %s', (_name, body, code) => {
    expect(ss.validateBody('POST', ACTION, body)?.code).toBe(code);
  });

  it('accepts the valid bodies', () => {
    expect(as.validateBody('POST', HOOKS, valid)).toBeUndefined();
    expect(
      as.validateBody('PUT', CALLBACK, { lifecycle_action_result: 'EXTEND', lifecycle_action_key: 'k' }),
    ).toBeUndefined();
    expect(ss.validateBody('POST', ACTION, { action: 'scale', parameters: { replica: 4 } })).toBeUndefined();
  });
});

describe('ServiceErrors: bodies and messages', () => {
  it('answers the spec example body of the code, status 400', () => {
    expect(as.forCode('AS.7031')).toEqual({
      status: 400,
      code: 'AS.7031',
      message: 'Invalid lifecycle hook name.',
      body: { error: { code: 'AS.7031', message: 'Invalid lifecycle hook name.' } },
    });
    expect(ss.forCode('SVCSTG.00100418').body).toEqual({
      error_code: 'SVCSTG.00100418',
      error_msg: 'component instance action not defined',
    });
  });

  it('falls back to info.x-hwc-validation-error-code', () => {
    expect(as.validationError().code).toBe('AS.0022');
    expect(ss.validationError().body).toEqual({
      error_code: 'SVCSTG.00100400',
      error_msg: 'parameter invalid',
    });
  });
});

describe('ServiceErrors: routing and whole-request validation', () => {
  const route = (errors: ServiceErrors, method: string, path: string) => {
    const found = errors.route(method, path);
    if (!found) throw new Error(`no route for ${method} ${path}`);
    return found;
  };
  const validate = (errors: ServiceErrors, method: string, path: string, query = {}, body?: unknown) => {
    const { route: matched, pathParams } = route(errors, method, path);
    return errors.validateRequest(matched, { pathParams, query, headers: {}, body });
  };

  it('maps a path parameter that breaks its pattern, or does not decode, through the parameter schema', () => {
    expect(validate(as, 'GET', `${HOOKS}/a%20b`)?.code).toBe('AS.7031');
    expect(route(as, 'GET', `${HOOKS}/%FF`).error?.code).toBe('AS.7031');
    expect(route(as, 'GET', `${HOOKS}/a%2Fb`).pathParams.lifecycle_hook_name).toBe('a/b');
  });

  it('validates query strings with coercion, and refuses a repeated scalar', () => {
    const snapshots = ACTION.replace('action', 'snapshots');
    expect(validate(ss, 'GET', snapshots, { limit: '10', offset: '0' })).toBeUndefined();
    expect(validate(ss, 'GET', snapshots, { limit: '101' })?.code).toBe('SVCSTG.00100400');
    expect(validate(ss, 'GET', snapshots, { limit: ['1', '2'] })?.code).toBe('SVCSTG.00100400');
  });

  it('answers x-hwc-missing-error-code of the request body when the body is missing', () => {
    expect(validate(as, 'PUT', `${HOOKS}/h`)?.body).toEqual({
      error: { code: 'AS.0002', message: 'Request body is null.' },
    });
    expect(validate(ss, 'POST', ACTION)?.code).toBe('SVCSTG.00100400');
  });

  it('prefers literal path segments when matching operations', () => {
    expect(as.route('GET', `${HOOKS}/list`)?.route.operationId).toBe('listLifecycleHooks');
    expect(as.route('GET', `${HOOKS}/my-hook`)).toMatchObject({
      route: { operationId: 'showLifecycleHook' },
      pathParams: { project_id: 'p', scaling_group_id: 'g', lifecycle_hook_name: 'my-hook' },
    });
    expect(as.route('PATCH', `${HOOKS}/my-hook`)).toBeUndefined();
  });

  it('names the field and the rule in the control plane fallback errors', () => {
    const control = new ServiceErrors(load('emulator'), { lazy: true, fieldMessages: true });
    const advance = (body: unknown) => validate(control, 'POST', '/_emulator/clock/advance', {}, body)?.body;
    expect(advance({ seconds: 31_536_001 })).toEqual({
      error_code: 'EMULATOR.0400',
      error_msg: 'seconds: must be <= 31536000.',
    });
    expect(advance({ seconds: 1, instance_count: 2 })).toEqual({
      error_code: 'EMULATOR.0400',
      error_msg: 'instance_count: unknown field.',
    });
    expect(advance({})).toEqual({ error_code: 'EMULATOR.0400', error_msg: 'seconds: is required.' });
  });

  it('gives any code the service error shape, and the documented code of a status', () => {
    expect(as.errorBody('AS.9999', 'm')).toEqual({ error: { code: 'AS.9999', message: 'm' } });
    expect(ss.errorBody('SVCSTG.1', 'm')).toEqual({ error_code: 'SVCSTG.1', error_msg: 'm' });
    expect(as.errorBody('APIGW.0203')).toMatchObject({
      error_code: 'APIGW.0203',
      error_msg: 'Backend timeout.',
    });
    expect(as.documentedCode(route(as, 'GET', `${HOOKS}/list`).route, 503)).toBe('APIGW.0202');
  });
});
