import { describe, expect, it } from 'vitest';
import { API_HANDLERS, CONTROL_OPERATIONS } from '../../src/engines/emulator/index.js';
import { codeOf, documents, expectDocumentedAnswer, harness, operationsOf } from './helpers.js';

/** Control operations the pipeline answers itself, the same for every engine. */
const PIPELINE_OPERATIONS = ['createFault', 'listFaults', 'deleteFaults', 'listRequests'];

describe('emulator: a handler for every operation, by operationId', () => {
  it.each(['autoscaling', 'servicestage'] as const)(
    '%s: every operation of the document has a handler',
    (service) => {
      const operations = [...operationsOf(documents[service]).keys()];
      expect(operations.length).toBeGreaterThan(0);
      expect(operations.filter((id) => !Object.hasOwn(API_HANDLERS[service], id))).toEqual([]);
      expect(Object.keys(API_HANDLERS[service]).filter((id) => !operations.includes(id))).toEqual([]);
    },
  );

  it('answers the control operations of the contract, except those of the pipeline', () => {
    expect([...CONTROL_OPERATIONS].sort()).toEqual(
      [
        'resetEmulator',
        'showClock',
        'advanceClock',
        'setClock',
        'showSettings',
        'updateSettings',
        'createScalingGroup',
        'scaleScalingGroup',
        'createServiceStageInstance',
        'listServiceStageInstances',
        'showServiceStageInstance',
        'showState',
        'replaceState',
      ].sort(),
    );
  });

  it('every operation of the control document is answered, by the engine or the pipeline', () => {
    const operations = [...operationsOf(documents.emulator).keys()];
    expect(
      operations.filter((id) => !CONTROL_OPERATIONS.includes(id) && !PIPELINE_OPERATIONS.includes(id)),
    ).toEqual([]);
    expect(CONTROL_OPERATIONS.filter((id) => !operations.includes(id))).toEqual([]);
  });

  it('answers an operation it has no handler for as the gateway does, and a pipeline control operation with 404', () => {
    const h = harness('servicestage');
    const request = {
      method: 'GET',
      pathTemplate: '/x',
      pathParams: {},
      query: {},
      headers: {},
      body: undefined,
      requestId: 'r',
    };
    const unknown = h.engine.answer({ ...request, operationId: 'listLifecycleHooks' });
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown)).toBe('APIGW.0101');
    const fault = h.engine.control({ ...request, operationId: 'createFault' });
    expect(fault).toMatchObject({ status: 404, body: { error_code: 'EMULATOR.0404' } });
  });
});

describe('emulator: the response check used by every scenario', () => {
  it('rejects a body the schema forbids, a body where none is documented, and an undocumented status', () => {
    const document = documents.autoscaling;
    expect(() =>
      expectDocumentedAnswer(document, 'listLifecycleHooks', {
        status: 200,
        body: { lifecycle_hooks: [{}] },
      }),
    ).toThrow();
    expect(() =>
      expectDocumentedAnswer(document, 'deleteLifecycleHook', { status: 204, body: {} }),
    ).toThrow();
    expect(() => expectDocumentedAnswer(document, 'deleteLifecycleHook', { status: 200 })).toThrow();
    expect(() =>
      expectDocumentedAnswer(documents.servicestage, 'showJobDetail', {
        status: 200,
        body: { task_count: 1, job: { JOB_ID: 'j', EXECUTION_STATUS: 'DONE' }, tasks: [] },
      }),
    ).toThrow();
    expectDocumentedAnswer(document, 'listLifecycleHooks', { status: 200, body: { lifecycle_hooks: [] } });
  });
});
