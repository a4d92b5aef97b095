// The error-code reference: one page per API and language (dist/<api>-errors.html, <api>-errors.zh-CN.html),
// generated from the bundle. For each code: the HTTP statuses it comes with, the message on the wire, its meaning,
// the operations that return it, and the usual fix.
//
// Where each column comes from:
// - code, status, message: the error examples of each operation's responses (`error.code` / `error_code`);
// - operations: those examples, plus the codes the operation's schemas name (`x-hwc-error-code`,
//   `x-hwc-missing-error-code`: status 400) and the document's `x-hwc-validation-error-code` (every operation with
//   a request body or query parameters), plus any code an operation's texts mention;
// - meaning: the example's summary without its `CODE: ` prefix, in the page's language (the zh-CN bundle's summaries
//   come from the overlay), else its description;
// - usual fix: scripts/error-fixes.mjs (the spec says what a code means, not what to do about it).
import { createHash } from 'node:crypto';
import { resolveRef } from '@hwc-openapi/spec/resolve';
import { ERROR_FIXES } from './error-fixes.mjs';
import {
  escapeHtml,
  inlineMarkdown,
  operationRoute,
  operationsOf,
  pageFile,
  SERVICE_NAMES,
} from './pages.mjs';

/** Every error code of every service, as the bundles spell them. */
export const CODE_PATTERN = /\b(?:AS\.\d{4}|APIGW\.\d{4}|SVCSTG\.\d{8})\b/g;

/** `autoscaling-errors.html`, `autoscaling-errors.zh-CN.html` */
export function errorPageFile(api, lang) {
  return lang === 'en' ? `${api}-errors.html` : `${api}-errors.${lang}.html`;
}

/** Every code that occurs anywhere in a document (examples, extensions, texts). */
export function codesIn(doc) {
  return [...new Set(JSON.stringify(doc).match(CODE_PATTERN) ?? [])].sort();
}

const RULE_KEYS = ['x-hwc-error-code', 'x-hwc-missing-error-code'];

/** Codes named by the rules (x-hwc-error-code…) of the schemas under `node`, following references once each. */
function ruleCodes(doc, node, seen = new Set(), out = new Set()) {
  if (Array.isArray(node)) for (const item of node) ruleCodes(doc, item, seen, out);
  else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      if (seen.has(node.$ref)) return out;
      seen.add(node.$ref);
      return ruleCodes(doc, resolveRef(doc, node), seen, out);
    }
    for (const [key, value] of Object.entries(node)) {
      if (RULE_KEYS.includes(key)) {
        for (const code of typeof value === 'string' ? [value] : Object.values(value)) out.add(code);
      } else if (!key.startsWith('x-') && key !== 'examples' && key !== 'example')
        ruleCodes(doc, value, seen, out);
    }
  }
  return out;
}

/**
 * The rows of an API's error-code reference, sorted by code, from a bundle (English or zh-CN: texts follow it).
 * A code that no example answers, only a text names, has `mentionedWith`: the codes whose examples name it.
 * @returns {{ code: string, statuses: string[], message: string, meaning: string, operations: { operationId: string, summary: string, route: string }[], mentionedWith: string[] }[]}
 */
