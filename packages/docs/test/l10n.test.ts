// The translation of Redoc's interface labels (scripts/l10n.mjs): the fixed label map, the patched translate hook,
// the failure when the Redoc bundle differs, and the built pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HARDCODED,
  postProcessPage,
  REDOC_LABELS,
  TRANSLATE_L10N,
  TRANSLATE_STUB,
} from '../scripts/l10n.mjs';
import { PAGES } from '../scripts/pages.mjs';
import { DIST } from '../scripts/serve.mjs';

const zh = REDOC_LABELS['zh-CN'] as Record<string, string | Record<string, string>>;
const label = (key: string, english: string) => {
  const value = zh[key];
  return typeof value === 'string' ? value : value?.[english];
};

/** The labels the issue lists (Redoc 2 wording), the Redoc 3 label that replaced each, and its translation. */
const ISSUE_LABELS: [issue: string, key: string, redoc3: string, chinese: string][] = [
  ['Request Body schema', 'body', 'Request Body', '请求体'],
  ['Responses', 'responses', 'Responses', '响应'],
  ['Path Parameters', 'path', 'Path', '路径参数'],
  ['Query Parameters', 'query', 'Query', '查询参数'],
  ['Authorizations', 'security', 'Security', '认证'],
  ['Response samples', 'responseSample', 'Response sample', '响应示例'],
  ['Request samples', 'requestSample', 'Request sample', '请求示例'],
  [
    'Download OpenAPI specification',
    'download.description.title',
    'Download OpenAPI description',
    '下载 OpenAPI 描述文件',
  ],
  ['required', 'required', 'required', '必选'],
  ['Copy', 'page.actions.copyButtonText', 'Copy', '复制'],
  ['Expand all', 'openapi.expandAll', 'Expand all', '全部展开'],
  ['Collapse all', 'openapi.collapseAll', 'Collapse all', '全部折叠'],
  ['Search...', 'search.navbar.label', 'Search ', '搜索 '],
];

describe('label map', () => {
  it.each(ISSUE_LABELS)('%s → %s', (_issue, key, english, chinese) => {
    expect(label(key, english)).toBe(chinese);
  });

  it('translates "API docs by" and the search box, which Redoc renders without its translate hook', () => {
    const finds = HARDCODED['zh-CN'].map((h: { find: string }) => h.find);
    expect(finds).toContain('(`p`,{children:`API docs by`})');
    expect(finds).toContain('placeholder:`Search docs...`');
  });

  it('has a Chinese text for every entry', () => {
    for (const [key, value] of Object.entries(zh)) {
      for (const text of typeof value === 'string' ? [value] : Object.values(value)) {
        expect(text, key).toMatch(/[\u4e00-\u9fff]|^(URL|Token URL)$/);
      }
    }
  });
});

describe('patched translate hook', () => {
  // The replacement is an object-literal member of the bundle: evaluate it on its own.
  const hooks = new Function(`return {${TRANSLATE_L10N}};`)() as {
    useTranslate: () => { translate: (key?: string, options?: string | { defaultValue?: string }) => string };
  };
  const { translate } = hooks.useTranslate();

  it('returns the English default without a map (English pages)', () => {
    delete (globalThis as { __HWC_L10N__?: unknown }).__HWC_L10N__;
    expect(translate('responses', 'Responses')).toBe('Responses');
    expect(translate('x', { defaultValue: 'X' })).toBe('X');
  });

  it('looks keys up in the injected map, per default text when one key has several', () => {
    (globalThis as { __HWC_L10N__?: unknown }).__HWC_L10N__ = zh;
    try {
      expect(translate('responses', 'Responses')).toBe('响应');
      expect(translate('viewSecurityDetails', 'View security details')).toBe('查看认证详情');
      expect(translate('viewSecurityDetails', { defaultValue: 'View details' })).toBe('查看详情');
      expect(translate('unknown.key', 'Kept')).toBe('Kept');
      expect(translate('contentType', 'Some new default')).toBe('Some new default');
    } finally {
      delete (globalThis as { __HWC_L10N__?: unknown }).__HWC_L10N__;
    }
  });
});

describe('postProcessPage', () => {
  const page = (script: string) =>
    `<!DOCTYPE html><html lang="zh-CN"><head></head><body><div id="redoc"></div><script type="module">${script}</script></body></html>`;

  it('fails when the Redoc bundle is not the one the patches were written for', () => {
    expect(() => postProcessPage(page('const x = 1;'), 'en')).toThrow(
      /expected 1 occurrence\(s\) of https:\/\/cdn\.redoc\.ly/,
    );
  });

  it('fails on a page that is not a Redoc page', () => {
    expect(() => postProcessPage('<html></html>', 'en')).toThrow(/not a Redoc page/);
  });
});

describe('built pages', () => {
  for (const { file, lang } of PAGES) {
    it(`${file}: lang="${lang}", no CDN URL${lang === 'en' ? '' : ', labels translated'}`, () => {
      const html = readFileSync(join(DIST, file), 'utf8');
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).not.toMatch(/cdn\.redoc\.ly|cdn\.redocly\.com/);
      expect(html).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)="https?:/i);
      if (lang === 'en') {
        expect(html).toContain(TRANSLATE_STUB);
        expect(html).not.toContain('__HWC_L10N__=');
      } else {
        expect(html).not.toContain(TRANSLATE_STUB);
        expect(html).toContain(TRANSLATE_L10N);
        expect(html).toContain('globalThis.__HWC_L10N__={');
        expect(html).toContain('>概览<');
        expect(html).not.toContain('>Overview<');
      }
    });
  }
});
