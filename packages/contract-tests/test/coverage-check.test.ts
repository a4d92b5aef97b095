import { describe, expect, it } from 'vitest';
import { compareCoverage } from './support/coverage.js';
import { operations } from './support/spec.js';

describe('the coverage check', () => {
  it('names every operation x status that has no test', () => {
    const report = compareCoverage(
      [
        { operationId: 'a', statuses: ['200', '400'] },
        { operationId: 'b', statuses: ['204'] },
      ],
      [{ operationId: 'a', status: '200' }],
    );
    expect(report.missing).toEqual(['a 400', 'b 204']);
    expect(report).toMatchObject({ operations: 2, coveredOperations: 0, statuses: 3, coveredStatuses: 1 });
  });

  it('compares against all eleven operations of the bundled specs', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      'callbackLifecycleHook',
      'createLifecycleHook',
      'deleteLifecycleHook',
      'listComponentInstanceSnapshots',
      'listInstanceHangingInfo',
      'listLifecycleHooks',
      'listScalingInstances',
      'performComponentInstanceAction',
      'showJobDetail',
      'showLifecycleHook',
      'updateLifecycleHook',
    ]);
  });
});
