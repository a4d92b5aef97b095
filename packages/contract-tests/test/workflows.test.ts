// Every Arazzo workflow of spec/*/workflows/ runs with `redocly respect` against fresh emulators and must pass:
// each step's success criteria, plus respect's own status-code, content-type and response-schema checks. The JSON
// reports stay in test-results/workflows/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EMULATOR_TOKEN,
  runWorkflows,
  summarize,
  WORKFLOW_DOCUMENTS,
  workflowIds,
} from '../scripts/workflows.mjs';

const reportDir = fileURLToPath(new URL('../test-results/workflows/', import.meta.url));

/** The workflows that wait for a ServiceStage job, which the emulator keeps RUNNING for one read. */
const WAITING = ['scaleAndWait', 'rollBack'];

describe('Arazzo workflows on the emulator', () => {
  it('passes every step of every workflow', { timeout: 120_000 }, async () => {
    const results = await runWorkflows({ reportDir });
    for (const result of results) {
      // The console output names the failed check; show it when the run fails.
      expect(result.code, result.output).toBe(0);
      expect(result.report?.status, result.output).toBe('success');
      // The token went in through the environment, and respect masks it in what it writes.
      expect(result.output).not.toContain(EMULATOR_TOKEN);
      expect(readFileSync(join(reportDir, `${result.service}.json`), 'utf8')).not.toContain(EMULATOR_TOKEN);
      const summary = summarize(result.report);
      expect(summary.map((w) => w.workflowId)).toEqual(workflowIds(result.file));
      for (const workflow of summary) {
        expect(workflow, result.output).toMatchObject({ status: 'success', failedSteps: [] });
        // The retry on successCriteria really ran: the job read RUNNING before it read SUCCEEDED.
        if (WAITING.includes(workflow.workflowId)) expect(workflow.retries).toBeGreaterThan(0);
        else expect(workflow.retries).toBe(0);
      }
      console.log(
        `${result.service}: respect ran ${summary.length} workflows in ${result.seconds.toFixed(1)} s: ` +
          summary.map((w) => `${w.workflowId} (${w.steps} steps, ${w.checks} checks, ${w.ms} ms)`).join(', '),
      );
    }
    expect(results.flatMap((r) => workflowIds(r.file))).toHaveLength(5);
  });

  it('covers both documents', () => {
    expect(WORKFLOW_DOCUMENTS.map((d) => workflowIds(d.file))).toEqual([
      ['drainOnScaleIn', 'prepareOnLaunch', 'launchTimeout'],
      ['scaleAndWait', 'rollBack'],
    ]);
  });
});
