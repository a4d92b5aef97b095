// What the ServiceStage pages (seed 004 and the API-surface reference) state, operation by operation.
import { describe, expect, it } from 'vitest';
import { deref, loadBundle, operation, operations, validator } from './bundle.js';

const doc = loadBundle('servicestage');
const schema = validator(doc);
const INSTANCE =
  '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}';

describe('ServiceStage operations', () => {
  it('has the action, the snapshots and the job details, at their paths and methods', () => {
    const found = operations(doc).map(
      (o) => `${o.method.toUpperCase()} ${o.path} ${o.operation.operationId}`,
    );
    expect(found.sort()).toEqual(
      [
        `POST ${INSTANCE}/action performComponentInstanceAction`,
        `GET ${INSTANCE}/snapshots listComponentInstanceSnapshots`,
        'GET /v2/{project_id}/cas/jobs/{job_id} showJobDetail',
      ].sort(),
    );
  });

  it.each(operations(doc).map((o) => [o.operation.operationId] as const))(
    '%s: documents 200, 400, 404 and 500, plus the gateway auth statuses',
    (id) => {
      expect(Object.keys(operation(doc, id).operation.responses)).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
        '500',
      ]);
    },
  );
});

describe('performComponentInstanceAction (seed 004)', () => {
  const op = operation(doc, 'performComponentInstanceAction');
  const valid = schema('#/components/schemas/InstanceAction');

  it('takes four required string path parameters', () => {
    for (const name of ['project_id', 'application_id', 'component_id', 'instance_id']) {
      expect(op.param(name)).toMatchObject({ in: 'path', required: true, schema: { type: 'string' } });
    }
  });

  it('requires the action, one of start, stop, restart, scale, rollback; parameters hold replica, hosts, version', () => {
    expect(op.bodySchema.required).toEqual(['action']);
    expect(deref(doc, op.bodySchema.properties.action).enum).toEqual([
      'start',
      'stop',
      'restart',
      'scale',
      'rollback',
    ]);
    const parameters = deref(doc, op.bodySchema.properties.parameters);
    expect(parameters.properties.replica).toMatchObject({ type: 'integer' });
    expect(parameters.properties.hosts).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(parameters.properties.version).toMatchObject({ type: 'string' });
  });

  it('needs replica for scale and version for rollback', () => {
    expect(valid({ action: 'start' })).toBe(true);
    expect(valid({ action: 'scale', parameters: { replica: 4 } })).toBe(true);
    expect(valid({ action: 'rollback', parameters: { version: '1.0.0' } })).toBe(true);
    expect(valid({ action: 'scale' })).toBe(false);
    expect(valid({ action: 'scale', parameters: {} })).toBe(false);
    expect(valid({ action: 'scale', parameters: { replica: '4' } })).toBe(false);
    expect(valid({ action: 'rollback', parameters: { replica: 1 } })).toBe(false);
    expect(valid({ action: 'explode' })).toBe(false);
    expect(valid({})).toBe(false);
  });

  it('carries the page example and answers a job_id', () => {
    expect(op.requestExample()).toEqual({ action: 'scale', parameters: { replica: 4 } });
    expect(op.responseSchema('200').required).toEqual(['job_id']);
    expect(op.example('200')).toEqual({ job_id: 'JOB66761060-f209-407c-a093-4df6f531b9dc' });
  });

  it('names an unknown action SVCSTG.00100418', () => {
    const examples = op.response('400').content['application/json'].examples;
    expect(deref(doc, examples.SvcActionNotDefined).value).toEqual({
      error_code: 'SVCSTG.00100418',
      error_msg: 'component instance action not defined',
    });
  });
});

describe('listComponentInstanceSnapshots', () => {
  const op = operation(doc, 'listComponentInstanceSnapshots');

  it('pages with limit 0-100 and offset (default 0), sorts with snapshot_order_by and order (default desc)', () => {
    expect(op.param('limit').schema).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
    expect(op.param('offset').schema).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    expect(op.param('snapshot_order_by').schema.enum).toEqual(['create_time', 'version']);
    expect(op.param('snapshot_order_by').description).toMatch(/order_by/);
    expect(op.param('order').schema).toMatchObject({ enum: ['desc', 'asc'], default: 'desc' });
  });

  it('returns count and snapshots with an epoch-millisecond create_time, as in the page example', () => {
    const snapshot = deref(doc, op.responseSchema('200').properties.snapshots.items);
    expect(snapshot.properties.create_time).toMatchObject({ type: 'integer', format: 'int64' });
    // The page's one snapshot, after a later one that the rollback example needs (it goes back to 1.0.0).
    expect(op.example('200')).toEqual({
      snapshots: [
        {
          version: '1.0.1',
          description: '{"action":"New Version: 1.0.1"}',
          instance_id: '11eddb33-140b-4e51-b1e2-6ec265373ca3',
          create_time: 1610346000000,
        },
        {
          version: '1.0.0',
          description: '{"action":"New Version: 1.0.0"}',
          instance_id: '11eddb33-140b-4e51-b1e2-6ec265373ca3',
          create_time: 1610331830841,
        },
      ],
      count: 2,
    });
  });
});

describe('showJobDetail', () => {
  const op = operation(doc, 'showJobDetail');

  it('takes job_id in the path and instance_id, limit, offset and a string desc in the query', () => {
    expect(op.param('job_id')).toMatchObject({ in: 'path', required: true });
    expect(op.param('desc').schema).toEqual(
      expect.objectContaining({ type: 'string', enum: ['true', 'false'] }),
    );
    for (const name of ['instance_id', 'limit', 'offset'])
      expect(op.param(name)).toMatchObject({ in: 'query', required: false });
  });

  it('keeps the UPPER-CASE job and task keys and the documented status superset', () => {
    const body = op.responseSchema('200');
    const job = deref(doc, body.properties.job);
    const task = deref(doc, body.properties.tasks.items);
    expect(Object.keys(job.properties).every((k) => k === k.toUpperCase())).toBe(true);
    expect(Object.keys(task.properties).every((k) => k === k.toUpperCase())).toBe(true);
    expect(deref(doc, job.properties.EXECUTION_STATUS).enum).toEqual(
      expect.arrayContaining([
        'RUNNING',
        'FAILED',
        'SUCCEEDED',
        'CANCELLED',
        'PARTIALLY_FAILED',
        'ROLLBACKED',
        'UNKNOWN',
      ]),
    );
    expect(deref(doc, task.properties.TASK_STATUS).enum).toEqual(
      expect.arrayContaining(['RUNNING', 'SKIPPED', 'FAILED', 'SUCCEEDED']),
    );
    expect(task.properties.TASK_INDEX.type).toBe('integer');
  });
});

describe('ServiceStage errors and servers', () => {
  it('answers SVCSTG.00100xxx codes in error_code/error_msg', () => {
    const valid = schema('#/components/schemas/ServiceStageErrorResponse');
    expect(valid({ error_code: 'SVCSTG.00100412', error_msg: 'instance not found' })).toBe(true);
    expect(valid({ error: { code: 'AS.0001', message: 'System error.' } })).toBe(false);
  });

  it('is served on servicestage.{region}.myhuaweicloud.com only', () => {
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://servicestage.{region}.myhuaweicloud.com',
    ]);
  });
});
