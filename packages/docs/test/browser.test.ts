// Loads every page of dist/ in headless Debian Chromium (playwright-core, no downloaded browser) from the package's
// own static server on 127.0.0.1, and checks that every operation of the spec is rendered, that the Chinese pages
// read as Chinese (labels, response bodies, counted labels, search results), that every branch of a conditional
// body shows examples of its own, that code samples stay inside their panel, and that no request leaves 127.0.0.1.
// Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveRef } from '@hwc-openapi/spec/resolve';
import { Ajv } from 'ajv';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPageFile } from '../scripts/errorcodes.mjs';
import { PARAMETRISED, REDOC_LABELS } from '../scripts/l10n.mjs';
import { PACKAGES } from '../scripts/landing.mjs';
import { loadSpec, operationRoute, operationsOf, PAGES } from '../scripts/pages.mjs';
import { DIST, startServer } from '../scripts/serve.mjs';
import { launchChromium } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, 'test-results');
const CJK = /[\u4e00-\u9fff]/;

/** Interface labels that must not be left in English on a Chinese page (whole text nodes). */
const ENGLISH_LABELS = [
  'Request',
  'Request Body',
  'Body',
  'Responses',
  'Response',
  'Path',
  'Query',
  'Security',
  'View security details',
  'required',
  'Example',
  'Example:',
  'Enum:',
  'Copy',
  'Overview',
  'Servers',
  'License',
  'Download OpenAPI description',
  'API docs by',
  'Expand all',
  'Collapse all',
  'Payload',
  'Loading...',
];
/** Their translations, some of which every Chinese operation page shows. */
const CHINESE_LABELS = ['请求', '路径参数', '响应', '认证', '必选'];

/** Latin-script words a Chinese page may show outside content (descriptions, code, examples): technical names. */
const ALLOWED_LATIN = [
  ...['string', 'integer', 'number', 'object', 'array', 'boolean', 'null', 'anyOf', 'oneOf'],
  ...['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HTTP', 'URL', 'API', 'JSON', 'YAML', 'OpenAPI', 'Markdown'],
  ...['curl', 'TypeScript', 'Ctrl', 'K', 'Esc', 'Redocly', 'Token', 'Header', 'Cookie', 'Bearer', 'OAuth2'],
  ...['ChatGPT', 'Claude', 'LLM'],
];

type Json = Record<string, unknown>;

/**
 * The Latin-script words of a (Chinese) document, which its page shows as they are: property and parameter names,
 * enum values, examples, formats, schema names, paths, server URLs, and the product names its Chinese texts keep
 * (ServiceStage, Open Telekom Cloud). JSON Schema and OpenAPI keywords are not words of the document.
 */
function documentWords(doc: unknown): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) words.add(word);
  };
  const MAPS = new Set([
    'properties',
    'schemas',
    'securitySchemes',
    'paths',
    'content',
    'examples',
    'variables',
  ]);
  const DATA = new Set(['example', 'default', 'enum', 'const', 'value', 'required']);
  const walk = (node: unknown, data: boolean): void => {
    if (typeof node === 'string') add(node);
    else if (Array.isArray(node)) for (const item of node) walk(item, data);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (data) {
          add(key);
          walk(value, true);
        } else if (MAPS.has(key) && value && typeof value === 'object') {
          for (const [name, item] of Object.entries(value)) {
            add(name);
            walk(item, false);
          }
        } else walk(value, DATA.has(key));
      }
    }
  };
  walk(doc, false);
  return words;
}

/**
 * Text nodes of the page (sidebar, operation, search dialog) with a Latin-script word that is not in `allowed`.
 * Content is skipped: Markdown descriptions, code, code samples, JSON examples, HTTP method tags, media types.
 */
function latinLabelsIn(page: Page, allowed: string[]) {
  return page.evaluate((list) => {
    const allowedWords = new Set(list);
    const CONTENT = [
      'script',
      'style',
      'code',
      'pre',
      'select',
      'input',
      '[data-component-name^="Markdown/"]',
      '[data-component-name^="CodeBlock/"]',
      '[data-component-name^="JsonViewer/"]',
      '[data-component-name$="Tag"]',
    ].join(',');
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent?.trim() ?? '';
      if (!/[A-Za-z]/.test(text) || node.parentElement?.closest(CONTENT)) continue;
      const words = text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
      if (words.some((word) => !allowedWords.has(word))) found.add(text.slice(0, 80));
    }
    return [...found];
  }, allowed);
}

/**
 * Code blocks that leave the page: a block reaching past the window, or a line longer than its block that neither
 * wraps nor scrolls inside it; and the page itself scrolling sideways.
 */
