// Generates the code samples (`x-codeSamples`) of every operation from the bundled document itself: the method and
// path, the first server (with its variables' defaults), the path parameters' examples, the required query
// parameters' examples and the `default` request example. Two samples per operation:
//   - curl, with IAM token auth (`X-Auth-Token: $HWC_TOKEN`);
//   - TypeScript, with the operation method of the typed client of @hwc-openapi/<api>, run against the local mock
//     of @hwc-openapi/mock (a comment says how to point it at the cloud); ServiceStage actions then wait for the job.
// test/samples.test.ts type-checks every TypeScript sample against the client packages.
import { resolveRef as deref } from '@hwc-openapi/spec/resolve';
import { CLIENTS, operationsOf } from './pages.mjs';

const TEXT = {
  en: {
    curlEnv: '# Needs HWC_TOKEN (an IAM token for the project)\n# and HWC_PROJECT_ID in the environment.',
    tsMock: (region) =>
      `// Runs against the local mock of the API. For Huawei Cloud, replace\n// \`baseUrl: mock.url\` with \`region: '${region}'\` and pass your AK/SK and\n// project ID: the client signs each request and fills in {project_id}.`,
    tsErrors: '// HwcApiError (with status and code), HwcNetworkError or HwcTimeoutError',
  },
  'zh-CN': {
    curlEnv: '# 需要环境变量 HWC_TOKEN（该项目的 IAM Token）\n# 和 HWC_PROJECT_ID。',
    tsMock: (region) =>
      `// 此示例调用本地的 API 模拟服务。调用华为云时，请将\n// \`baseUrl: mock.url\` 换成 \`region: '${region}'\`，并传入您的 AK/SK 和项目ID：\n// 客户端为每个请求签名，并自动填入 {project_id}。`,
    tsErrors: '// HwcApiError（含 status 和 code）、HwcNetworkError 或 HwcTimeoutError',
  },
};

/** The parameters of an operation (path-level and operation-level, the latter winning), dereferenced. */
export function parametersOf(doc, pathItem, operation) {
  const byKey = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = deref(doc, p);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  return [...byKey.values()];
}

/** A parameter's example value: its own, its schema's, or its `default` example. */
export function parameterExample(doc, param) {
  if (param.example !== undefined) return param.example;
  if (param.examples?.default) return deref(doc, param.examples.default).value;
  const schema = param.schema ? deref(doc, param.schema) : undefined;
  if (schema?.example !== undefined) return schema.example;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema?.default !== undefined) return schema.default;
  return undefined;
}

/** The `default` request example of an operation, or undefined when it has no JSON body. */
export function requestExample(doc, operation) {
  if (!operation.requestBody) return undefined;
  const body = deref(doc, operation.requestBody);
  const media = body.content?.['application/json'];
  if (!media) throw new Error(`${operation.operationId}: only application/json request bodies are supported`);
  if (media.examples?.default) return deref(doc, media.examples.default).value;
  if (media.example !== undefined) return media.example;
  throw new Error(
    `${operation.operationId}: the request body has no \`default\` example to build the samples from`,
  );
}

/** The first server's URL with every variable set to its default, and the default region (if any). */
export function firstServer(doc) {
  const server = doc.servers?.[0];
  if (!server) throw new Error('the document has no server');
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`server variable ${name} has no default`);
    return value;
  });
  return { url: url.replace(/\/$/, ''), region: server.variables?.region?.default };
}

/** The JSON schema of the operation's 2xx body, dereferenced, or undefined when it has none. */
function successData(doc, operation) {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = /^2/.test(status) ? deref(doc, response).content?.['application/json']?.schema : undefined;
    if (schema) return deref(doc, schema);
  }
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A TypeScript literal of a JSON value, single-quoted, on one line when short enough. */
export function tsLiteral(value, indent = '', width = 72) {
  const oneLine = (v) => {
    if (v === null) return 'null';
    if (typeof v === 'string')
      return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map(oneLine).join(', ')}]`;
    const entries = Object.entries(v).map(
      ([k, x]) => `${IDENTIFIER.test(k) ? k : oneLine(k)}: ${oneLine(x)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  };
  const flat = oneLine(value);
  if (indent.length + flat.length <= width || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((x) => `${inner}${tsLiteral(x, inner, width)},`).join('\n')}\n${indent}]`;
  const lines = Object.entries(value).map(
    ([k, x]) => `${inner}${IDENTIFIER.test(k) ? k : oneLine(k)}: ${tsLiteral(x, inner, width)},`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function shellSingleQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function assertPlainForDoubleQuotes(value, what) {
  if (/["$`\\]/.test(value))
    throw new Error(`${what} contains a character that the curl sample cannot quote: ${value}`);
  return value;
}

