import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Records that a passing contract test reached `status` of `operationId`. Call it after the assertions: a
 * failed assertion throws first, so only what was really checked counts. The global teardown compares the
 * records with every operation x documented status of the bundled specs.
 */
export function cover(operationId: string, status: number | string): void {
  const line = `${JSON.stringify({ operationId, status: String(status) })}\n`;
  appendFileSync(join(inject('coverageDir'), `covered-${process.pid}.jsonl`), line);
}

export interface CoverageReport {
  readonly operations: number;
  readonly coveredOperations: number;
  readonly statuses: number;
  readonly coveredStatuses: number;
  /** `operationId status` pairs with no contract test. */
  readonly missing: readonly string[];
  readonly perOperation: Readonly<Record<string, { documented: string[]; covered: string[] }>>;
}

/** Compares what the specs document with what the tests covered. */
export function compareCoverage(
  documented: readonly { operationId: string; statuses: readonly string[] }[],
  covered: readonly { operationId: string; status: string }[],
): CoverageReport {
  const seen = new Set(covered.map((c) => `${c.operationId} ${c.status}`));
  const missing: string[] = [];
  const perOperation: Record<string, { documented: string[]; covered: string[] }> = {};
  let statuses = 0;
  let coveredStatuses = 0;
  let coveredOperations = 0;
  for (const { operationId, statuses: list } of documented) {
    const done = list.filter((status) => seen.has(`${operationId} ${status}`));
    perOperation[operationId] = { documented: [...list], covered: done };
    statuses += list.length;
    coveredStatuses += done.length;
    if (done.length === list.length) coveredOperations++;
    for (const status of list) if (!done.includes(status)) missing.push(`${operationId} ${status}`);
  }
  return {
    operations: documented.length,
    coveredOperations,
    statuses,
    coveredStatuses,
    missing,
    perOperation,
  };
}
