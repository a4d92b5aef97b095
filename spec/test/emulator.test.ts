// The emulator's control plane says what the shared contract (plan section 1) fixes, and its shapes are the
// service documents' own.
import { describe, expect, it } from 'vitest';
import { deref, type Json, loadBundle, operation, operations, validator } from './bundle.js';

const doc = loadBundle('emulator');
const schema = validator(doc);
const PROJECT = 'b53e5554fad0494d96206fb84296510b';

describe('emulator control-plane operations', () => {
  it('has exactly the operations of the contract, at their paths and methods', () => {
    const found = operations(doc).map(
      (o) => `${o.method.toUpperCase()} ${o.path} ${o.operation.operationId}`,
    );
    expect(found.sort()).toEqual(
      [
        'POST /_emulator/reset resetEmulator',
        'GET /_emulator/clock showClock',
        'PUT /_emulator/clock setClock',
        'POST /_emulator/clock/advance advanceClock',
        'GET /_emulator/settings showSettings',
        'PATCH /_emulator/settings updateSettings',
        'POST /_emulator/autoscaling/groups createScalingGroup',
        'POST /_emulator/autoscaling/groups/{scaling_group_id}/scale scaleScalingGroup',
        'POST /_emulator/servicestage/instances createServiceStageInstance',
        'GET /_emulator/servicestage/instances listServiceStageInstances',
        'GET /_emulator/servicestage/instances/{instance_id} showServiceStageInstance',
        'POST /_emulator/faults createFault',
        'GET /_emulator/faults listFaults',
        'DELETE /_emulator/faults deleteFaults',
        'GET /_emulator/requests listRequests',
        'GET /_emulator/state showState',
        'PUT /_emulator/state replaceState',
      ].sort(),
    );
  });

  it('answers the statuses of the contract', () => {
    const statuses = Object.fromEntries(
      operations(doc).map((o) => [o.operation.operationId, Object.keys(o.operation.responses).join(' ')]),
    );
    expect(statuses).toEqual({
      resetEmulator: '204 400',
      showClock: '200 400',
      setClock: '200 400 409',
      advanceClock: '200 400',
      showSettings: '200 400',
      updateSettings: '200 400',
      createScalingGroup: '201 400 409',
      scaleScalingGroup: '202 400 404 409',
      createServiceStageInstance: '201 400 409',
      listServiceStageInstances: '200 400',
      showServiceStageInstance: '200 400 404',
      createFault: '201 400',
      listFaults: '200 400',
      deleteFaults: '204 400',
      listRequests: '200 400',
      showState: '200 400',
      replaceState: '204 400',
    });
  });

  it('is served locally, takes no credentials and names its service and validation code', () => {
    expect(doc.servers.map((s: Json) => s.url)).toEqual(['http://127.0.0.1:4010']);
    expect(doc.security).toEqual([]);
    expect(doc.components.securitySchemes).toBeUndefined();
    expect(doc.info['x-hwc-service']).toBe('emulator');
    expect(doc.info['x-hwc-validation-error-code']).toBe('EMULATOR.0400');
  });

  it('closes every request body to unknown fields', () => {
    const bodies = operations(doc).filter((o) => o.operation.requestBody);
    expect(bodies.length).toBe(9);
    for (const { operation: op } of bodies) {
      const body = operation(doc, op.operationId).bodySchema;
      expect(body.additionalProperties, op.operationId).toBe(false);
    }
    expect(operation(doc, 'resetEmulator').body.required).toBe(false);
  });

  it('answers errors in the flat shape, with the EMULATOR code of their status', () => {
    for (const { operation: op } of operations(doc)) {
      for (const status of Object.keys(op.responses).filter((s) => /^[45]/.test(s))) {
        const media = deref(doc, op.responses[status]).content['application/json'];
        expect(deref(doc, media.schema).required).toEqual(['error_code', 'error_msg']);
        for (const example of Object.values(media.examples)) {
          expect(deref(doc, example).value.error_code, `${op.operationId} ${status}`).toBe(
            `EMULATOR.0${status}`,
          );
        }
      }
    }
  });

  it("keeps the services' error-code rules out of its bundle: invalid values are EMULATOR.0400", () => {
    expect(JSON.stringify(doc)).not.toMatch(/x-hwc-(missing-)?error-code/);
  });
});