/** Builds both samples of one operation. */
export function operationSamples(api, doc, { path, method, operation, pathItem }, lang = 'en') {
  const text = TEXT[lang];
  const client = CLIENTS[api];
  const { url: base, region } = firstServer(doc);
  const params = parametersOf(doc, pathItem, operation);
  const example = (param) => {
    const value = parameterExample(doc, param);
    if (value === undefined)
      throw new Error(`${operation.operationId}: parameter ${param.name} has no example`);
    return value;
  };

  // Path parameters: project_id comes from the credentials (TypeScript) or the environment (curl).
  const pathParams = params.filter((p) => p.in === 'path' && p.name !== 'project_id');
  const queryParams = params.filter((p) => p.in === 'query' && p.required);
  const body = requestExample(doc, operation);

  let urlPath = assertPlainForDoubleQuotes(`${base}${path}`, 'URL');
  for (const p of pathParams) {
    urlPath = urlPath.replace(`{${p.name}}`, encodeURIComponent(String(example(p))));
  }
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable of the curl sample.
  const fullUrl = urlPath.replace('{project_id}', '${HWC_PROJECT_ID}');
  const query = queryParams
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(p)))}`)
    .join('&');
  const curlLines = [
    text.curlEnv,
    `curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${fullUrl}${query ? `?${query}` : ''}"`,
    '  -H "X-Auth-Token: $HWC_TOKEN"',
  ];
  if (body !== undefined) {
    curlLines.push('  -H "Content-Type: application/json"');
    curlLines.push(`  -d ${shellSingleQuote(JSON.stringify(body, null, 2))}`);
  }
  const curl = curlLines
    .map((line, i) => (i > 0 && i < curlLines.length - 1 ? `${line} \\` : line))
    .join('\n');

  // TypeScript: the operation method, path and query parameters flat, the body under `body`.
  const args = Object.fromEntries([...pathParams, ...queryParams].map((p) => [p.name, example(p)]));
  if (body !== undefined) args.body = body;
  const argList = Object.keys(args).length > 0 ? tsLiteral(args, '  ') : '';
  const projectId = params.find((p) => p.in === 'path' && p.name === 'project_id');
  const data = successData(doc, operation);
  const waits = api === 'servicestage' && data?.properties?.job_id !== undefined;
  const call = `${client.variable}.${operation.operationId}(${argList})`;
  const lines = [
    `import { ${client.factory}${waits ? ', waitForJob' : ''} } from '${client.pkg}';`,
    "import { startMock } from '@hwc-openapi/mock';",
    '',
    text.tsMock(region ?? 'cn-north-4'),
    `const mock = await startMock({ service: '${api}' });`,
    `const ${client.variable} = ${client.factory}({`,
    '  baseUrl: mock.url,',
    `  credentials: { ak: 'AK', sk: 'SK', projectId: ${tsLiteral(projectId ? example(projectId) : 'my-project')} },`,
    '});',
    '',
    'try {',
  ];
  if (waits) {
    lines.push(
      `  const { job_id } = await ${call};`,
      `  const detail = await waitForJob(${client.variable}, job_id);`,
    );
    lines.push('  console.log(detail.job.EXECUTION_STATUS);');
  } else if (data) {
    lines.push(`  const data = await ${call};`, '  console.log(data);');
  } else {
    lines.push(`  await ${call};`);
  }
  lines.push('} catch (error) {', `  ${text.tsErrors}`, '  console.error(error);', '} finally {');
  lines.push('  await mock.close();', '}', '');
  const typescript = lines.join('\n');

  return [
    { lang: 'Shell', label: 'curl', source: curl },
    { lang: 'TypeScript', label: 'TypeScript', source: typescript },
  ];
}

/** A copy of the document with `x-codeSamples` on every operation. */
export function withCodeSamples(api, doc, lang = 'en') {
  const copy = structuredClone(doc);
  for (const entry of operationsOf(copy)) {
    entry.operation['x-codeSamples'] = operationSamples(api, copy, entry, lang);
  }
  return copy;
}

/** Every TypeScript sample of a document: `{ operationId, source }`. */
export function typescriptSamples(api, doc, lang = 'en') {
  return operationsOf(doc).map((entry) => ({
    operationId: entry.operation.operationId,
    source: operationSamples(api, doc, entry, lang).find((s) => s.lang === 'TypeScript').source,
  }));
}
