// The pages of the site: one per API and language. Shared by the build, the server and the tests.

/** @typedef {'autoscaling' | 'servicestage'} Api */
/** @typedef {'en' | 'zh-CN'} Lang */

/** @type {Api[]} */
export const APIS = ['autoscaling', 'servicestage'];
/** @type {Lang[]} */
export const LANGS = ['en', 'zh-CN'];

/** The typed client of each API, as the code samples use it. */
export const CLIENTS = /** @type {const} */ ({
  autoscaling: { pkg: '@hwc-openapi/autoscaling', factory: 'createAutoScalingClient', variable: 'as' },
  servicestage: {
    pkg: '@hwc-openapi/servicestage',
    factory: 'createServiceStageClient',
    variable: 'servicestage',
  },
});

export const SERVICE_NAMES = /** @type {const} */ ({
  autoscaling: { en: 'Auto Scaling (AS) lifecycle hooks', 'zh-CN': '弹性伸缩（AS）生命周期挂钩' },
  servicestage: { en: 'ServiceStage component instances', 'zh-CN': 'ServiceStage 组件实例' },
});

/** `autoscaling.json` or `autoscaling.zh-CN.json`: the bundle's name in the exports of @hwc-openapi/spec. */
export function specName(/** @type {Api} */ api, /** @type {Lang} */ lang, ext = 'json') {
  return lang === 'en' ? `${api}.${ext}` : `${api}.${lang}.${ext}`;
}

/** The page's file name in dist/: `autoscaling.html`, `autoscaling.zh-CN.html`. */
export function pageFile(/** @type {Api} */ api, /** @type {Lang} */ lang) {
  return lang === 'en' ? `${api}.html` : `${api}.${lang}.html`;
}

/** Every page, in the order the landing page lists them. */
export const PAGES = APIS.flatMap((api) => LANGS.map((lang) => ({ api, lang, file: pageFile(api, lang) })));

/** Reads a bundle of @hwc-openapi/spec through the package's exports. */
export async function loadSpec(/** @type {Api} */ api, /** @type {Lang} */ lang) {
  const { readFile } = await import('node:fs/promises');
  const url = import.meta.resolve(`@hwc-openapi/spec/${specName(api, lang)}`);
  return JSON.parse(await readFile(new URL(url), 'utf8'));
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation of a bundled document: `{ path, method, operation, pathItem }`. */
export function operationsOf(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, pathItem]) =>
    HTTP_METHODS.filter((method) => pathItem[method]).map((method) => ({
      path,
      method,
      operation: pathItem[method],
      pathItem,
    })),
  );
}

/** Text for HTML, in an element or a double-quoted attribute. */
export function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** `code spans` of a short Markdown text, as HTML. */
export function inlineMarkdown(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The hash route Redoc 3 gives an operation: `#/<tag slug>/<operationId in lower case>`. */
export function operationRoute(operation) {
  const tag = String(operation.tags?.[0] ?? '');
  const slug = tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `#/${slug}/${String(operation.operationId).toLowerCase()}`;
}
