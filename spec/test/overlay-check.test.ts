// The translation drift check (scripts/check-overlays.mjs), run by the spec build before it
// bundles the zh-CN documents. A tiny fixture proves that it reports a missing translation and a dangling target,
// and fails the command; the real overlays must pass against the real bundles.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as check from '../scripts/check-overlays.mjs';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/overlay-check/${name}`, import.meta.url));
const english = JSON.parse(readFileSync(fixture('openapi.json'), 'utf8'));
const overlay = (name: string) => parse(readFileSync(fixture(name), 'utf8'));
const checkScript = fileURLToPath(new URL('../scripts/check-overlays.mjs', import.meta.url));

describe('translatableTexts', () => {
  it('lists descriptions, summaries, titles and tag names, but not example data', () => {
    const paths = check.translatableTexts(english).map((t: { path: unknown[] }) => check.formatPath(t.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/info/title',
        '/info/description',
        '/tags/0/description',
        '/tags/0/x-displayName',
        '/paths/~1pets~1{pet_id}/get/summary',
        '/paths/~1pets~1{pet_id}/get/parameters/0/description',
        '/paths/~1pets~1{pet_id}/get/responses/200/content/application~1json/examples/default/summary',
        '/components/schemas/Pet/properties/description/description',
      ]),
    );
    expect(paths.some((p: string) => p.includes('/value/'))).toBe(false);
    expect(paths).toHaveLength(12);
  });
});

describe('checkOverlay', () => {
  it('accepts an overlay that translates every text', () => {
    const result = check.checkOverlay(english, overlay('complete.zh-CN.yaml'));
    expect(result.missing).toEqual([]);
    expect(result.dangling).toEqual([]);
    expect(result.invalid).toEqual([]);
    expect(result.covered).toHaveLength(12);
    expect(check.formatReport(result).ok).toBe(true);
  });

  it('reports the English texts that have no translation', () => {
    const result = check.checkOverlay(english, overlay('drifted.zh-CN.yaml'));
    expect(result.missing).toEqual([
      '/paths/~1pets~1{pet_id}/get/description',
      '/components/schemas/Pet/properties/description/description',
    ]);
  });

  it('reports actions whose target, or part of whose update, no longer exists', () => {
    const result = check.checkOverlay(english, overlay('drifted.zh-CN.yaml'));
    expect(result.dangling).toEqual([
      'action #2 ($.components.schemas.Owner): the target selects nothing in the English document',
      "action #3 ($.paths['/pets/{pet_id}'].get): /paths/~1pets~1{pet_id}/get/responses/404 does not exist in the English document",
    ]);
    const report = check.formatReport(result, 'drifted.zh-CN.yaml');
    expect(report.ok).toBe(false);
    expect(report.text).toContain('English texts without a translation (2)');
    expect(report.text).toContain('dangling actions');
  });

  it('rejects what is not a translation', () => {
    const result = check.checkOverlay(english, {
      overlay: '1.0.0',
      info: { title: 't', version: '1' },
      actions: [
        { target: '$.info', remove: true },
        { target: '$.info', update: { version: '2.0.0' } },
        { target: '$.tags', update: [{ name: 'x' }] },
        { target: '$..description', update: 'x' },
        { target: '$.info', update: { title: '宠物' } },
        { target: '$.info.title', update: '宠物' },
      ],
    });
    expect(result.invalid).toHaveLength(5);
    expect(result.invalid.join('\n')).toMatch(/no remove/);
    expect(result.invalid.join('\n')).toMatch(/\/info\/version is not a text/);
    expect(result.invalid.join('\n')).toMatch(/descendant segments are not supported/);
    expect(result.invalid.join('\n')).toMatch(/\/info\/title is already translated by action #5/);
  });

  it('warns when the English under an action changed since it was translated, and --update-hashes records it', () => {
    const result = check.checkOverlay(english, overlay('complete.zh-CN.yaml'));
    expect(result.outdated).toHaveLength(5);
    const dir = mkdtempSync(join(tmpdir(), 'overlay-check-'));
    try {
      const copy = join(dir, 'zh-CN.yaml');
      copyFileSync(fixture('complete.zh-CN.yaml'), copy);
      expect(check.updateHashes(fixture('openapi.json'), copy)).toBe(5);
      expect(check.checkOverlay(english, parse(readFileSync(copy, 'utf8'))).outdated).toEqual([]);
      const changed = structuredClone(english);
      changed.components.schemas.Pet.description = 'A pet, or a beast.';
      const after = check.checkOverlay(changed, parse(readFileSync(copy, 'utf8')));
      expect(after.outdated.map((o: { target: string }) => o.target)).toEqual(['$.components.schemas.Pet']);
      expect(check.formatReport(after).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('queryJsonPath', () => {
  it('evaluates the subset the overlays use', () => {
    const q = (expr: string) => check.queryJsonPath(english, expr).map((m: { path: unknown[] }) => m.path);
    expect(q("$.paths['/pets/{pet_id}'].get")).toEqual([['paths', '/pets/{pet_id}', 'get']]);
    expect(q('$.tags[?@.name=="Pets"]')).toEqual([['tags', 0]]);
    expect(q("$.paths['/pets/{pet_id}'].get.parameters[?(@.name=='pet_id')]")).toEqual([
      ['paths', '/pets/{pet_id}', 'get', 'parameters', 0],
    ]);
    expect(q('$.components.schemas.*')).toEqual([['components', 'schemas', 'Pet']]);
    expect(q('$.tags[0]')).toEqual([['tags', 0]]);
    expect(q('$.tags[5]')).toEqual([]);
  });
});

describe('check-overlays.mjs command', () => {
  it('fails, listing the missing and dangling paths', async () => {
    const error = await run(process.execPath, [
      checkScript,
      fixture('openapi.json'),
      fixture('drifted.zh-CN.yaml'),
    ]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('/paths/~1pets~1{pet_id}/get/description');
    expect(error?.stderr).toContain('$.components.schemas.Owner');
  });

  it('passes on a complete overlay', async () => {
    await expect(
      run(process.execPath, [checkScript, fixture('openapi.json'), fixture('complete.zh-CN.yaml')]),
    ).resolves.toBeDefined();
  });
});

describe('the zh-CN bundles', () => {
  for (const api of ['autoscaling', 'servicestage']) {
    it(`${api}: every English text has a Chinese counterpart`, () => {
      const read = (name: string) =>
        JSON.parse(readFileSync(new URL(`../dist/${name}`, import.meta.url), 'utf8'));
      const en = read(`${api}.json`);
      const zh = read(`${api}.zh-CN.json`);
      for (const { path, text } of check.translatableTexts(en)) {
        const value = path.reduce(
          (node: Record<string | number, unknown> | undefined, key: string | number) => node?.[key] as never,
          zh,
        );
        expect(value, check.formatPath(path)).toMatch(/[\u4e00-\u9fff]/);
        expect(value).not.toBe(text);
      }
    });
  }
});
