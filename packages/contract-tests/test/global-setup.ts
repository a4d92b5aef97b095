import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMock } from '@hwc-openapi/mock';
import type { TestProject } from 'vitest/node';
import { compareCoverage } from './support/coverage.js';
import { operations } from './support/spec.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The prism engine's mocks: every documented status and example, with `Prefer`. */
    asUrl: string;
    ssUrl: string;
    /** The emulator engine's mocks (the default engine): state, and the same validation. */
    emulatorAsUrl: string;
    emulatorSsUrl: string;
    coverageDir: string;
  }
}

const REPORT = new URL('../test-results/contract-coverage.json', import.meta.url);

export default async function setup(project: TestProject) {
  const started = Date.now();
  // Each mock is started once for the whole run.
  const mocks: MockServer[] = await Promise.all([
    startMock({ service: 'autoscaling', engine: 'prism' }),
    startMock({ service: 'servicestage', engine: 'prism' }),
    startMock({ service: 'autoscaling', engine: 'emulator' }),
    startMock({ service: 'servicestage', engine: 'emulator' }),
  ]);
  const [as, ss, emulatorAs, emulatorSs] = mocks as [MockServer, MockServer, MockServer, MockServer];
  const coverageDir = mkdtempSync(join(tmpdir(), 'hwc-contract-'));
  project.provide('asUrl', as.url);
  project.provide('ssUrl', ss.url);
  project.provide('emulatorAsUrl', emulatorAs.url);
  project.provide('emulatorSsUrl', emulatorSs.url);
  project.provide('coverageDir', coverageDir);

  return async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
    const covered = readdirSync(coverageDir).flatMap((file) =>
      readFileSync(join(coverageDir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { operationId: string; status: string }),
    );
    rmSync(coverageDir, { recursive: true, force: true });
    const report = compareCoverage(
      operations.map((op) => ({ operationId: op.operationId, statuses: op.responses.map((r) => r.status) })),
      covered,
    );
    mkdirSync(new URL('.', REPORT), { recursive: true });
    writeFileSync(REPORT, `${JSON.stringify({ ...report, wallTimeMs: Date.now() - started }, null, 2)}\n`);
    const summary =
      `contract coverage: ${report.coveredOperations}/${report.operations} operations complete, ` +
      `${report.coveredStatuses}/${report.statuses} operation x status pairs`;
    // A failed run must not blame coverage for the tests that failed: report, and fail only on what is missing.
    // CONTRACT_COVERAGE=off skips the check, for running a single file while working on it.
    if (report.missing.length > 0 && process.env.CONTRACT_COVERAGE !== 'off') {
      // Vitest logs an error thrown by a global teardown but keeps the exit code: set it.
      process.exitCode = 1;
      throw new Error(`${summary}; no contract test for:\n  ${report.missing.join('\n  ')}`);
    }
    console.log(summary);
  };
}
