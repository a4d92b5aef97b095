// The Guides pages (dist/guides.html, dist/guides.zh-CN.html), built from the Arazzo workflows of the spec package
// (spec/<api>/workflows/*.arazzo.yaml), the very documents `redocly respect` runs against the emulator:
//   - every workflow becomes a guide: its summary and description, its inputs, and its steps in order;
//   - every step shows its description, its operation (linked to the operation in the API reference, or the
//     emulator's control-plane call) and the success criteria respect checks;
//   - every guide ends with the equivalent TypeScript, guides/<workflowId>.ts, shown as written. test/guides.test.ts
//     compiles those files and runs them against the emulator, so prose, workflow and code cannot drift.
// Chinese: the Arazzo document with <name>.zh-CN.overlay.yaml applied, after the drift check of the API overlays
// (spec/scripts/check-overlays.mjs); a missing or dangling translation fails the build.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveRef } from '@hwc-openapi/spec/resolve';
import { parse as parseYaml } from 'yaml';
import {
  escapeHtml as esc,
  inlineMarkdown,
  loadSpec,
  operationRoute,
  operationsOf,
  pageFile,
} from './pages.mjs';

const specDir = dirname(fileURLToPath(import.meta.resolve('@hwc-openapi/spec/package.json')));
const { checkOverlay, formatReport, queryJsonPath } = await import(
  join(specDir, 'scripts', 'check-overlays.mjs')
);
export const GUIDE_CODE_DIR = fileURLToPath(new URL('../guides/', import.meta.url));

/** The Arazzo documents, with the API each one's service source description (`source`) stands for. */
export const GUIDE_DOCUMENTS = [
  { api: 'autoscaling', name: 'lifecycle', source: 'as' },
  { api: 'servicestage', name: 'instances', source: 'servicestage' },
];

/** The page's file name in dist/: `guides.html`, `guides.zh-CN.html`. */
export function guidesFile(/** @type {'en'|'zh-CN'} */ lang) {
  return lang === 'en' ? 'guides.html' : `guides.${lang}.html`;
}

const TEXT = {
  en: {
    title: 'Guides',
    lead: 'Whole flows, step by step: each guide is an Arazzo workflow of the spec package that the project’s tests run against the emulator with <code>redocly respect</code>, and its TypeScript runs there too.',
    other: '<a href="guides.zh-CN.html" hreflang="zh-CN" lang="zh-CN">简体中文</a>',
    home: '← All APIs',
    inputs: 'Inputs',
    input: 'Input',
    type: 'Type',
    defaultValue: 'Default',
    description: 'Description',
    required: 'required',
    steps: 'Steps',
    checks: 'Checks',
    retry: (after, limit) => `Retried after ${after} s, at most ${limit} times, while:`,
    control: 'emulator control plane',
    code: 'TypeScript',
    codeNote:
      'The same flow with the typed clients. <code>as</code>/<code>servicestage</code> is the client of the API and <code>control</code> the client of the emulator’s control plane; see the setup below.',
    setup: 'Setup',
    source: 'Arazzo source',
    run: 'Run it against the emulator:',
  },
  'zh-CN': {
    title: '指南',
    lead: '完整流程，逐步说明：每篇指南都是 spec 包中的一个 Arazzo 工作流，项目的测试会用 <code>redocly respect</code> 在模拟器上运行它，其 TypeScript 代码也在模拟器上运行。',
    other: '<a href="guides.html" hreflang="en" lang="en">English</a>',
    home: '← 全部 API',
    inputs: '输入',
    input: '输入项',
    type: '类型',
    defaultValue: '默认值',
    description: '说明',
    required: '必选',
    steps: '步骤',
    checks: '检查',
    retry: (after, limit) => `满足以下条件时，${after} 秒后重试，最多 ${limit} 次：`,
    control: '模拟器控制面',
    code: 'TypeScript',
    codeNote:
      '使用类型化客户端实现的同一流程。<code>as</code>/<code>servicestage</code> 是该 API 的客户端，<code>control</code> 是模拟器控制面的客户端；初始化方法见下文。',
    setup: '初始化',
    source: 'Arazzo 源文件',
    run: '在模拟器上运行：',
  },
};