describe('emulator request rules', () => {
  it('advances the clock by 0 to 31536000 whole seconds', () => {
    const valid = schema('#/components/schemas/ClockAdvance');
    expect(valid({ seconds: 0 })).toBe(true);
    expect(valid({ seconds: 31536000 })).toBe(true);
    expect(valid({ seconds: 31536001 })).toBe(false);
    expect(valid({ seconds: -1 })).toBe(false);
    expect(valid({ seconds: 1.5 })).toBe(false);
    expect(valid({})).toBe(false);
  });

  it('reads and sets the clock in UTC whole seconds', () => {
    const valid = schema('#/components/schemas/EmulatorClock');
    expect(valid({ now: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(valid({ now: '2026-01-01T00:00:00.500Z' })).toBe(false);
    expect(valid({ now: '2026-01-01T08:00:00+08:00' })).toBe(false);
    expect(valid({ now: 'tomorrow' })).toBe(false);
  });

  it('creates groups of 0 to 100 instances with path-safe IDs', () => {
    const valid = schema('#/components/schemas/ScalingGroupCreate');
    expect(valid({ project_id: PROJECT })).toBe(true);
    expect(valid({ project_id: PROJECT, scaling_group_id: 'group-1', instances: 100 })).toBe(true);
    expect(valid({ project_id: PROJECT, instances: 101 })).toBe(false);
    expect(valid({ project_id: PROJECT, scaling_group_id: 'a/b' })).toBe(false);
    expect(valid({ scaling_group_id: 'group-1' })).toBe(false);
  });

  it('scales with add, remove or both, never with neither', () => {
    const valid = schema('#/components/schemas/ScalingGroupScale');
    expect(valid({ project_id: PROJECT, add: 1 })).toBe(true);
    expect(valid({ project_id: PROJECT, remove: ['i-1'] })).toBe(true);
    expect(valid({ project_id: PROJECT, add: 2, remove: ['i-1', 'i-2'] })).toBe(true);
    expect(valid({ project_id: PROJECT })).toBe(false);
    expect(valid({ project_id: PROJECT, add: 0 })).toBe(false);
    expect(valid({ project_id: PROJECT, add: 101 })).toBe(false);
    expect(valid({ project_id: PROJECT, remove: [] })).toBe(false);
    expect(valid({ project_id: PROJECT, remove: ['i-1', 'i-1'] })).toBe(false);
  });

  it('creates ServiceStage instances with the documented defaults and statuses', () => {
    const body = operation(doc, 'createServiceStageInstance').bodySchema;
    expect(body.properties.version.default).toBe('1.0.0');
    expect(body.properties.replica).toMatchObject({ default: 1, minimum: 0, maximum: 200 });
    expect(body.properties.status.default).toBe('RUNNING');
    expect(deref(doc, body.properties.status).enum).toHaveLength(15);
    const valid = schema('#/components/schemas/ServiceStageInstanceCreate');
    expect(valid({ project_id: PROJECT, status: 'STOPPED', replica: 0 })).toBe(true);
    expect(valid({ project_id: PROJECT, status: 'SLEEPING' })).toBe(false);
    expect(valid({ project_id: PROJECT, replica: 201 })).toBe(false);
  });

  it('bounds faults: status 400-599, count 1-1000, latency up to 60 s, a probability', () => {
    const valid = schema('#/components/schemas/FaultCreate');
    const fault = { operation_id: 'callbackLifecycleHook', status: 503 };
    expect(valid(fault)).toBe(true);
    expect(
      valid({ ...fault, count: 1000, latency_ms: 60000, probability: 0.25, error_code: 'AS.0001' }),
    ).toBe(true);
    expect(valid({ ...fault, status: 399 })).toBe(false);
    expect(valid({ ...fault, status: 600 })).toBe(false);
    expect(valid({ ...fault, count: 0 })).toBe(false);
    expect(valid({ ...fault, latency_ms: 60001 })).toBe(false);
    expect(valid({ ...fault, probability: 1.5 })).toBe(false);
    expect(valid({ ...fault, operation_id: 'Callback Hook' })).toBe(false);
    const created = operation(doc, 'createFault').bodySchema.properties;
    expect([created.count.default, created.latency_ms.default, created.probability.default]).toEqual([
      1, 0, 1,
    ]);
  });

  it('reads 1 to 1000 journal entries, 100 by default', () => {
    const limit = operation(doc, 'listRequests').param('limit');
    expect(limit).toMatchObject({ in: 'query', required: false });
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 100 });
    const entry = deref(
      doc,
      deref(doc, operation(doc, 'listRequests').responseSchema('200').properties.requests).items,
    );
    expect(entry.required).toEqual([
      'request_id',
      'time',
      'method',
      'path',
      'operation_id',
      'status',
      'project_id',
    ]);
  });

  it('settles the settings: progression modes and their bounds, replacement off, no EXTEND cap by default', () => {
    const settings = deref(doc, doc.components.schemas.EmulatorSettings);
    expect(settings.properties.replace_abandoned_instances.default).toBe(false);
    expect(settings.properties.extend_limit.default).toBeNull();
    const progression = deref(doc, settings.properties.job_progression);
    expect(progression.properties.mode.enum).toEqual(['immediate', 'polls', 'time']);
    expect(progression.properties.polls).toMatchObject({ minimum: 1, maximum: 100, default: 2 });
    expect(progression.properties.seconds).toMatchObject({ minimum: 1, maximum: 86400, default: 30 });
    const update = schema('#/components/schemas/EmulatorSettingsUpdate');
    expect(update({})).toBe(true);
    expect(update({ extend_limit: null })).toBe(true);
    expect(update({ job_progression: { mode: 'polls', polls: 0 } })).toBe(false);
    expect(update({ job_progression: { polls: 3 } })).toBe(false);
  });
});

describe('emulator state', () => {
  const valid = schema('#/components/schemas/EmulatorState');
  const example = operation(doc, 'showState').example('200');

  it('validates its own example, and rejects a wrong version, state or unknown field', () => {
    expect(valid(example)).toBe(true);
    expect(valid({ ...example, version: 2 })).toBe(false);
    expect(valid({ ...example, extra: true })).toBe(false);
    const broken = structuredClone(example);
    broken.projects[PROJECT].autoscaling.groups[0].instances[0].life_cycle_state = 'RUNNING';
    expect(valid(broken)).toBe(false);
    const noJobs = structuredClone(example);
    delete noJobs.projects[PROJECT].servicestage.jobs;
    expect(valid(noJobs)).toBe(false);
  });

  it("shares the service documents' shapes for instances, hooks, held rows, snapshots and jobs", () => {
    const as = loadBundle('autoscaling');
    const ss = loadBundle('servicestage');
    const keys = (d: Json, name: string) => Object.keys(deref(d, d.components.schemas[name]).properties);
    for (const name of ['LifecycleHook', 'InstanceHangingInfo', 'ScalingGroupInstance']) {
      expect(keys(doc, name), name).toEqual(keys(as, name));
    }
    for (const name of ['InstanceSnapshot', 'JobDetail', 'JobInfo', 'TaskInfo']) {
      expect(keys(doc, name), name).toEqual(keys(ss, name));
    }
    const hanging = deref(doc, doc.components.schemas.HangingRecord);
    expect(hanging.allOf[0].$ref).toBe('#/components/schemas/InstanceHangingInfo');
    expect(hanging.allOf[1].required).toEqual(['lifecycle_hook_type', 'extends']);
  });
});
