// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the patches are pieces of the Redoc bundle's source, template literals included.
// Post-processing of the pages that `redocly build-docs` writes.
//
// 1. Every page: the Redoc bundle loads the "API docs by Redocly" logo from cdn.redoc.ly once it has mounted, and
//    its CDNIcon component loads icons from cdn.redocly.com. These URLs are replaced with inline SVG data URLs, so
//    that a page makes no request off its own origin.
// 2. Chinese pages: Redoc 3 routes its interface labels through a `translate(key, defaultText)` hook, but the
//    standalone bundle wires that hook to a stub that always returns the English default, and offers no option to
//    supply translations (there is no `labels` theme option any more). The stub is replaced with one that looks the
//    key up in `globalThis.__HWC_L10N__`, a map injected into the page (REDOC_LABELS below); the few labels that
//    Redoc renders without the hook (HARDCODED below) are replaced in the bundle, and the labels of the prerendered
//    HTML are translated too, so that the page is Chinese before the script hydrates it.
//
// Every replacement must find exactly the text it expects: when a Redocly CLI upgrade changes the bundle, the build
// fails here instead of shipping a half-English page (test/l10n.test.ts exercises this).

import { escapeHtml } from './pages.mjs';

/** Interface labels by translation key. A string, or a map from the English default to the text when one key
 *  serves several defaults. Keys come from the Redoc 3.0 bundle (`translate('key', 'Default')`). */
