// Runs the Arazzo workflows of spec/*/workflows/ with `redocly respect` against fresh emulators.
//
// Each service gets its own emulator (startMock, in this process, on a free port); respect runs as a child process
// with `--server` pointing both the service's source description and the control plane's at it. The IAM token
// travels as a workflow input through REDOCLY_CLI_RESPECT_INPUT, never on the command line. The JSON report of each
// document is written to `reportDir`.
//
// CLI: node scripts/workflows.mjs [workflowId]   (all workflows when none is given; exit code 1 when one fails)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMock } from '@hwc-openapi/mock';

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const specDir = dirname(fileURLToPath(import.meta.resolve('@hwc-openapi/spec/package.json')));

/** The Arazzo documents, by service, and the name of the service's source description in each. */
export const WORKFLOW_DOCUMENTS = [
  {
    service: 'autoscaling',
    file: join(specDir, 'autoscaling/workflows/lifecycle.arazzo.yaml'),
    source: 'as',
  },
  {
    service: 'servicestage',
    file: join(specDir, 'servicestage/workflows/instances.arazzo.yaml'),
    source: 'servicestage',
  },
];

/** Bounds, so that a hung run ends inside the test's timeout and leaves no process behind (milliseconds). */
const EXECUTION_TIMEOUT_MS = 90_000;
const FETCH_TIMEOUT_MS = 10_000;

/** The emulator accepts any non-empty token when it is given no credentials. */
export const EMULATOR_TOKEN = 'emulator-iam-token';

/** The workflowIds of an Arazzo document, in order. */
export function workflowIds(file) {
  return [...readFileSync(file, 'utf8').matchAll(/^ {2}- workflowId: (\S+)$/gm)].map((m) => m[1]);
}

function run(args, env) {
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the emulators answer respect from this process's event loop.
    const child = spawn(process.execPath, [redoclyBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Runs every workflow (or only `workflowId`) against fresh emulators.
 * @returns {Promise<{ service: string, file: string, code: number, output: string, report: any, seconds: number }[]>}
 */
export async function runWorkflows({ reportDir, workflowId } = {}) {
  const documents = WORKFLOW_DOCUMENTS.filter(
    ({ file }) => workflowId === undefined || workflowIds(file).includes(workflowId),
  );
  if (documents.length === 0) throw new Error(`No Arazzo document has a workflow "${workflowId}"`);
  mkdirSync(reportDir, { recursive: true });
  const env = {
    ...process.env,
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    REDOCLY_CLI_RESPECT_INPUT: JSON.stringify({ token: EMULATOR_TOKEN }),
  };
  return Promise.all(
    documents.map(async ({ service, file, source }) => {
      const mock = await startMock({ service, port: 0 });
      try {
        const reportFile = join(reportDir, `${service}.json`);
        const args = ['respect', file, '--server', `${source}=${mock.url},emulator=${mock.url}`];
        args.push('--json-output', reportFile, '--execution-timeout', String(EXECUTION_TIMEOUT_MS));
        args.push('--max-fetch-timeout', String(FETCH_TIMEOUT_MS));
        if (workflowId !== undefined) args.push('--workflow', workflowId);
        const started = performance.now();
        const { code, output } = await run(args, env);
        const seconds = (performance.now() - started) / 1000;
        let report;
        try {
          report = JSON.parse(readFileSync(reportFile, 'utf8'));
        } catch {
          report = undefined; // respect failed before it could write one; `output` says why
        }
        return { service, file, code, output, report, seconds };
      } finally {
        await mock.close();
      }
    }),
  );
}

/** Per workflow: its status, and the steps whose last attempt did not succeed (respect records each retry). */
export function summarize(report) {
  return Object.values(report?.files ?? {}).flatMap((file) =>
    file.executedWorkflows.map((workflow) => {
      const last = new Map();
      for (const step of workflow.executedSteps) last.set(step.stepId, step);
      const retries = workflow.executedSteps.length - last.size;
      const failedSteps = [...last.values()].filter((s) => s.status !== 'success').map((s) => s.stepId);
      const checks = [...last.values()].reduce((n, s) => n + (s.checks?.length ?? 0), 0);
      return {
        workflowId: workflow.workflowId,
        status: workflow.status,
        steps: last.size,
        checks,
        retries,
        failedSteps,
        ms: Math.round(workflow.totalTimeMs),
      };
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const workflowId = process.argv[2];
  const reportDir = fileURLToPath(new URL('../test-results/workflows/', import.meta.url));
  const results = await runWorkflows({ reportDir, workflowId });
  let failed = false;
  for (const result of results) {
    process.stdout.write(result.output);
    if (result.code !== 0) failed = true;
    console.log(
      `${relative(process.cwd(), result.file)}: respect exited ${result.code} in ${result.seconds.toFixed(1)} s; report in ${relative(process.cwd(), join(reportDir, `${result.service}.json`))}`,
    );
  }
  process.exit(failed ? 1 : 0);
}