function codeOffPage(page: Page) {
  return page.evaluate(() => {
    const off: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) off.push('the page scrolls sideways');
    for (const pre of document.querySelectorAll('pre')) {
      const box = pre.getBoundingClientRect();
      if (box.width === 0) continue;
      const style = getComputedStyle(pre);
      const contained =
        pre.scrollWidth <= pre.clientWidth ||
        ['auto', 'scroll'].includes(style.overflowX) ||
        style.whiteSpace.startsWith('pre-wrap');
      if (box.right > window.innerWidth + 1 || !contained) off.push((pre.textContent ?? '').slice(0, 60));
    }
    return off;
  });
}

/** The labels that hold a number (or belong to the same family), which must read as one of the templates. */
function countedLabels(page: Page) {
  return page.evaluate(() => {
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent?.trim() ?? '';
      if (/^(显示|隐藏|还有|再显示|\+\d)/.test(text)) found.add(text);
    }
    return [...found];
  });
}

/** Every text a Chinese label may be: the label map's texts, and the counted templates with a number. */
function countedLabelPatterns(lang: 'zh-CN'): RegExp[] {
  const labels = REDOC_LABELS[lang] as Record<string, string | Record<string, string>>;
  const texts = Object.values(labels).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const templates = Object.values(PARAMETRISED[lang] as Record<string, string>).map(
    (t) => new RegExp(`^${literal(t).replace(literal('{count}'), '\\d+')}$`),
  );
  // A server's "Show 1 variable": 显示 / 隐藏 + "1 个变量".
  const variables = new RegExp(
    `^(${literal(labels['actions.show'] as string)}|${literal(labels['actions.hide'] as string)}) \\d+ ${literal(labels.variable as string)}$`,
  );
  return [...texts.map((t) => new RegExp(`^${literal(t.trim())}$`)), ...templates, variables];
}

/**
 * The response body headings of an operation, one per documented status: each status tab of the responses is
 * clicked and the heading of its body read. Redoc gives the heading an id ending in `/response&c=<status>/body`.
 */
async function responseBodyHeadings(page: Page, section: Locator, operation: Json) {
  const headings: { status: string; text: string }[] = [];
  const statuses = Object.keys(operation.responses as Json);
  for (const status of statuses) {
    const tab = section.locator('button', { hasText: new RegExp(`^${status}$`) }).first();
    if ((await tab.count()) === 0) continue;
    await tab.click();
    const text = await page.evaluate((code) => {
      const el = [...document.querySelectorAll('[id]')].find((e) =>
        e.id.endsWith(`/response&c=${code}/body`),
      );
      return el?.textContent?.trim();
    }, status);
    if (text !== undefined) headings.push({ status, text });
  }
  return headings;
}

/**
 * The request body branches (anyOf/oneOf under allOf) of an operation, with a validator per branch for the
 * example a page shows at a field path (`parameters/replica`): the base property and the branch's, both enforced.
 */
function bodyBranches(doc: Json, operation: Json) {
  const deref = (node: unknown) => resolveRef(doc, node) as Json;
  const body = operation.requestBody ? deref(operation.requestBody) : undefined;
  const schema = body
    ? deref(
        (body.content as Json)['application/json'] &&
          ((body.content as Json)['application/json'] as Json).schema,
      )
    : undefined;
  if (!schema) return [];
  const holder = ((schema.allOf as Json[] | undefined) ?? []).map(deref).find((s) => s.anyOf || s.oneOf);
  const branches = ((holder?.anyOf ?? holder?.oneOf ?? []) as Json[]).map(deref);
  const ajv = new Ajv({ strict: false });
  ajv.addSchema({ ...doc, $id: 'doc' });
  /** The property schema at a field path in `node`, rewritten to reference the document. */
  const at = (node: Json | undefined, path: string[]): Json | undefined => {
    let current: Json | undefined = node;
    for (const key of path) {
      current = current ? deref(current) : undefined;
      current = (current?.properties as Json | undefined)?.[key] as Json | undefined;
    }
    return current;
  };
  const local = (node: unknown): unknown =>
    JSON.parse(JSON.stringify(node ?? {}).replaceAll('"$ref":"#/', '"$ref":"doc#/'));
  return branches.map((branch, index) => ({
    index,
    validate(path: string[], value: unknown) {
      const validate = ajv.compile({ allOf: [local(at(schema, path)), local(at(branch, path))] });
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  }));
}

/** Clicks branch `index` of the body switcher and reads the example shown under each field of that branch. */
async function branchExamples(page: Page, section: Locator, index: number) {
  await section.locator('[role=tablist] [role=tab]').nth(index).click();
  for (let round = 0; round < 3; round++) {
    const closed = section.locator('[data-schema-nested-open="false"] button');
    if ((await closed.count()) === 0) break;
    for (const button of await closed.all()) await button.click();
  }
  return page.evaluate((n) => {
    const rows: { path: string[]; example: string }[] = [];
    for (const field of document.querySelectorAll(`[id*="t=request&path=&oneof=${n}/"]`)) {
      const path = field.id.split(`oneof=${n}/`)[1]?.split('/') ?? [];
      for (const label of field.querySelectorAll(':scope > div > span:first-child')) {
        if (/^(示例|Example)/.test(label.textContent ?? '') && label.nextElementSibling) {
          rows.push({ path, example: label.nextElementSibling.textContent ?? '' });
        }
      }
    }
    return rows;
  }, index);
}

/** Search queries that hit fields, parameters and examples of each API. */
const SEARCHES = {
  autoscaling: ['default_result', 'ABANDON'],
  servicestage: ['replica', 'snapshot_order_by'],
};

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'blob:') return new URL(parsed.pathname).hostname === '127.0.0.1';
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname === '127.0.0.1';
}