/** The little Markdown the workflows use: paragraphs and `code`. Lines of a paragraph are joined with a space. */
export function markdown(text) {
  return String(text ?? '')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${inlineMarkdown(p.replace(/\s*\n\s*/g, ' '))}</p>`)
    .join('\n');
}

/** A copy of `doc` with the update of every action of a translation overlay merged in. */
export function applyOverlay(doc, overlay) {
  const copy = structuredClone(doc);
  const merge = (target, update) => {
    for (const [key, value] of Object.entries(update)) {
      if (value && typeof value === 'object' && target[key] && typeof target[key] === 'object') {
        merge(target[key], value);
      } else target[key] = value;
    }
  };
  for (const action of overlay.actions) {
    for (const { node } of queryJsonPath(copy, action.target)) merge(node, action.update);
  }
  return copy;
}

/** The drift check of the API overlays; the payloads of steps are data, not texts to translate. */
export function checkGuideOverlay(doc, overlay, label) {
  const result = checkOverlay(doc, overlay);
  result.missing = result.missing.filter((path) => !/\/requestBody\/payload\//.test(path));
  return formatReport(result, label);
}

async function readYaml(file) {
  return parseYaml(await readFile(file, 'utf8'));
}

/** The Arazzo documents of the guides in one language, each with its path in the spec package. */
export async function loadWorkflows(/** @type {'en'|'zh-CN'} */ lang) {
  return Promise.all(
    GUIDE_DOCUMENTS.map(async (entry) => {
      const path = `${entry.api}/workflows/${entry.name}.arazzo.yaml`;
      const english = await readYaml(join(specDir, path));
      if (lang === 'en') return { ...entry, path, doc: english };
      const overlayPath = `${entry.api}/workflows/${entry.name}.${lang}.overlay.yaml`;
      const overlay = await readYaml(join(specDir, overlayPath));
      const report = checkGuideOverlay(english, overlay, overlayPath);
      if (!report.ok) {
        throw new Error(`${report.text}\nThe guide translations are out of step with ${path}.`);
      }
      if (report.text) console.warn(report.text);
      return { ...entry, path, doc: applyOverlay(english, overlay) };
    }),
  );
}

/** operationId → `{ method, path, operation }` of a bundled document. */
function operationIndex(doc) {
  return new Map(
    operationsOf(doc).map(({ method, path, operation }) => [
      operation.operationId,
      { method, path, operation },
    ]),
  );
}

/**
 * The operations of each source description of a document, by operationId: the service's bundle in `lang` (what
 * its reference page shows), the control plane's (English only).
 */
export async function operationIndexes(entry, /** @type {'en'|'zh-CN'} */ lang) {
  const index = {};
  for (const source of entry.doc.sourceDescriptions) {
    const doc =
      source.name === entry.source
        ? await loadSpec(entry.api, lang)
        : JSON.parse(await readFile(new URL(import.meta.resolve('@hwc-openapi/spec/emulator.json')), 'utf8'));
    index[source.name] = operationIndex(doc);
  }
  return index;
}

/** Where a step's operation is: its source, method, path, and the link into the API reference (service steps). */
export function resolveStep(step, entry, index, lang) {
  const match = /^\$sourceDescriptions\.([^.]+)\.(.+)$/.exec(step.operationId ?? '');
  if (!match)
    throw new Error(`step ${step.stepId}: only $sourceDescriptions.<name>.<operationId> is supported`);
  const [, source, operationId] = match;
  const found = index[source]?.get(operationId);
  if (!found) throw new Error(`step ${step.stepId}: ${source} has no operation ${operationId}`);
  const href =
    source === entry.source ? `${pageFile(entry.api, lang)}${operationRoute(found.operation)}` : undefined;
  const summary = found.operation.summary ?? '';
  return { source, operationId, summary, method: found.method.toUpperCase(), path: found.path, href };
}

function inputsTable(schema, doc, t) {
  const resolve = (s) => resolveRef(doc, s);
  const inputs = resolve(schema);
  const rows = Object.entries(inputs?.properties ?? {}).map(([name, raw]) => {
    const prop = resolve(raw);
    const required = inputs.required?.includes(name) ? ` <em>${t.required}</em>` : '';
    const dflt = prop.default === undefined ? '' : `<code>${esc(JSON.stringify(prop.default))}</code>`;
    return `<tr><td><code>${esc(name)}</code>${required}</td><td>${esc(prop.type ?? '')}</td><td>${dflt}</td><td>${markdown(prop.description)}</td></tr>`;
  });
  return `<table class="inputs"><thead><tr><th>${t.input}</th><th>${t.type}</th><th>${t.defaultValue}</th><th>${t.description}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A step's `retry` failure actions, `$components.failureActions.<name>` references resolved. */
function retries(step, components) {
  return (step.onFailure ?? [])
    .map((action) =>
      action.reference ? components?.failureActions?.[action.reference.split('.').pop()] : action,
    )
    .filter((action) => action?.type === 'retry');
}

function stepHtml(step, number, where, t, components) {
  const operation = where.href
    ? `<a class="op" href="${esc(where.href)}"><span class="method">${where.method}</span> <code>${esc(where.path)}</code> <span class="opid">${esc(where.summary)} (${esc(where.operationId)})</span></a>`
    : `<span class="op"><span class="method">${where.method}</span> <code>${esc(where.path)}</code> <span class="opid">${esc(where.summary)} (${esc(where.operationId)})</span> <span class="tag">${t.control}</span></span>`;
  const checks = (step.successCriteria ?? [])
    .map((c) => `<li><code>${esc(c.condition)}</code></li>`)
    .join('');
  const retry = retries(step, components)
    .map(
      (r) =>
        `<p class="retry">${esc(t.retry(r.retryAfter ?? 0, r.retryLimit ?? 1))} ${(r.criteria ?? [])
          .map((c) => `<code>${esc(c.condition)}</code>`)
          .join(' · ')}</p>`,
    )
    .join('');
  return `<li class="step" id="${esc(`${step.stepId}-${number}`)}" data-step="${esc(step.stepId)}">
        <div class="step-head">${operation}</div>
        ${markdown(step.description)}${retry}
        <details><summary>${t.checks} (${step.successCriteria?.length ?? 0})</summary><ul class="checks">${checks}</ul></details>
      </li>`;
}

async function guideCode(workflowId) {
  return readFile(join(GUIDE_CODE_DIR, `${workflowId}.ts`), 'utf8');
}

/** One guides page: every workflow of every document, in one language. */
export async function guidesPage(/** @type {'en'|'zh-CN'} */ lang) {
  const t = TEXT[lang];
  const documents = await loadWorkflows(lang);
  const setup = await readFile(join(GUIDE_CODE_DIR, 'setup.ts'), 'utf8');
  const sections = [];
  const toc = [];
  for (const entry of documents) {
    const index = await operationIndexes(entry, lang);
    toc.push(`<li>${esc(entry.doc.info.title)}<ul>`);
    for (const workflow of entry.doc.workflows) {
      toc.push(`<li><a href="#${esc(workflow.workflowId)}">${esc(workflow.summary)}</a></li>`);
      const steps = workflow.steps.map((step, i) =>
        stepHtml(step, i + 1, resolveStep(step, entry, index, lang), t, entry.doc.components),
      );
      sections.push(`<section class="guide" id="${esc(workflow.workflowId)}">
      <h2>${esc(workflow.summary)}</h2>
      ${markdown(workflow.description)}
      <p class="meta">${t.source}: <code>spec/${esc(entry.path)}</code> · workflowId <code>${esc(workflow.workflowId)}</code></p>
      <p class="meta">${t.run} <code>npx pnpm@10 --filter @hwc-openapi/contract-tests workflow ${esc(workflow.workflowId)}</code></p>
      <h3>${t.inputs}</h3>
      ${inputsTable(workflow.inputs, entry.doc, t)}
      <h3>${t.steps}</h3>
      <ol class="steps">
      ${steps.join('\n      ')}
      </ol>
      <h3>${t.code}</h3>
      <p>${t.codeNote}</p>
      <pre class="code"><code class="language-ts">${esc(await guideCode(workflow.workflowId))}</code></pre>
    </section>`);
    }
    toc.push('</ul></li>');
  }
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${t.title} · hwc-openapi</title>
  <link rel="icon" href="data:,">
  <style>
    :root { color-scheme: light dark; --fg: #1a1a1a; --muted: #5b5b66; --bg: #fff; --card: #f6f7f9; --accent: #0044d4; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --muted: #a0a0ab; --bg: #16171a; --card: #202227; --accent: #6f9bff; } }
    body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
    main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
    nav.top { color: var(--muted); }
    a { color: var(--accent); }
    .lead, .meta { color: var(--muted); }
    .meta { font-size: .9rem; margin: 4px 0; }
    .guide { margin-top: 48px; }
    .guide h2 { font-size: 1.5rem; border-bottom: 1px solid color-mix(in srgb, var(--muted) 30%, transparent); padding-bottom: 6px; }
    .steps { padding-left: 1.5em; }
    .step { margin: 0 0 18px; padding: 10px 14px; background: var(--card); border-radius: 10px; }
    .step p { margin: 6px 0; }
    .op { text-decoration: none; }
    .method { font-weight: 700; font-size: .8rem; letter-spacing: .04em; }
    .opid { color: var(--muted); font-size: .9rem; }
    .tag { font-size: .75rem; border: 1px solid var(--muted); border-radius: 6px; padding: 0 6px; color: var(--muted); }
    details summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
    .checks { margin: 4px 0; font-size: .85rem; }
    .retry { font-size: .9rem; color: var(--muted); }
    table { width: 100%; border-collapse: collapse; font-size: .92rem; }
    th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid color-mix(in srgb, var(--muted) 30%, transparent); }
    td p { margin: 0; }
    em { color: var(--muted); font-size: .85em; }
    pre.code { background: var(--card); border-radius: 10px; padding: 14px 16px; overflow-x: auto; font-size: .85rem; line-height: 1.45; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
  </style>
</head>
<body>
  <main>
    <nav class="top"><a href="index.html">${t.home}</a> · ${t.other}</nav>
    <h1>${t.title}</h1>
    <p class="lead">${t.lead}</p>
    <ul class="toc">${toc.join('')}</ul>
    ${sections.join('\n    ')}
    <section class="guide" id="setup">
      <h2>${t.setup}</h2>
      <pre class="code"><code class="language-ts">${esc(setup)}</code></pre>
    </section>
  </main>
</body>
</html>
`;
}

/** Writes both guides pages into `dist`; returns them for the build's report. */
export async function buildGuides(dist) {
  return Promise.all(
    /** @type {const} */ (['en', 'zh-CN']).map(async (lang) => {
      const file = guidesFile(lang);
      const html = await guidesPage(lang);
      await writeFile(join(dist, file), html);
      return { file, html };
    }),
  );
}