export const REDOC_LABELS = {
  'zh-CN': {
    // Overview
    'info.title': '概览',
    'info.license': '许可证',
    'info.contact.url': 'URL',
    'info.contact.name': '电子邮件',
    'info.termsOfService': '服务条款',
    'info.metadata.title': '元数据',
    'servers.title': '服务器',
    'download.description.title': { 'Download OpenAPI description': '下载 OpenAPI 描述文件' },
    'button.download.tooltipText': '下载描述文件',
    'button.email.tooltipText': '发送邮件',
    'button.externalLink.tooltipText': '在新标签页中打开',
    schemas: '数据模型',
    operations: '操作',
    // Operation
    request: '请求',
    body: '请求体',
    // Not a Redoc key: the heading of a response body (see HARDCODED).
    responseBody: '响应体',
    noRequestData: '无请求数据',
    noRequestPayload: '无请求体',
    responses: '响应',
    response: '响应',
    callbacks: '回调',
    callbackRequest: '回调请求',
    callbackResponse: '回调响应',
    parameters: '参数',
    path: '路径参数',
    query: '查询参数',
    querystring: '查询字符串',
    cookie: 'Cookie 参数',
    header: 'Header 参数',
    security: '认证',
    viewSecurityDetails: { 'View details': '查看详情', 'View security details': '查看认证详情' },
    requiredScopes: '所需权限范围',
    showOptionalScopes: '显示可选权限范围',
    hideOptionalScopes: '隐藏可选权限范围',
    httpAuthorizationScheme: 'HTTP 认证方案',
    bearerFormat: 'Bearer 格式',
    flowType: '授权流程',
    authorizationUrl: '授权 URL',
    tokenUrl: 'Token URL',
    refreshUrl: '刷新 URL',
    deviceAuthorizationUrl: '设备授权 URL',
    oauth2MetadataUrl: 'OAuth2 元数据 URL',
    connectUrl: '连接 URL',
    payload: '消息体',
    contentType: {
      'Payload media type': '请求体媒体类型',
      'Request media type': '请求媒体类型',
      'Response media type': '响应媒体类型',
    },
    requestSample: '请求示例',
    responseSample: '响应示例',
    noResponseContent: '无响应内容',
    noResponseExample: '无响应示例',
    // Schemas
    required: '必选',
    default: '默认值',
    defaultValue: '默认值',
    example: '示例',
    examples: '示例',
    enum: '枚举值',
    value: '值',
    key: '键',
    // `variable`/`variables` also make the "Show 1 variable" button of a server.
    variables: { Variables: '变量', variables: '个变量' },
    variable: '个变量',
    array: '数组',
    recursive: '递归',
    additionalProperties: '附加属性',
    patternProperties: '模式属性',
    parameterName: '参数名',
    discriminator: '鉴别器',
    'discriminator.searchNoResults': '未找到匹配项',
    'discriminator.searchPlaceholder': '搜索',
    moreDetails: '更多详情',
    details: '详情',
    showExample: '显示示例',
    hideExample: '隐藏示例',
    'openapi.showPattern': '显示正则表达式',
    'openapi.hidePattern': '隐藏正则表达式',
    'openapi.expandAll': '全部展开',
    'openapi.collapseAll': '全部折叠',
    'openapi.deepLink.tooltip': '链接到本节',
    'badges.deprecated': '已弃用',
    deprecationReason: '弃用原因',
    fieldScopes: '字段权限范围',
    objectScopes: '对象权限范围',
    'jsonViewer.showMore': '显示更多',
    'jsonViewer.showLess': '收起',
    // Code samples
    'codeSnippet.copy.tooltipText': '复制到剪贴板',
    'codeSnippet.copy.toasterText': '已复制',
    'codeSnippet.expand.tooltipText': '全部展开',
    'codeSnippet.collapse.tooltipText': '全部折叠',
    'codeSnippet.report.buttonText': '报告问题',
    'codeSnippet.report.tooltipText': '报告问题',
    'codeSnippet.report.label': '这段代码有什么问题？',
    unsupportedLanguage: '不支持该语言。',
    // Page, sidebar, search
    'actions.show': '显示',
    'actions.hide': '隐藏',
    'actions.more': '更多',
    'loaders.loading': '加载中…',
    loading: '加载中…',
    'page.actions.copyButtonText': '复制',
    'page.actions.copyTitle': '复制为 Markdown（供 LLM 使用）',
    'page.actions.moreActions': '更多操作',
    'page.actions.chatGptButtonText': '在 ChatGPT 中打开',
    'page.actions.chatGptTitle': '在 ChatGPT 中打开',
    'page.actions.chatGptDescription': '借助 ChatGPT 理解本页',
    'page.actions.claudeButtonText': '在 Claude 中打开',
    'page.actions.claudeTitle': '在 Claude 中打开',
    'page.actions.claudeDescription': '借助 Claude 理解本页',
    'page.apiNotFound.title': '此地址没有页面',
    'page.apiNotFound.description': '不存在的页面：',
    'page.apiNotFound.hint': '它可能已被移动或删除。',
    'page.apiNotFound.backButton': '返回文档',
    'sidebar.actions.show': '显示侧边栏',
    'sidebar.actions.hide': '隐藏侧边栏',
    'sidebar.actions.changeToSingleColumn': '切换为单栏布局',
    'sidebar.actions.changeToTwoColumns': '切换为双栏布局',
    'sidebar.actions.singleColumn': '单栏',
    'sidebar.actions.twoColumns': '双栏',
    'search.navbar.label': '搜索 ',
    'search.searchItem.deprecated': '已弃用',
    'search.searchItem.enum': '枚举值',
    'search.searchItem.example': '示例',
    'feedback.settings.comment.label': '请告诉我们您的意见。',
    'feedback.settings.comment.send': '发送',
    'feedback.settings.comment.cancel': '取消',
    'feedback.settings.comment.submitText': '感谢您帮助我们改进文档！',
    'feedback.settings.comment.maxLength': '已达到 5000 个字符的上限',
  },
};

/** The label of the request payload among the code-sample languages (see HARDCODED). */
export const PAYLOAD_LABEL = { en: 'Payload', 'zh-CN': '请求体' };

/**
 * Texts that Redoc renders without its translate hook: exact pieces of the bundle's source and their replacement.
 * `count` is how many times the piece must occur.
 */
