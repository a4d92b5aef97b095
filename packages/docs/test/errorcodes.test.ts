// The error-code pages (scripts/errorcodes.mjs): every code the spec uses anywhere is on both pages of its API, with
// its status, message, meaning, operations and a fix in the page's language; the fixes table follows the spec.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_FIXES } from '../scripts/error-fixes.mjs';
import { codesIn, errorCodeRows, errorPageFile, fixDrift, sourceHash } from '../scripts/errorcodes.mjs';
import { APIS, LANGS, loadSpec, operationsOf, pageFile } from '../scripts/pages.mjs';
import { DIST } from '../scripts/serve.mjs';

const built = (file: string) => readFileSync(join(DIST, file), 'utf8');
const specs = Object.fromEntries(
  await Promise.all(
    APIS.flatMap((api) => LANGS.map(async (lang) => [`${api}.${lang}`, await loadSpec(api, lang)] as const)),
  ),
);
const englishRows = APIS.map((api) => errorCodeRows(specs[`${api}.en`]));

describe.each(APIS)('%s error codes', (api) => {
  const codes = [...new Set([...codesIn(specs[`${api}.en`]), ...codesIn(specs[`${api}.zh-CN`])])];

  it('finds the codes of the spec', () => {
    expect(codes.length).toBeGreaterThan(api === 'autoscaling' ? 30 : 12);
  });

  it.each(LANGS)('lists every code the spec uses on the %s page, each with its own anchor', (lang) => {
    const html = built(errorPageFile(api, lang));
    expect(codes.filter((code) => !html.includes(`<tr id="${code}">`))).toEqual([]);
    expect(html).toContain(`<html lang="${lang}">`);
  });

  it('gives every row a status, the message and meaning of its example, and links to its operations', () => {
    const html = built(errorPageFile(api, 'en'));
    const operationCount = operationsOf(specs[`${api}.en`]).length;
    for (const row of errorCodeRows(specs[`${api}.en`])) {
      // A code only a text names (a candidate beside a decision) says where it is named instead.
      if (row.mentionedWith.length > 0) continue;
      expect(row.statuses.length, row.code).toBeGreaterThan(0);
      expect(row.message, row.code).not.toBe('');
      expect(row.meaning, row.code).not.toBe('');
      // A code of every operation says so instead of listing them.
      if (row.operations.length === operationCount) {
        const start = html.indexOf(`<tr id="${row.code}">`);
        expect(html.slice(start, html.indexOf('</tr>', start)), row.code).toContain(
          '<td>every operation</td>',
        );
        continue;
      }
      for (const op of row.operations)
        expect(html, `${row.code} ${op.operationId}`).toContain(`href="${pageFile(api, 'en')}${op.route}"`);
    }
  });

  it('links each operation that returns a code to its section of the API page, in the page language', () => {
    for (const lang of LANGS) {
      const html = built(errorPageFile(api, lang));
      for (const row of errorCodeRows(specs[`${api}.${lang}`]).filter((r) => r.operations.length === 1)) {
        expect(html).toContain(`<a href="${pageFile(api, lang)}${row.operations[0]?.route}">`);
      }
    }
  });

  it('is linked from the landing page and from the API page, in both languages', () => {
    const index = built('index.html');
    for (const lang of LANGS) {
      expect(index).toContain(`href="${errorPageFile(api, lang)}"`);
      expect(built(pageFile(api, lang))).toContain(errorPageFile(api, lang));
    }
  });
});

describe('rows', () => {
  const as = (code: string) => errorCodeRows(specs['autoscaling.en']).find((r) => r.code === code);
  const zh = (code: string) => errorCodeRows(specs['autoscaling.zh-CN']).find((r) => r.code === code);

  it('take the status, message and meaning from the examples, the operations from examples and schema rules', () => {
    expect(as('AS.7030')).toMatchObject({
      statuses: ['400'],
      message: 'Invalid lifecycle hook default timeout.',
      meaning: 'default_timeout out of range',
    });
    expect(as('AS.7030')?.operations.map((o) => o.operationId)).toEqual([
      'createLifecycleHook',
      'updateLifecycleHook',
    ]);
    expect(as('APIGW.0201')?.statuses).toEqual(['405', '406', '407', '408', '409']);
    expect(zh('AS.7030')?.meaning).toMatch(/[\u4e00-\u9fff]/);
    expect(zh('AS.7030')?.message).toBe('Invalid lifecycle hook default timeout.');
  });
});

describe('fixes table', () => {
  it('has a fix in both languages for every code, none for a code the spec lost, none outdated', () => {
    expect(fixDrift(englishRows)).toEqual({ missing: [], stale: [], outdated: [] });
    for (const [code, fix] of Object.entries(ERROR_FIXES))
      expect(fix['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports a missing code, a stale one and a changed meaning', () => {
    const { 'AS.7030': _removed, ...fixes } = ERROR_FIXES;
    const extra = { ...fixes, 'AS.9999': { source: 'x', en: 'x', 'zh-CN': '错' } };
    expect(fixDrift(englishRows, extra)).toMatchObject({ missing: ['AS.7030'], stale: ['AS.9999'] });
    const changed = englishRows.map((rows) =>
      rows.map((r) => (r.code === 'AS.7031' ? { ...r, meaning: 'another meaning' } : r)),
    );
    const row = englishRows[0]?.find((r) => r.code === 'AS.7031');
    expect(fixDrift(changed).outdated).toEqual([
      {
        code: 'AS.7031',
        source: row && sourceHash(row),
        now: expect.not.stringMatching(row ? sourceHash(row) : ''),
      },
    ]);
  });
});
