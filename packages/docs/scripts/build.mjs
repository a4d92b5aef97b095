// Builds the site into dist/:
//   1. reads each bundle of @hwc-openapi/spec (English and zh-CN) through the package's exports;
//   2. adds generated `x-codeSamples` (curl + TypeScript) and the site links, writes src/generated/<api>.<lang>.json;
//   3. renders each with `redocly build-docs --inlineBundle` (telemetry off) and post-processes it (scripts/l10n.mjs);
//   4. copies the pristine bundles to dist/openapi/ (the pages' download links) and writes the landing page.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { withCodeSamples } from './codesamples.mjs';
import { errorCodePage, errorPageFile } from './errorcodes.mjs';
import { buildGuides } from './guides.mjs';
import { PAYLOAD_LABEL, postProcessPage } from './l10n.mjs';
import { landingPage } from './landing.mjs';
import { APIS, LANGS, loadSpec, operationsOf, PAGES, pageFile, specName } from './pages.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const generated = join(root, 'src', 'generated');
const require = createRequire(import.meta.url);
// The spec package's Redocly runner: the CLI without its Node.js 20 banner (the output is shown only on failure).
const redocly = join(dirname(require.resolve('@hwc-openapi/spec/package.json')), 'scripts', 'redocly.mjs');

const NAV = {
  en: (api) =>
    `[← All APIs](index.html) · [Error codes](${errorPageFile(api, 'en')}) · [简体中文](${pageFile(api, 'zh-CN')})`,
  'zh-CN': (api) =>
    `[← 全部 API](index.html) · [错误码](${errorPageFile(api, 'zh-CN')}) · [English](${pageFile(api, 'en')})`,
};

/** The Redoc options of a page (passed as `--openapi <file>`). */
function redocOptions(api, lang) {
  return {
    hideLoading: false,
    jsonSamplesExpandLevel: 2,
    schemasExpansionLevel: 1,
    sortRequiredPropsFirst: true,
    feedback: { hide: true },
    // Only the generated samples (and the request payload): Redoc would otherwise offer its own generated languages,
    // and it drops x-codeSamples whose language is not in this list.
    codeSamples: {
      languages: [
        { lang: 'curl', label: 'curl' },
        { lang: 'TypeScript', label: 'TypeScript' },
        { lang: 'payload', label: PAYLOAD_LABEL[lang] },
      ],
    },
    downloadUrls: [
      { title: 'OpenAPI (YAML)', url: `openapi/${specName(api, lang, 'yaml')}` },
      { title: 'OpenAPI (JSON)', url: `openapi/${specName(api, lang, 'json')}` },
    ],
  };
}

async function buildPage({ api, lang, file }) {
  const spec = await loadSpec(api, lang);
  const doc = withCodeSamples(api, spec, lang);
  doc.info.description = `${NAV[lang](api)}\n\n${doc.info.description ?? ''}`;
  const input = join(generated, `${api}.${lang}.json`);
  const options = join(generated, `redoc-options.${api}.${lang}.json`);
  await writeFile(input, `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(options, `${JSON.stringify(redocOptions(api, lang), null, 2)}\n`);
  const output = join(dist, file);
  const args = [
    redocly,
    'build-docs',
    input,
    '--inlineBundle',
    '--output',
    output,
    '--openapi',
    options,
    '--template',
    join(root, 'templates', 'page.hbs'),
    `--templateOptions.lang=${lang}`,
    '--title',
    `${spec.info.title} · hwc-openapi`,
    '--lint-config',
    'off',
  ];
  try {
    await run(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`build-docs failed for ${file}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  const html = postProcessPage(await readFile(output, 'utf8'), lang);
  await writeFile(output, html);
  return sized(file, html);
}

/** A built page's line in the build's report. */
function sized(file, html) {
  return { file, bytes: Buffer.byteLength(html), gzip: gzipSync(html, { level: 9 }).length };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const started = performance.now();
await rm(dist, { recursive: true, force: true });
await rm(generated, { recursive: true, force: true });
await mkdir(join(dist, 'openapi'), { recursive: true });
await mkdir(generated, { recursive: true });

const pages = await mapLimit(PAGES, 2, buildPage);
pages.push(...(await buildGuides(dist)).map(({ file, html }) => sized(file, html)));

// The pristine bundles, for the pages' download links and the landing page.
for (const api of APIS) {
  for (const lang of LANGS) {
    for (const ext of ['yaml', 'json']) {
      const url = new URL(import.meta.resolve(`@hwc-openapi/spec/${specName(api, lang, ext)}`));
      await writeFile(join(dist, 'openapi', specName(api, lang, ext)), await readFile(url));
    }
  }
}

// The error-code reference of each API and language.
for (const { api, lang } of PAGES) {
  const file = errorPageFile(api, lang);
  const html = errorCodePage(api, lang, await loadSpec(api, lang));
  await writeFile(join(dist, file), html);
  pages.push(sized(file, html));
}

const services = [];
for (const api of APIS) {
  const en = await loadSpec(api, 'en');
  const zh = await loadSpec(api, 'zh-CN');
  services.push({
    api,
    version: en.info.version,
    operations: operationsOf(en).length,
    summary: { en: en.info.summary ?? '', 'zh-CN': zh.info.summary ?? '' },
  });
}
const index = landingPage(services);
await writeFile(join(dist, 'index.html'), index);
pages.unshift(sized('index.html', index));

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`docs: built ${pages.length} pages into dist/ in ${seconds} s`);
for (const p of pages) {
  console.log(
    `  ${p.file.padEnd(32)} ${String(p.bytes).padStart(9)} bytes  ${String(p.gzip).padStart(8)} gzip`,
  );
}
