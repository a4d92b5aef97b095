// The landing page (dist/index.html): links to the four API pages and to the npm packages. Plain HTML and CSS,
// no script and no remote resource.
import { errorPageFile } from './errorcodes.mjs';
import { escapeHtml, pageFile, SERVICE_NAMES, specName } from './pages.mjs';

export const PACKAGES = [
  {
    name: '@hwc-openapi/autoscaling',
    en: 'Typed client for the AS lifecycle-hook API (generated types + openapi-fetch).',
    zh: 'AS 生命周期挂钩 API 的类型化客户端（生成的类型 + openapi-fetch）。',
  },
  {
    name: '@hwc-openapi/servicestage',
    en: 'Typed client for the ServiceStage component-instance API.',
    zh: 'ServiceStage 组件实例 API 的类型化客户端。',
  },
  {
    name: '@hwc-openapi/core',
    en: 'AK/SK signing, IAM token auth, endpoints, errors, retries and timeouts shared by the clients.',
    zh: '客户端共用的 AK/SK 签名、IAM Token 认证、终端节点、错误、重试和超时。',
  },
  {
    name: '@hwc-openapi/mock',
    en: 'Local mock servers of both APIs, as a CLI and as startMock(). They start in the world of the examples, so every sample on these pages runs against them as written (baseUrl: mock.url).',
    zh: '两个 API 的本地模拟服务器，提供 CLI 和 startMock()。模拟服务器启动时即处于示例所描述的状态，因此本站的每个示例无需修改即可在其上运行（baseUrl: mock.url）。',
  },
  {
    name: '@hwc-openapi/spec',
    en: 'The OpenAPI 3.1 documents themselves, bundled, in English and Simplified Chinese.',
    zh: 'OpenAPI 3.1 文档本身（已打包），包括英文版和简体中文版。',
  },
];

/**
 * @param {{ api: 'autoscaling'|'servicestage', version: string, operations: number, summary: {en: string, 'zh-CN': string} }[]} services
 */
export function landingPage(services) {
  const cards = services
    .map(
      (s) => `
      <section class="card">
        <h2>${escapeHtml(SERVICE_NAMES[s.api].en)}<br><span lang="zh-CN">${escapeHtml(SERVICE_NAMES[s.api]['zh-CN'])}</span></h2>
        <p>${escapeHtml(s.summary.en)}</p>
        <p lang="zh-CN">${escapeHtml(s.summary['zh-CN'])}</p>
        <p class="meta">v${escapeHtml(s.version)} · ${s.operations} operations · ${s.operations} 个操作</p>
        <p class="links">
          <a class="button" href="${pageFile(s.api, 'en')}" hreflang="en">English</a>
          <a class="button" href="${pageFile(s.api, 'zh-CN')}" hreflang="zh-CN" lang="zh-CN">简体中文</a>
        </p>
        <p class="files">Error codes · <span lang="zh-CN">错误码</span>:
          <a href="${errorPageFile(s.api, 'en')}" hreflang="en">English</a>,
          <a href="${errorPageFile(s.api, 'zh-CN')}" hreflang="zh-CN" lang="zh-CN">简体中文</a>
        </p>
        <p class="files">OpenAPI:
          <a href="openapi/${specName(s.api, 'en', 'yaml')}">${specName(s.api, 'en', 'yaml')}</a>,
          <a href="openapi/${specName(s.api, 'en', 'json')}">${specName(s.api, 'en', 'json')}</a>,
          <a href="openapi/${specName(s.api, 'zh-CN', 'yaml')}">${specName(s.api, 'zh-CN', 'yaml')}</a>,
          <a href="openapi/${specName(s.api, 'zh-CN', 'json')}">${specName(s.api, 'zh-CN', 'json')}</a>
        </p>
      </section>`,
    )
    .join('\n');
  const packages = PACKAGES.map(
    (p) => `
        <tr>
          <td><a href="https://www.npmjs.com/package/${escapeHtml(p.name)}"><code>${escapeHtml(p.name)}</code></a></td>
          <td>${escapeHtml(p.en)}<br><span lang="zh-CN">${escapeHtml(p.zh)}</span></td>
          <td><code>npm install ${escapeHtml(p.name)}</code></td>
        </tr>`,
  ).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>hwc-openapi: Huawei Cloud AS and ServiceStage API docs</title>
  <link rel="icon" href="data:,">
  <style>
    :root { color-scheme: light dark; --fg: #1a1a1a; --muted: #5b5b66; --bg: #fff; --card: #f6f7f9; --accent: #0044d4; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --muted: #a0a0ab; --bg: #16171a; --card: #202227; --accent: #6f9bff; } }
    body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
    main { max-width: 1040px; margin: 0 auto; padding: 40px 24px 64px; }
    h1 { margin: 0 0 4px; font-size: 2rem; }
    .lead { color: var(--muted); margin: 0 0 32px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 20px; }
    .card { background: var(--card); border-radius: 12px; padding: 20px 24px; }
    .card h2 { font-size: 1.25rem; margin: 0 0 12px; }
    .card h2 span { font-weight: 500; color: var(--muted); }
    .meta, .files { color: var(--muted); font-size: .9rem; }
    .button { display: inline-block; padding: 6px 16px; margin-right: 8px; border-radius: 8px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
    a { color: var(--accent); }
    h2.section { margin: 48px 0 12px; font-size: 1.4rem; }
    table { width: 100%; border-collapse: collapse; font-size: .95rem; }
    th, td { text-align: left; vertical-align: top; padding: 10px 8px; border-bottom: 1px solid color-mix(in srgb, var(--muted) 30%, transparent); }
    td span { color: var(--muted); }
    td:first-child code, td:last-child code { white-space: nowrap; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
    footer { margin-top: 48px; color: var(--muted); font-size: .85rem; }
  </style>
</head>
<body>
  <main>
    <h1>hwc-openapi</h1>
    <p class="lead">Hand-written OpenAPI 3.1 documents, typed clients, docs and a mock for Huawei Cloud Auto Scaling
      lifecycle hooks and ServiceStage component instances.<br>
      <span lang="zh-CN">华为云弹性伸缩生命周期挂钩与 ServiceStage 组件实例的手写 OpenAPI 3.1 文档、类型化客户端、文档站点和模拟服务器。</span></p>
    <div class="cards">${cards}
    </div>
    <p class="lead"><a href="guides.html">Guides</a> · <a href="guides.zh-CN.html" lang="zh-CN">指南</a>: whole flows, run against the emulator. <span lang="zh-CN">完整流程，在模拟器上运行。</span></p>
    <h2 class="section">npm packages <span lang="zh-CN">· npm 包</span></h2>
    <table>
      <thead><tr><th>Package · 包</th><th>What it is · 说明</th><th>Install · 安装</th></tr></thead>
      <tbody>${packages}
      </tbody>
    </table>
    <footer>Every page of this site is self-contained: it loads nothing from another host.
      <span lang="zh-CN">本站所有页面均自包含，不会从其他主机加载任何资源。</span></footer>
  </main>
</body>
</html>
`;
}