async function openPage(file: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => {
    // Browsers report this when a resize re-lays out the page; it is a notice, not a fault of the page.
    if (!error.message.startsWith('ResizeObserver loop')) errors.push(error.message);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}${file}`, { waitUntil: 'load' });
  return { page, requests, errors };
}

/** Text nodes of the visible page that are exactly one of `labels`. */
function englishLabelsIn(page: Page, labels: string[]) {
  return page.evaluate((list) => {
    const found = new Set<string>();
    const walker = document.createTreeWalker(
      document.getElementById('redoc') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent?.trim() ?? '';
      if (list.includes(text)) found.add(text);
    }
    for (const el of document.querySelectorAll('input[placeholder]')) {
      const placeholder = el.getAttribute('placeholder') ?? '';
      if (/[A-Za-z]{3,}/.test(placeholder)) found.add(`placeholder: ${placeholder}`);
    }
    return [...found];
  }, labels);
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `pnpm build` first');
  mkdirSync(results, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('landing page', () => {
  it('links the four API pages and the npm packages, and loads nothing remote', async () => {
    const { page, requests, errors } = await openPage('index.html');
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')));
    for (const { file } of PAGES) expect(hrefs).toContain(file);
    for (const { name } of PACKAGES) expect(hrefs).toContain(`https://www.npmjs.com/package/${name}`);
    await page.screenshot({ path: join(results, 'index.png'), fullPage: true });
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.each(PAGES)('error codes of $api in $lang', ({ api, lang }) => {
  it('lists the codes in a table that fits the window, and loads nothing remote', async () => {
    const file = errorPageFile(api, lang);
    const { page, requests, errors } = await openPage(file);
    expect(await page.locator('tbody tr[id]').count()).toBeGreaterThan(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (lang === 'zh-CN') expect(await page.locator('th').allTextContents()).toContain('常见处理方法');
    await page.screenshot({ path: join(results, file.replace(/\.html$/, '.png')) });
    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.each(PAGES)('$file', ({ api, lang, file }) => {
  it('renders every operation, in its language, without any request off 127.0.0.1', async () => {
    const spec = await loadSpec(api, lang);
    const allowed = [...ALLOWED_LATIN, ...documentWords(spec)];
    const patterns = lang === 'zh-CN' ? countedLabelPatterns(lang) : [];
    let countedSeen = 0;
    let branchesChecked = 0;
    const { page, requests, errors } = await openPage(file);
    await page.waitForSelector('a[href^="#/"]');
    const name = file.replace(/\.html$/, '');

    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.title()).toContain(spec.info.title);
    await page.screenshot({ path: join(results, `${name}.overview.png`), animations: 'disabled' });

    const operations = operationsOf(spec);
    expect(operations.length).toBeGreaterThan(0);
    for (const { operation } of operations) {
      // Redoc 3 routes an operation as #/<tag slug>/<operationId in lower case>; once it is shown, the sidebar
      // (which opens the operation's tag) links it.
      const route = operationRoute(operation);
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, route as string);
      const heading = page.locator(`[data-section-id="${(route as string).slice(1)}"] h2`).first();
      await heading.waitFor();
      expect((await heading.textContent())?.trim()).toBe(operation.summary);
      await expect
        .poll(() => page.locator(`a[href="${route}"]`).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      // The generated code samples are offered: curl is the default language.
      const section = page.locator(`[data-section-id="${(route as string).slice(1)}"]`).first();
      await expect
        .poll(() => section.textContent(), { timeout: 20_000 })
        .toContain('X-Auth-Token: $HWC_TOKEN');
      if (lang === 'zh-CN') {
        expect(operation.summary).toMatch(CJK);
        const text = (await section.textContent()) ?? '';
        expect(CHINESE_LABELS.filter((label) => text.includes(label)).length).toBeGreaterThanOrEqual(4);
        expect(await englishLabelsIn(page, ENGLISH_LABELS)).toEqual([]);
        expect(await latinLabelsIn(page, allowed), 'Latin-script labels').toEqual([]);
        const counted = await countedLabels(page);
        expect(
          counted.filter((label) => !patterns.some((p) => p.test(label))),
          'counted labels',
        ).toEqual([]);
        countedSeen += counted.filter((label) => /\d/.test(label)).length;
        // Response bodies are 响应体, request bodies 请求体.
        for (const { status, text: heading } of await responseBodyHeadings(page, section, operation)) {
          expect(heading, `${operation.operationId} ${status} body heading`).toMatch(/^响应体/);
        }
        const requestBody = await page.evaluate(
          (id) => document.getElementById(`${id}/request/body`)?.textContent,
          (route as string).slice(2),
        );
        if (operation.requestBody) expect(requestBody).toMatch(/^请求体/);
      }
      // Each branch of a conditional body shows examples that are valid in that branch.
      for (const branch of bodyBranches(spec, operation)) {
        const rows = await branchExamples(page, section, branch.index);
        expect(rows.length, `${operation.operationId} branch ${branch.index} examples`).toBeGreaterThan(0);
        for (const { path, example } of rows) {
          expect(
            branch.validate(path, JSON.parse(example)),
            `${operation.operationId} branch ${branch.index} ${path.join('.')} = ${example}`,
          ).toEqual([]);
        }
        branchesChecked++;
      }
      expect(await codeOffPage(page), `${operation.operationId} code samples`).toEqual([]);
      await page.screenshot({
        path: join(results, `${name}.${operation.operationId}.png`),
        animations: 'disabled',
      });
      if (operation === operations[0]?.operation) {
        // The language switcher offers the two generated samples and the payload.
        await section.getByText('curl', { exact: true }).first().click();
        const payload = lang === 'zh-CN' ? '请求体' : 'Payload';
        await expect
          .poll(() => page.getByRole('menuitem').allTextContents(), { timeout: 20_000 })
          .toEqual(['curl', 'TypeScript', payload]);
        await page.screenshot({ path: join(results, `${name}.languages.png`), animations: 'disabled' });
        await page.keyboard.press('Escape');
      }
    }

    // In a narrow window too, the longest samples (TypeScript) stay inside their panel.
    await page.setViewportSize({ width: 900, height: 900 });
    const typescript = page.getByText('TypeScript', { exact: true }).first();
    if (await typescript.isVisible()) await typescript.click().catch(() => undefined);
    expect(await codeOffPage(page), 'code samples at 900 px').toEqual([]);
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Both APIs have a nested object (a counted label) and a conditional body (branches).
    if (lang === 'zh-CN') expect(countedSeen).toBeGreaterThan(0);
    expect(branchesChecked).toBeGreaterThan(0);

    if (lang === 'zh-CN') {
      await page.evaluate(() => {
        window.location.hash = '#/';
      });
      // Rendered: the overview's heading is there, and no label is still on its way ("Loading...").
      await expect
        .poll(async () => (await page.locator('h1').first().textContent()) ?? '', { timeout: 20_000 })
        .toMatch(CJK);
      await expect.poll(() => englishLabelsIn(page, ENGLISH_LABELS), { timeout: 20_000 }).toEqual([]);
      expect(await latinLabelsIn(page, allowed)).toEqual([]);
      const counted = await countedLabels(page);
      expect(
        counted.filter((label) => !patterns.some((p) => p.test(label))),
        'counted labels',
      ).toEqual([]);

      // Search: results that match a field or an example name their place in Chinese.
      for (const query of SEARCHES[api]) {
        await page.keyboard.press('Control+k');
        await page.getByPlaceholder('搜索文档…').fill(query);
        const items = page.locator('[data-component-name="Search/SearchItem"]');
        await expect.poll(() => items.count(), { timeout: 20_000 }).toBeGreaterThan(0);
        const places = await items.evaluateAll((links) =>
          links.flatMap((a) =>
            [...a.querySelectorAll('div')]
              .map((d) => d.textContent ?? '')
              .filter((t) => t.includes(' → '))
              .map((t) => t.split(' → ')[0] ?? ''),
          ),
        );
        expect(places.length, `search "${query}" breadcrumbs`).toBeGreaterThan(0);
        expect(
          places.filter((p) => /[A-Za-z]/.test(p)),
          `search "${query}" breadcrumbs`,
        ).toEqual([]);
        expect(await latinLabelsIn(page, allowed), `search "${query}"`).toEqual([]);
        await page.screenshot({ path: join(results, `${name}.search.png`), animations: 'disabled' });
        await page.keyboard.press('Escape');
      }
    }

    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(requests.some((url) => url.startsWith(`${server.url}${file}`))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