export const HARDCODED = {
  'zh-CN': [
    // Sidebar and search
    { find: '(`p`,{children:`API docs by`})', replace: '(`p`,{children:`API 文档基于`})', count: 1 },
    { find: 'placeholder:`Search docs...`', replace: 'placeholder:`搜索文档…`', count: 1 },
    {
      find: 'children:`Search endpoints, schemas, and more...`',
      replace: 'children:`搜索接口、数据模型等…`',
      count: 1,
    },
    { find: 'text:`to navigate`', replace: 'text:`切换`', count: 1 },
    { find: 'text:`to select`', replace: 'text:`选择`', count: 1 },
    { find: 'text:`to exit`', replace: 'text:`退出`', count: 1 },
    // Security requirements: "AkSkSignature or IamToken"
    { find: '(fF,{label:`or`})', replace: '(fF,{label:`或`})', count: 1 },
    { find: '(fF,{label:`and`})', replace: '(fF,{label:`和`})', count: 2 },
    { find: '(sF,{children:` or `})', replace: '(sF,{children:` 或 `})', count: 1 },
    { find: '($$,{label:`or`})', replace: '($$,{label:`或`})', count: 1 },
    { find: '($$,{label:`and`})', replace: '($$,{label:`和`})', count: 1 },
    { find: '(CF,{children:`Security`})', replace: '(CF,{children:`认证`})', count: 1 },
    // The "Payload" entry of the code-sample languages: Redoc maps a language's label to its key, so the label is
    // renamed in Redoc's own table too (build.mjs gives the page the same label).
    {
      find: '{key:`payload`,label:`Payload`,lang:`payload`}',
      replace: `{key:\`payload\`,label:\`${PAYLOAD_LABEL['zh-CN']}\`,lang:\`payload\`}`,
      count: 1,
    },
    // Schema types: "string or null", "Array of objects" (no plural in Chinese: "数组：object")
    {
      find: 'e.split(` or `).map(e=>e.replace(/^(string|object|number|integer|array|boolean)s?( ?.*)/,`$1s$2`)).join(` or `)',
      replace:
        'e.split(` 或 `).map(e=>e.replace(/^(string|object|number|integer|array|boolean)s?( ?.*)/,`$1$2`)).join(` 或 `)',
      count: 1,
    },
    {
      find: 'a.indexOf(` or `)>-1&&(a=`(${a})`),a}))].join(` or `)',
      replace: 'a.indexOf(` 或 `)>-1&&(a=`(${a})`),a}))].join(` 或 `)',
      count: 1,
    },
    { find: '.join(` or `):t,a=e.format', replace: '.join(` 或 `):t,a=e.format', count: 1 },
    { find: '?r.join(` or `):r)', replace: '?r.join(` 或 `):r)', count: 1 },
    { find: '(i+=` or ${e.join(` or `)}`)', replace: '(i+=` 或 ${e.join(` 或 `)}`)', count: 1 },
    { find: '(i+=` or null`)', replace: '(i+=` 或 null`)', count: 1 },
    { find: 'r=`Array of `', replace: 'r=`数组：`', count: 2 },
    { find: 'i=`Array of items`', replace: 'i=`数组`', count: 1 },
    { find: 'children:[`Enum`,', replace: 'children:[`枚举值`,', count: 1 },
    {
      find: 'function kC(e,t){return`${e?.startsWith(`Array`)?`Items `:``}${t===1?`Value:`:`Enum:`}`}',
      replace:
        'function kC(e,t){return`${e?.startsWith(`Array`)||e?.startsWith(`数组`)?`元素`:``}${t===1?`值:`:`枚举值:`}`}',
      count: 1,
    },
    { find: '(cE,{label:`Enum:`,values:r})', replace: '(cE,{label:`枚举值:`,values:r})', count: 1 },
    { find: '(zC,{children:`deprecated`})', replace: '(zC,{children:`已弃用`})', count: 1 },
    { find: '`One of:`', replace: '`其一（oneOf）：`', count: 2 },
    { find: '`Any of:`', replace: '`任一（anyOf）：`', count: 2 },
    { find: '`Default mapping`', replace: '`默认映射`', count: 3 },
    // Constraints: "<= 32 characters", "[ 60 .. 86400 ]", "non-empty", "unique"
    { find: 'Kb(`characters`,', replace: 'Kb(`个字符`,', count: 1 },
    { find: 'Kb(`items`,', replace: 'Kb(`项`,', count: 1 },
    { find: 'n(Kb(r===1&&i===1?`property`:`properties`,r,i))', replace: 'n(Kb(`个属性`,r,i))', count: 1 },
    { find: '?`non-empty`:', replace: '?`非空`:', count: 1 },
    { find: '`decimal places <= ${', replace: '`小数位数 <= ${', count: 1 },
    { find: ':`multiple of ${e}`', replace: ':`${e} 的倍数`', count: 1 },
    { find: 't.push(`unique`)', replace: 't.push(`元素唯一`)', count: 1 },
    // Search
    { find: 'children:`No results`', replace: 'children:`无结果`', count: 1 },
    { find: 'onClick:e,children:`Cancel`}', replace: 'onClick:e,children:`取消`}', count: 1 },
    // The "Body" heading of a media type serves the request and the responses alike (translation key `body`):
    // the response passes a flag so that its heading reads 响应体 (key `responseBody`).
    {
      find: '{headingId:Wh(u),mediaTypes:b,value:C,onChange:S,deepLink:u}',
      replace: '{isResponse:!0,headingId:Wh(u),mediaTypes:b,value:C,onChange:S,deepLink:u}',
      count: 1,
    },
    {
      find: 'function iSe({mediaTypes:e,value:t,onChange:n,deepLink:r,headingId:i,required:a}){',
      replace:
        'function iSe({mediaTypes:e,value:t,onChange:n,deepLink:r,headingId:i,required:a,isResponse:hwcResponse}){',
      count: 1,
    },
    {
      find: 'u=o(`body`,`Body`)',
      replace: 'u=hwcResponse?o(`responseBody`,`Body`):o(`body`,`Body`)',
      count: 1,
    },
    // Search results: the breadcrumb of a matched field or example ("response 200 fields → …") is built from
    // English place names that the search logic also parses, so it is translated only where it is displayed.
    {
      find: 'children:[H1(u.place),` → `',
      replace: 'children:[H1(globalThis.__HWC_PLACE__?globalThis.__HWC_PLACE__(u.place):u.place),` → `',
      count: 1,
    },
  ],
};

