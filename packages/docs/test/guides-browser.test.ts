// The Guides pages in headless Debian Chromium: both languages render every workflow with its steps and its
// TypeScript, load nothing off 127.0.0.1, and a step's link opens its operation in the reference page of the same
// language. Screenshots go to test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guidesFile, loadWorkflows } from '../scripts/guides.mjs';
import { loadSpec, operationsOf } from '../scripts/pages.mjs';
import { DIST, startServer } from '../scripts/serve.mjs';
import { launchChromium } from './chromium.js';

const results = fileURLToPath(new URL('../test-results', import.meta.url));
const CJK = /[\u4e00-\u9fff]/;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(DIST, guidesFile('en'))))
    throw new Error('dist/ has no guides: run `pnpm build` first');
  mkdirSync(results, { recursive: true });
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(['en', 'zh-CN'] as const)('guides, %s', (lang) => {
  it('renders every workflow and links its steps into the reference', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}${guidesFile(lang)}`, { waitUntil: 'load' });

    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    for (const { doc } of await loadWorkflows(lang)) {
      for (const workflow of doc.workflows) {
        const section = page.locator(`section#${workflow.workflowId}`);
        expect((await section.locator('h2').textContent())?.trim()).toBe(workflow.summary);
        if (lang === 'zh-CN') expect(workflow.summary).toMatch(CJK);
        expect(await section.locator('li.step').count()).toBe(workflow.steps.length);
        expect(await section.locator('pre code').textContent()).toContain(
          `export async function ${workflow.workflowId}(`,
        );
      }
    }
    await page.screenshot({ path: join(results, `guides.${lang}.png`), fullPage: true });
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    expect(errors).toEqual([]);

    // One step of each API: its link opens the reference page on that operation.
    for (const [api, stepLink] of [
      ['autoscaling', 'section#drainOnScaleIn li[data-step="createHook"] a.op'],
      ['servicestage', 'section#scaleAndWait li[data-step="waitForJob"] a.op'],
    ] as const) {
      await page.goto(`${server.url}${guidesFile(lang)}`, { waitUntil: 'load' });
      const href = (await page.locator(stepLink).getAttribute('href')) ?? '';
      await page.locator(stepLink).click();
      await page.waitForURL((url) => url.href.endsWith(href));
      const route = href.slice(href.indexOf('#') + 1);
      const heading = page.locator(`[data-section-id="${route}"] h2`).first();
      await heading.waitFor();
      const operationId = route.split('/').pop();
      const found = operationsOf(await loadSpec(api, lang)).find(
        (o: { operation: { operationId: string } }) => o.operation.operationId.toLowerCase() === operationId,
      );
      expect(found, href).toBeDefined();
      expect((await heading.textContent())?.trim()).toBe(found?.operation.summary);
      await expect.poll(() => heading.isVisible()).toBe(true);
    }
    await page.close();
  });
});