export function errorCodeRows(doc) {
  const rows = new Map();
  const row = (code) => {
    if (!rows.has(code)) {
      const empty = {
        statuses: new Set(),
        message: '',
        meaning: '',
        operations: new Map(),
        mentionedWith: [],
      };
      rows.set(code, { code, ...empty });
    }
    return rows.get(code);
  };
  const validation = doc.info?.['x-hwc-validation-error-code'];
  for (const { operation, pathItem } of operationsOf(doc)) {
    const op = {
      operationId: operation.operationId,
      summary: operation.summary,
      route: operationRoute(operation),
    };
    const returns = (code, status) => {
      const r = row(code);
      if (status) r.statuses.add(status);
      r.operations.set(op.operationId, op);
    };
    for (const [status, responseNode] of Object.entries(operation.responses ?? {})) {
      const response = resolveRef(doc, responseNode);
      for (const media of Object.values(response.content ?? {})) {
        for (const exampleNode of Object.values(media.examples ?? {})) {
          const example = resolveRef(doc, exampleNode);
          const code = example.value?.error?.code ?? example.value?.error_code;
          if (typeof code !== 'string') continue;
          returns(code, status);
          const r = row(code);
          r.message ||= example.value?.error?.message ?? example.value?.error_msg ?? '';
          r.meaning ||= meaningOf(example, code);
        }
      }
    }
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
    for (const code of ruleCodes(doc, [operation.requestBody, parameters])) returns(code, '400');
    const queried = parameters.map((p) => resolveRef(doc, p)).some((p) => p.in === 'query');
    if (validation && (operation.requestBody || queried)) returns(validation, '400');
    // A code that an operation's own texts mention (for example in a parameter's description).
    for (const code of codesIn({ operation, pathItem: { parameters: pathItem.parameters } })) returns(code);
  }
  // Codes that only texts mention (a candidate named in a decision): the codes of the examples that name them.
  for (const code of codesIn(doc)) {
    const r = row(code);
    if (r.message) continue;
    r.mentionedWith = Object.values(doc.components?.examples ?? {})
      .filter((e) => JSON.stringify(e).includes(code))
      .map((e) => e.value?.error?.code ?? e.value?.error_code)
      .filter((c) => typeof c === 'string' && c !== code);
  }
  return [...rows.values()]
    .map((r) => ({
      ...r,
      statuses: [...r.statuses].sort(),
      operations: [...r.operations.values()],
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The hash of the English meaning and message of a code, which its fix records as `source`. */
export function sourceHash(row) {
  return createHash('sha256').update(`${row.meaning}\n${row.message}`).digest('hex').slice(0, 12);
}

/**
 * How the fixes table and the English rows differ: codes without a fix (or without one of the languages), fixes
 * of codes the document no longer has (`stale`, given every API's rows), fixes written for another meaning.
 */
/**
 * @param {{ code: string, meaning: string, message: string }[][]} rowsByApi
 * @param {Record<string, { source: string, [lang: string]: string }>} [fixes]
 */
export function fixDrift(rowsByApi, fixes = ERROR_FIXES, langs = ['en', 'zh-CN']) {
  const rows = rowsByApi.flat();
  const codes = new Set(rows.map((r) => r.code));
  return {
    missing: rows.filter((r) => langs.some((lang) => !fixes[r.code]?.[lang])).map((r) => r.code),
    stale: Object.keys(fixes).filter((code) => !codes.has(code)),
    outdated: rows
      .filter((r) => fixes[r.code] && fixes[r.code].source !== sourceHash(r))
      .map((r) => ({ code: r.code, source: fixes[r.code].source, now: sourceHash(r) })),
  };
}

/** "AS.7030: default_timeout out of range" → "default_timeout out of range". */
function meaningOf(example, code) {
  const summary = String(example.summary ?? '').replace(
    new RegExp(`^${code.replace('.', '\\.')}\\s*[:：]\\s*`),
    '',
  );
  return summary || String(example.description ?? '');
}

const TEXT = {
  en: {
    title: (api) => `Error codes · ${SERVICE_NAMES[api].en}`,
    heading: 'Error codes',
    nav: (api) =>
      `<a href="index.html">← All APIs</a> · <a href="${pageFile(api, 'en')}">API reference</a> · ` +
      `<a href="${errorPageFile(api, 'zh-CN')}" hreflang="zh-CN" lang="zh-CN">简体中文</a>`,
    intro: {
      autoscaling:
        'Every error code an Auto Scaling lifecycle-hook call can receive, as documented in the API description. ' +
        'AS answers with <code>{"error": {"code", "message"}}</code>; the API gateway in front of it answers with ' +
        '<code>{"error_code", "error_msg", "request_id"}</code> (the <code>APIGW.*</code> codes). Look a code up by ' +
        'its anchor: <code>#AS.7030</code>.',
      servicestage:
        'Every error code a ServiceStage component-instance call can receive, as documented in the API description. ' +
        'ServiceStage and the API gateway in front of it both answer with <code>{"error_code", "error_msg"}</code>. ' +
        'Look a code up by its anchor: <code>#SVCSTG.00100418</code>.',
    },
    columns: ['Code', 'HTTP status', 'Message', 'Meaning', 'Returned by', 'Usual fix'],
    anyOperation: 'any operation',
    everyOperation: 'every operation',
    mentioned: (codes) => `No example answers it; the description of ${codes} names it.`,
    footer: (count) => `${count} codes, generated from the OpenAPI description.`,
  },
  'zh-CN': {
    title: (api) => `错误码 · ${SERVICE_NAMES[api]['zh-CN']}`,
    heading: '错误码',
    nav: (api) =>
      `<a href="index.html">← 全部 API</a> · <a href="${pageFile(api, 'zh-CN')}">API 参考</a> · ` +
      `<a href="${errorPageFile(api, 'en')}" hreflang="en" lang="en">English</a>`,
    intro: {
      autoscaling:
        '弹性伸缩生命周期挂钩接口可能返回的全部错误码（取自 API 描述文件）。AS 返回 ' +
        '<code>{"error": {"code", "message"}}</code>；其前面的 API 网关返回 ' +
        '<code>{"error_code", "error_msg", "request_id"}</code>（即 <code>APIGW.*</code> 错误码）。可通过锚点直接定位错误码，例如 ' +
        '<code>#AS.7030</code>。',
      servicestage:
        'ServiceStage 组件实例接口可能返回的全部错误码（取自 API 描述文件）。ServiceStage 及其前面的 API 网关都返回 ' +
        '<code>{"error_code", "error_msg"}</code>。可通过锚点直接定位错误码，例如 <code>#SVCSTG.00100418</code>。',
    },
    columns: ['错误码', 'HTTP 状态码', '错误信息', '含义', '返回该错误码的操作', '常见处理方法'],
    anyOperation: '任意操作',
    everyOperation: '全部操作',
    mentioned: (codes) => `没有示例返回该错误码；${codes} 的说明中提到了它。`,
    footer: (count) => `共 ${count} 个错误码，根据 OpenAPI 描述文件生成。`,
  },
};

/** The error-code page of an API in a language, from that language's bundle. */
export function errorCodePage(api, lang, doc) {
  const t = TEXT[lang];
  const rows = errorCodeRows(doc);
  const operationCount = operationsOf(doc).length;
  const body = rows
    .map((r) => {
      const fix = ERROR_FIXES[r.code]?.[lang];
      if (!fix) throw new Error(`errorcodes: no ${lang} fix for ${r.code} in scripts/error-fixes.mjs`);
      const operations =
        r.operations.length === operationCount
          ? escapeHtml(t.everyOperation)
          : r.operations.length
            ? r.operations
                .map((o) => `<a href="${pageFile(api, lang)}${o.route}">${escapeHtml(o.summary)}</a>`)
                .join('<br>')
            : escapeHtml(t.anyOperation);
      return `
        <tr id="${escapeHtml(r.code)}">
          <td><a class="code" href="#${escapeHtml(r.code)}"><code>${escapeHtml(r.code)}</code></a></td>
          <td>${r.statuses.map(escapeHtml).join(', ') || '—'}</td>
          <td>${r.message ? `<code>${escapeHtml(r.message)}</code>` : '—'}</td>
          <td>${r.meaning ? inlineMarkdown(r.meaning) : r.mentionedWith.length ? escapeHtml(t.mentioned(r.mentionedWith.join(', '))) : '—'}</td>
          <td>${operations}</td>
          <td>${inlineMarkdown(fix)}</td>
        </tr>`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(t.title(api))} · hwc-openapi</title>
  <link rel="icon" href="data:,">
  <style>
    :root { color-scheme: light dark; --fg: #1a1a1a; --muted: #5b5b66; --bg: #fff; --line: #e3e4e8; --hit: #fff7d6; --accent: #0044d4; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --muted: #a0a0ab; --bg: #16171a; --line: #2c2e34; --hit: #3a3520; --accent: #6f9bff; } }
    body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
    main { max-width: 1280px; margin: 0 auto; padding: 32px 24px 64px; }
    nav { font-size: .9rem; margin-bottom: 16px; }
    h1 { margin: 0 0 8px; font-size: 1.8rem; }
    .lead { color: var(--muted); max-width: 900px; }
    a { color: var(--accent); }
    table { width: 100%; border-collapse: collapse; margin-top: 24px; table-layout: fixed; }
    col.code { width: 11%; } col.status { width: 8%; } col.message { width: 19%; } col.meaning { width: 18%; }
    col.operations { width: 19%; } col.fix { width: 25%; }
    th, td { text-align: left; vertical-align: top; padding: 8px; border-bottom: 1px solid var(--line); }
    tr:target { background: var(--hit); }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
    a.code { text-decoration: none; }
    footer { margin-top: 32px; color: var(--muted); font-size: .85rem; }
  </style>
</head>
<body>
  <main>
    <nav>${t.nav(api)}</nav>
    <h1>${escapeHtml(t.heading)} · ${escapeHtml(SERVICE_NAMES[api][lang])}</h1>
    <p class="lead">${t.intro[api]}</p>
    <table>
      <colgroup>${['code', 'status', 'message', 'meaning', 'operations', 'fix'].map((c) => `<col class="${c}">`).join('')}</colgroup>
      <thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
      <tbody>${body}
      </tbody>
    </table>
    <footer>${escapeHtml(t.footer(rows.length))}</footer>
  </main>
</body>
</html>
`;
}