/**
 * Labels that Redoc builds from several words and a number in English word order ("Show 9 array properties",
 * "+3 more", "Show 4 more..."). Each is rebuilt from a whole-sentence template; `{count}` is the number.
 * ("Show 1 variable" of a server needs no template: 显示 + "1 个变量" already reads as Chinese.)
 */
export const PARAMETRISED = {
  'zh-CN': {
    showProperties: '显示 {count} 个属性',
    showDetails: '显示详情',
    moreEnumValues: '还有 {count} 项',
    moreOperations: '再显示 {count} 项…',
  },
};

/** Where each template goes: the bundle's code that builds the English label, and the variable holding the count. */
const PARAMETRISED_SITES = [
  {
    // Toggle of a nested object or array of objects: "Show 9 properties", "Show 9 array properties", "Show property".
    template: 'showProperties',
    find: 'let{count:o,isArray:s}=a,c=o===1?`property`:`properties`,l=r?r(c,c):c,u=[i];return o!==1&&u.push(String(o)),s&&u.push(r?r(`array`,`array`):`array`),u.push(l),u.join(` `)',
    replace: (text) => `let{count:o}=a;return${text('o')}`,
  },
  {
    template: 'showDetails',
    find: 'return`${i} ${r?r(`details`,`details`):`details`}`',
    replace: (text) => `return${text()}`,
  },
  {
    template: 'moreEnumValues',
    find: 'd=a?`+${t.length-u} ${r(`actions.more`,`more`)}`:',
    replace: (text) => `d=a?${text('t.length-u')}:`,
  },
  {
    template: 'moreOperations',
    find: 'children:[o,` `,u,` `,s,`...`]',
    replace: (text) => `children:[${text('u')}]`,
  },
];

