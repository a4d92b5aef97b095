// The guides cannot drift from their workflows: every workflow of the spec package's Arazzo documents has its
// TypeScript in guides/<workflowId>.ts, which compiles under the repository's strict settings, calls every
// operation the workflow's steps call, and runs to the end against a fresh emulator. The Chinese texts pass the
// same drift check as the API overlays, and the pages link each service step to its operation in the reference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { drainOnScaleIn } from '../guides/drainOnScaleIn.js';
import { launchTimeout } from '../guides/launchTimeout.js';
import { prepareOnLaunch } from '../guides/prepareOnLaunch.js';
import { rollBack } from '../guides/rollBack.js';
import { scaleAndWait } from '../guides/scaleAndWait.js';
import { autoScalingOnEmulator, serviceStageOnEmulator } from '../guides/setup.js';
import {
  applyOverlay,
  checkGuideOverlay,
  GUIDE_CODE_DIR,
  guidesPage,
  loadWorkflows,
  operationIndexes,
  resolveStep,
} from '../scripts/guides.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const specDir = fileURLToPath(new URL('../node_modules/@hwc-openapi/spec/', import.meta.url));
const { parse } = await import('yaml');
const readYaml = (path: string) => parse(readFileSync(join(specDir, path), 'utf8'));

const english = await loadWorkflows('en');
const workflows = english.flatMap((entry) => entry.doc.workflows.map((w: { workflowId: string }) => w));

/** A helper of the clients that stands for a step's operation in the TypeScript. */
const HELPERS: Record<string, string> = { showJobDetail: 'waitForJob(' };

describe('guide TypeScript', () => {
  it('exists for every workflow, and only for them', () => {
    const files = readdirSync(GUIDE_CODE_DIR).filter((f) => f !== 'setup.ts');
    expect(files.sort()).toEqual(workflows.map((w) => `${w.workflowId}.ts`).sort());
  });

  it('compiles under the repository settings', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('no tsconfig.json');
    const files = readdirSync(GUIDE_CODE_DIR).map((f) => join(GUIDE_CODE_DIR, f));
    const program = ts.createProgram(files, { ...config.options, noUnusedLocals: true });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });

  it('calls every operation its workflow calls', async () => {
    for (const entry of english) {
      const index = await operationIndexes(entry, 'en');
      for (const workflow of entry.doc.workflows) {
        // Whitespace aside: the formatter breaks long calls after the parenthesis.
        const code = readFileSync(join(GUIDE_CODE_DIR, `${workflow.workflowId}.ts`), 'utf8').replace(
          /\s+/g,
          '',
        );
        for (const step of workflow.steps) {
          const where = resolveStep(step, entry, index, 'en');
          // The API's operation method (or the helper standing for it); the control plane's path call.
          const call =
            where.source === 'emulator'
              ? `${where.method}('${where.path}'`
              : (HELPERS[where.operationId ?? ''] ?? `.${where.operationId}(`);
          expect(code, `${workflow.workflowId} / ${step.stepId}: ${call}`).toContain(call);
        }
      }
    }
  });
});

describe('guide TypeScript on the emulator', () => {
  it('drains, prepares and times out like the AS workflows', async () => {
    const { client, control, close } = await autoScalingOnEmulator();
    try {
      const drained = await drainOnScaleIn(client, control);
      expect(drained.drained_instance_id).toMatch(/^[0-9a-f-]{36}$/);
      const prepared = await prepareOnLaunch(client, control);
      expect(prepared.instance_id).toMatch(/^[0-9a-f-]{36}$/);
      const timedOut = await launchTimeout(client, control);
      expect(timedOut.timed_out_instance_id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await close();
    }
  });

  it('scales and rolls back like the ServiceStage workflows', async () => {
    const { client, control, close } = await serviceStageOnEmulator();
    try {
      expect((await scaleAndWait(client, control, 4)).replica).toBe(4);
      expect((await rollBack(client, control)).version).toBe('1.0.0');
    } finally {
      await close();
    }
  });
});

describe('guide translations', () => {
  const documents = [
    ['autoscaling/workflows/lifecycle.arazzo.yaml', 'autoscaling/workflows/lifecycle.zh-CN.overlay.yaml'],
    ['servicestage/workflows/instances.arazzo.yaml', 'servicestage/workflows/instances.zh-CN.overlay.yaml'],
  ] as const;

  it.each(documents)('%s: every text is translated, no action dangles', (doc, overlay) => {
    const report = checkGuideOverlay(readYaml(doc), readYaml(overlay), overlay);
    expect(report.text).toBe('');
    expect(report.ok).toBe(true);
  });

  it('fails on a missing and on a dangling translation', () => {
    const [doc, overlayFile] = documents[0];
    const overlay = readYaml(overlayFile);
    const withoutOne = { ...overlay, actions: overlay.actions.slice(1) };
    const missing = checkGuideOverlay(readYaml(doc), withoutOne, overlayFile);
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain('/info/title');
    const dangling = {
      ...overlay,
      actions: [
        ...overlay.actions,
        { target: "$.workflows[?@.workflowId=='gone']", update: { summary: '已删除' } },
      ],
    };
    expect(checkGuideOverlay(readYaml(doc), dangling, overlayFile).text).toContain('selects nothing');
  });

  it('applies every translation', () => {
    const [doc, overlayFile] = documents[1];
    const translated = applyOverlay(readYaml(doc), readYaml(overlayFile));
    expect(translated.workflows[0].summary).toBe('伸缩实例并等待任务完成');
    expect(translated.workflows[1].steps.at(-1).description).toMatch(/[\u4e00-\u9fff]/);
    // Data stays as it is.
    expect(translated.workflows[1].steps[2].requestBody).toEqual(
      readYaml(doc).workflows[1].steps[2].requestBody,
    );
  });
});

describe('guides pages', () => {
  it.each(['en', 'zh-CN'] as const)(
    '%s: every workflow, every step linked to the reference',
    async (lang) => {
      const html = await guidesPage(lang);
      for (const workflow of workflows) expect(html).toContain(`id="${workflow.workflowId}"`);
      const page = lang === 'en' ? '' : '.zh-CN';
      expect(html).toContain(`href="autoscaling${page}.html#/lifecycle-hooks/createlifecyclehook"`);
      expect(html).toContain(`href="servicestage${page}.html#/jobs/showjobdetail"`);
      expect(html).toContain('export async function rollBack(');
      // The waiting steps show their retry policy.
      expect(html.match(/<p class="retry">/g)).toHaveLength(2);
      expect(html).toMatch(lang === 'en' ? /Retried after 1 s, at most 30 times/ : /1 秒后重试，最多 30 次/);
      if (lang === 'zh-CN') expect(html).toContain('<h2>缩容时排空实例</h2>');
    },
  );
});
