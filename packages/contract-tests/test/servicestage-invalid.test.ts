/**
 * One invalid request per constraint of the ServiceStage spec: an unknown action is SVCSTG.00100418 (the
 * action schema's x-hwc-error-code); every other violation SVCSTG.00100400 (info.x-hwc-validation-error-code).
 */
import { describe, it } from 'vitest';
import { ENGINES, INSTANCE, instancePath, JOB, ssClient, ssPaths } from './support/clients.js';
import { expectRejected, type InvalidCase } from './support/invalid.js';

const action = (name: string, code: string, body: unknown): InvalidCase => ({
  name: `action: ${name}`,
  operationId: 'performComponentInstanceAction',
  code,
  send: (engine) =>
    ssClient(engine).POST(ssPaths.action, { params: { path: instancePath }, body: body as never }),
});
const snapshots = (name: string, query: Record<string, unknown>): InvalidCase => ({
  name: `snapshots: ${name}`,
  operationId: 'listComponentInstanceSnapshots',
  code: 'SVCSTG.00100400',
  send: (engine) =>
    ssClient(engine).GET(ssPaths.snapshots, { params: { path: instancePath, query: query as never } }),
});
const job = (name: string, query: Record<string, unknown>): InvalidCase => ({
  name: `job: ${name}`,
  operationId: 'showJobDetail',
  code: 'SVCSTG.00100400',
  send: (engine) =>
    ssClient(engine).GET(ssPaths.job, { params: { path: { job_id: JOB }, query: query as never } }),
});

const cases: InvalidCase[] = [
  action('unknown action', 'SVCSTG.00100418', { action: 'reboot' }),
  action('upper-case action', 'SVCSTG.00100418', { action: 'SCALE', parameters: { replica: 1 } }),
  action('action missing', 'SVCSTG.00100400', { parameters: { replica: 1 } }),
  action('scale without replica', 'SVCSTG.00100400', { action: 'scale', parameters: {} }),
  action('scale without parameters', 'SVCSTG.00100400', { action: 'scale' }),
  action('rollback without version', 'SVCSTG.00100400', { action: 'rollback', parameters: { replica: 1 } }),
  action('rollback without parameters', 'SVCSTG.00100400', { action: 'rollback' }),
  action('replica as a string', 'SVCSTG.00100400', { action: 'scale', parameters: { replica: '4' } }),
  action('negative replica', 'SVCSTG.00100400', { action: 'scale', parameters: { replica: -1 } }),
  action('hosts not an array', 'SVCSTG.00100400', {
    action: 'scale',
    parameters: { replica: 1, hosts: 'ecs-1' },
  }),
  action('version as a number', 'SVCSTG.00100400', { action: 'rollback', parameters: { version: 1 } }),
  action('body not an object', 'SVCSTG.00100400', ['scale']),
  snapshots('limit above 100', { limit: 101 }),
  snapshots('negative limit', { limit: -1 }),
  snapshots('limit not an integer', { limit: 'ten' }),
  snapshots('negative offset', { offset: -1 }),
  snapshots('unknown sort field', { snapshot_order_by: 'name' }),
  snapshots('unknown order', { order: 'up' }),
  job('negative limit', { limit: -1 }),
  job('negative offset', { offset: -5 }),
  job('desc not true/false', { desc: 'yes', instance_id: INSTANCE }),
];

describe.each(ENGINES)(
  'ServiceStage rejects each constraint violation with the service code (%s engine)',
  (engine) => {
    it.each(cases.map((c) => [c.name, c.code, c] as const))('%s -> %s', (_name, _code, c) =>
      expectRejected(c, engine),
    );
  },
);