/** The find/replace patches that put a language's PARAMETRISED templates into the bundle. */
export function parametrisedPatches(lang) {
  const templates = PARAMETRISED[lang] ?? {};
  return PARAMETRISED_SITES.map(({ template, find, replace }) => {
    const text = templates[template];
    if (!text) throw new Error(`l10n: no "${template}" template for ${lang}`);
    // A JavaScript template literal: the text, with `{count}` as the expression that holds the number.
    const literal = (expression) =>
      `\`${text.replaceAll('{count}', expression ? `\${${expression}}` : '')}\``;
    return { find, replace: replace(literal), count: 1 };
  });
}

/**
 * The places of search results (`request examples`, `response 200 fields`…), as Redoc names them, and their
 * translation: [regular expression over the whole place, replacement]. A place none matches is shown as it is.
 */
export const SEARCH_PLACES = {
  'zh-CN': [
    ['^request fields$', '请求字段'],
    ['^request body$', '请求体'],
    ['^request examples$', '请求示例'],
    ['^schema fields$', '数据模型字段'],
    ['^description$', '描述'],
    ['^overview$', '概览'],
    ['^metadata$', '元数据'],
    ['^security$', '认证'],
    ['^server$', '服务器'],
    ['^server variables$', '服务器变量'],
    ['^path parameters$', '路径参数'],
    ['^query parameters$', '查询参数'],
    ['^header parameters$', 'Header 参数'],
    ['^cookie parameters$', 'Cookie 参数'],
    ['^parameters$', '参数'],
    ['^(\\S+) parameters$', '$1 参数'],
    ['^response fields$', '响应字段'],
    ['^response (\\S+) fields$', '响应 $1 字段'],
    ['^response (\\S+) headers$', '响应 $1 Header'],
    ['^response (\\S+) examples$', '响应 $1 示例'],
    ['^response (\\S+)$', '响应 $1'],
    ['^fields$', '字段'],
    ['^callback (.+)$', '回调 $1'],
  ],
};

/** Builds the function the page uses to translate a search place from SEARCH_PLACES rules (it runs in the page, so
 *  it is self-contained). Highlight markup is dropped from a translated place. */
export function placeTranslator(rules) {
  return (place) => {
    const text = Array.isArray(place) ? place.join('') : String(place).replace(/<\/?mark>/g, '');
    for (const [pattern, replacement] of rules) {
      const re = new RegExp(pattern);
      if (re.test(text)) return text.replace(re, replacement);
    }
    return place;
  };
}

/** The translate stub of the standalone bundle, and what replaces it. */
export const TRANSLATE_STUB =
  'useTranslate:()=>({translate:(e,t)=>(typeof t==`string`?t:t?.defaultValue)||e||``})';
export const TRANSLATE_L10N =
  'useTranslate:()=>({translate:(e,t)=>{let d=(typeof t==`string`?t:t?.defaultValue)||e||``,' +
  'm=globalThis.__HWC_L10N__,v=m&&typeof e==`string`?m[e]:void 0;' +
  'return typeof v==`string`?v:v&&typeof v[d]==`string`?v[d]:d}})';

/** The Redocly logo that the "API docs by" badge loads from the CDN, as local SVG (a plain wordmark). */
const LOGO_URLS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': svgDataUrl(
    '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="14" viewBox="0 0 56 14">' +
      '<text x="0" y="11" font-family="Helvetica,Arial,sans-serif" font-size="12" font-weight="700" fill="#0044D4">Redocly</text></svg>',
  ),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': svgDataUrl(
    '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14">' +
      '<rect width="14" height="14" rx="3" fill="#0044D4"/>' +
      '<text x="3.5" y="11" font-family="Helvetica,Arial,sans-serif" font-size="11" font-weight="700" fill="#fff">R</text></svg>',
  ),
};

/** Icon packs that Redoc's CDNIcon component loads by URL (language icons of code blocks, Font Awesome). They are
 *  decorative: the base URLs become an empty inline SVG, so that the icons render blank instead of fetching. The
 *  `#` makes the rest of the URL Redoc appends (`/regular/<name>.svg`) a fragment. */
