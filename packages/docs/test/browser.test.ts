// Loads every page of dist/ in headless Debian Chromium (playwright-core, no downloaded browser) from the package's
// own static server on 127.0.0.1, and checks that every operation of the spec is rendered, that the Chinese pages
// read as Chinese, and that no request leaves 127.0.0.1. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES } from '../scripts/landing.mjs';
import { loadSpec, operationsOf, PAGES } from '../scripts/pages.mjs';
import { DIST, startServer } from '../scripts/serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
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
  page.on('pageerror', (error) => errors.push(error.message));
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
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(results, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

describe.each(PAGES)('$file', ({ api, lang, file }) => {
  it('renders every operation, in its language, without any request off 127.0.0.1', async () => {
    const spec = await loadSpec(api, lang);
    const { page, requests, errors } = await openPage(file);
    await page.waitForSelector('a[href^="#/"]');
    const name = file.replace(/\.html$/, '');

    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.title()).toContain(spec.info.title);
    await page.screenshot({ path: join(results, `${name}.overview.png`), animations: 'disabled' });

    const links = await page.$$eval('a[href^="#/"]', (as) => [
      ...new Set(as.map((a) => a.getAttribute('href') ?? '')),
    ]);
    const operations = operationsOf(spec);
    expect(operations.length).toBeGreaterThan(0);
    for (const { operation } of operations) {
      // Redoc 3 routes an operation as #/<tag slug>/<operationId in lower case>.
      const route = links.find((href) => href.endsWith(`/${String(operation.operationId).toLowerCase()}`));
      expect(route, `sidebar link of ${operation.operationId}`).toBeDefined();
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, route as string);
      const heading = page.locator(`[data-section-id="${(route as string).slice(1)}"] h2`).first();
      await heading.waitFor();
      expect((await heading.textContent())?.trim()).toBe(operation.summary);
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
      }
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

    if (lang === 'zh-CN') {
      await page.evaluate(() => {
        window.location.hash = '#/';
      });
      await page.waitForTimeout(300);
      expect(await englishLabelsIn(page, ENGLISH_LABELS)).toEqual([]);
      expect((await page.locator('h1').first().textContent()) ?? '').toMatch(CJK);
    }

    expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(requests.some((url) => url.startsWith(`${server.url}${file}`))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
