// Type-checks every generated TypeScript code sample against the client packages, so that the samples on the pages
// cannot drift from @hwc-openapi/autoscaling, @hwc-openapi/servicestage and @hwc-openapi/mock. The samples are written into a
// temporary directory inside this package (so that the workspace dependencies resolve) and compiled with the
// TypeScript compiler API under the repository's strict settings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typescriptSamples } from '../scripts/codesamples.mjs';
import { APIS, LANGS, loadSpec } from '../scripts/pages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  skipLibCheck: true,
  noEmit: true,
};

function compile(files: string[]) {
  const program = ts.createProgram(files, OPTIONS);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(dir.length + 1)}:${(d.file.getLineAndCharacterOfPosition(d.start ?? 0).line ?? 0) + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

beforeAll(() => {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  dir = mkdtempSync(join(root, 'test-results', 'samples-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('generated TypeScript samples', () => {
  it('compile against the client packages', async () => {
    const files: string[] = [];
    let operations = 0;
    for (const api of APIS) {
      for (const lang of LANGS) {
        const spec = await loadSpec(api, lang);
        operations += Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>)
          .flatMap((item) => Object.values(item))
          .filter((op) => typeof op === 'object' && op?.operationId).length;
        const samples = typescriptSamples(api, spec, lang);
        expect(samples.length).toBeGreaterThan(0);
        for (const { operationId, source } of samples) {
          const file = join(dir, `${api}.${lang}.${operationId}.ts`);
          writeFileSync(file, source);
          files.push(file);
        }
      }
    }
    // One sample per operation and language, counted from the documents' paths themselves.
    expect(files).toHaveLength(operations);
    expect(compile(files)).toEqual([]);
  });

  it('would catch a sample that no longer matches a client (control)', async () => {
    const [sample] = typescriptSamples('autoscaling', await loadSpec('autoscaling', 'en'), 'en').filter(
      (s: { operationId: string }) => s.operationId === 'callbackLifecycleHook',
    );
    if (!sample) throw new Error('no callbackLifecycleHook sample');
    // Each drift in its own file: TypeScript reports one error per argument.
    const drifts = {
      param: sample.source.replace('scaling_group_id:', 'scaling_group:'),
      enum: sample.source.replace("lifecycle_action_result: 'ABANDON'", "lifecycle_action_result: 'STOP'"),
      method: sample.source.replace('as.callbackLifecycleHook(', 'as.callbackLifeCycleHook('),
    };
    const files = Object.entries(drifts).map(([name, source]) => {
      const file = join(dir, `control.${name}.ts`);
      writeFileSync(file, source);
      return file;
    });
    const diagnostics = compile(files).join('\n');
    expect(diagnostics).toMatch(/control\.param\.ts:\d+ .*scaling_group/);
    expect(diagnostics).toMatch(/control\.enum\.ts:\d+ .*STOP/);
    expect(diagnostics).toMatch(/control\.method\.ts:\d+ .*callbackLifeCycleHook/);
  });
});