const ICON_PACKS = {
  'https://cdn.redocly.com/icons/fa/7.0.0': `${svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"/>')}#`,
  'https://cdn.redocly.com/icons/code/5.24.0': `${svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"/>')}#`,
};

function svgDataUrl(svg) {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function replaceExactly(source, find, replace, count, what) {
  const found = source.split(find).length - 1;
  if (found !== count) {
    throw new Error(
      `l10n: expected ${count} occurrence(s) of ${what} in the Redoc page, found ${found}. ` +
        'The Redoc bundle of this Redocly CLI version differs from the one scripts/l10n.mjs was written for.',
    );
  }
  return source.split(find).join(replace);
}

/** Splits a page into the prerendered markup, the module script, and what follows. */
function splitPage(html) {
  const start = html.indexOf('<div id="redoc">');
  const script = html.indexOf('<script type="module">', start);
  if (start < 0 || script < 0) throw new Error('l10n: not a Redoc page (no #redoc and module script)');
  return { head: html.slice(0, start), markup: html.slice(start, script), script: html.slice(script) };
}

/**
 * The English label → translation pairs that can be replaced as whole text nodes of the prerendered markup.
 * Only labels of more than one character and without markup.
 */
export function markupLabels(lang) {
  const labels = REDOC_LABELS[lang] ?? {};
  const defaults = MARKUP_DEFAULTS;
  const pairs = [];
  for (const [key, english] of Object.entries(defaults)) {
    const value = labels[key];
    const text = typeof value === 'string' ? value : value?.[english];
    if (text) pairs.push([english, text]);
  }
  return pairs;
}

/** The English defaults of the labels that the prerendered overview shows (key → default). */
const MARKUP_DEFAULTS = {
  'info.title': 'Overview',
  'info.license': 'License',
  'servers.title': 'Servers',
  'loaders.loading': 'Loading...',
  'page.actions.copyButtonText': 'Copy',
  'actions.show': 'Show',
};

/** Post-processes one page written by build-docs. */
export function postProcessPage(html, lang) {
  let { head, markup, script } = splitPage(html);
  for (const [url, local] of Object.entries({ ...LOGO_URLS, ...ICON_PACKS })) {
    script = replaceExactly(script, url, local, 1, url);
  }
  if (lang !== 'en') {
    const labels = REDOC_LABELS[lang];
    if (!labels) throw new Error(`l10n: no labels for ${lang}`);
    script = replaceExactly(script, TRANSLATE_STUB, TRANSLATE_L10N, 1, 'the translate stub');
    for (const { find, replace, count } of [...parametrisedPatches(lang), ...(HARDCODED[lang] ?? [])]) {
      script = replaceExactly(script, find, replace, count, JSON.stringify(find));
    }
    // The prerendered markup: whole text nodes only (`>Overview<`), and the "Show 1 variable" buttons.
    for (const [english, text] of markupLabels(lang)) {
      markup = markup.split(`>${escapeHtml(english)}<`).join(`>${escapeHtml(text)}<`);
    }
    markup = markup.replace(
      />Show (\d+) variables?</g,
      (_, n) => `>${labels['actions.show']} ${n} ${labels.variable}<`,
    );
    markup = markup.replace('>API docs by<', `>${escapeHtml('API 文档基于')}<`);
    const json = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');
    const map =
      `<script>globalThis.__HWC_L10N__=${json(labels)};` +
      `globalThis.__HWC_PLACE__=(${placeTranslator.toString()})(${json(SEARCH_PLACES[lang] ?? [])});</script>\n`;
    head = replaceExactly(head, '</head>', `${map}</head>`, 1, '</head>');
    if (!head.includes(`<html lang="${lang}">`))
      throw new Error(`l10n: the page template did not set lang="${lang}"`);
  }
  const out = head + markup + script;
  const remote = out.match(/https?:\/\/cdn\.[a-z0-9.-]+\/[^\s"'`)]*/gi);
  if (remote) throw new Error(`l10n: the page still references a CDN: ${[...new Set(remote)].join(', ')}`);
  return out;
}
