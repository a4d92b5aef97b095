// The code samples generated from the spec (scripts/codesamples.mjs) and written into the pages' input documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstServer, operationSamples, tsLiteral, withCodeSamples } from '../scripts/codesamples.mjs';
import { APIS, LANGS, loadSpec, operationsOf } from '../scripts/pages.mjs';

const generated = fileURLToPath(new URL('../src/generated/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is untyped JSON.
function operation(doc: any, operationId: string) {
  const found = operationsOf(doc).find((o) => o.operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is untyped JSON.
function samples(api: 'autoscaling' | 'servicestage', doc: any, operationId: string, lang: 'en' | 'zh-CN') {
  const [curl, typescript] = operationSamples(api, doc, operation(doc, operationId), lang);
  if (!curl || !typescript) throw new Error('two samples expected');
  return { curl, typescript };
}

describe('x-codeSamples', () => {
  for (const api of APIS) {
    for (const lang of LANGS) {
      it(`${api} (${lang}): curl and TypeScript on every operation, from the spec`, async () => {
        const spec = await loadSpec(api, lang);
        const doc = withCodeSamples(api, spec, lang);
        const { url } = firstServer(spec);
        for (const { operation } of operationsOf(doc)) {
          const samples = operation['x-codeSamples'];
          expect(samples.map((s: { label: string }) => s.label)).toEqual(['curl', 'TypeScript']);
          const [curl, typescript] = samples;
          expect(curl.source).toContain(`"${url}/`);
          expect(curl.source).toContain('-H "X-Auth-Token: $HWC_TOKEN"');
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable of the curl sample.
          expect(curl.source).toContain('${HWC_PROJECT_ID}');
          expect(typescript.source).toContain(`from '@hwc-openapi/${api}';`);
          expect(typescript.source).toContain(`const mock = await startMock({ service: '${api}' });`);
          expect(typescript.source).toContain('  baseUrl: mock.url,');
          expect(typescript.source).toContain("region: 'cn-north-4'");
          // The operation method named by the operationId; never the path-based call or project_id.
          expect(typescript.source).toMatch(new RegExp(`\\.${operation.operationId}\\(`));
          expect(typescript.source).not.toMatch(/\.(GET|PUT|POST|DELETE)\(|project_id:/);
        }
        // The build feeds exactly these documents to build-docs.
        const built = JSON.parse(readFileSync(join(generated, `${api}.${lang}.json`), 'utf8'));
        for (const { operation } of operationsOf(built)) {
          const expected = operationsOf(doc).find((o) => o.operation.operationId === operation.operationId);
          expect(operation['x-codeSamples']).toEqual(expected?.operation['x-codeSamples']);
        }
      });
    }
  }

  it('builds the callback sample of the issue from the spec: method, path, path example and default body', async () => {
    const spec = await loadSpec('autoscaling', 'en');
    const { curl, typescript } = samples('autoscaling', spec, 'callbackLifecycleHook', 'en');
    expect(typescript.source).toBe(`import { createAutoScalingClient } from '@hwc-openapi/autoscaling';
import { startMock } from '@hwc-openapi/mock';

// Runs against the local mock of the API. For Huawei Cloud, replace
// \`baseUrl: mock.url\` with \`region: 'cn-north-4'\` and pass your AK/SK and
// project ID: the client signs each request and fills in {project_id}.
const mock = await startMock({ service: 'autoscaling' });
const as = createAutoScalingClient({
  baseUrl: mock.url,
  credentials: { ak: 'AK', sk: 'SK', projectId: 'b53e5554fad0494d96206fb84296510b' },
});

try {
  await as.callbackLifecycleHook({
    scaling_group_id: 'e5d27f5c-dd76-4a61-b4bc-a67c5686719a',
    body: {
      lifecycle_action_result: 'ABANDON',
      lifecycle_action_key: '23880867-6288-4470-98a8-f8bda096b6c4',
    },
  });
} catch (error) {
  // HwcApiError (with status and code), HwcNetworkError or HwcTimeoutError
  console.error(error);
} finally {
  await mock.close();
}
`);
    expect(curl.source).toBe(`# Needs HWC_TOKEN (an IAM token for the project)
# and HWC_PROJECT_ID in the environment.
curl -X PUT "https://as.cn-north-4.myhuaweicloud.com/autoscaling-api/v1/\${HWC_PROJECT_ID}/scaling_instance_hook/e5d27f5c-dd76-4a61-b4bc-a67c5686719a/callback" \\
  -H "X-Auth-Token: $HWC_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{
  "lifecycle_action_result": "ABANDON",
  "lifecycle_action_key": "23880867-6288-4470-98a8-f8bda096b6c4"
}'`);
  });

  it('follows the spec when it changes', async () => {
    const spec = structuredClone(await loadSpec('servicestage', 'en'));
    const entry = operation(spec, 'performComponentInstanceAction');
    entry.operation.requestBody.content['application/json'].examples.default.value = { action: 'restart' };
    spec.components.parameters.InstanceId.schema.example = 'my-instance';
    const { curl, typescript } = samples('servicestage', spec, 'performComponentInstanceAction', 'zh-CN');
    expect(curl.source).toContain('/instances/my-instance/action');
    expect(curl.source).toContain('"action": "restart"');
    expect(curl.source).toContain('# 需要环境变量 HWC_TOKEN');
    expect(typescript.source).toContain("instance_id: 'my-instance'");
    expect(typescript.source).toContain("body: { action: 'restart' }");
    expect(typescript.source).toContain('// 此示例调用本地的 API 模拟服务。');
  });

  it('waits for the job after a ServiceStage action, in both languages', async () => {
    for (const lang of LANGS) {
      const spec = await loadSpec('servicestage', lang);
      const { typescript } = samples('servicestage', spec, 'performComponentInstanceAction', lang);
      expect(typescript.source).toContain(
        "import { createServiceStageClient, waitForJob } from '@hwc-openapi/servicestage';",
      );
      expect(typescript.source).toContain(
        'const { job_id } = await servicestage.performComponentInstanceAction({',
      );
      expect(typescript.source).toContain('const detail = await waitForJob(servicestage, job_id);');
      // Only the action answers with a job.
      const job = samples('servicestage', spec, 'showJobDetail', lang).typescript.source;
      expect(job).not.toContain('waitForJob');
    }
  });

  it('refuses an operation whose request body has no default example', async () => {
    const spec = structuredClone(await loadSpec('servicestage', 'en'));
    const entry = operation(spec, 'performComponentInstanceAction');
    delete entry.operation.requestBody.content['application/json'].examples.default;
    expect(() => operationSamples('servicestage', spec, entry, 'en')).toThrow(/no `default` example/);
  });

  it('escapes curl quoting and TypeScript strings', async () => {
    expect(tsLiteral({ a: "it's", 'b-c': [1, null, true] })).toBe(`{ a: 'it\\'s', 'b-c': [1, null, true] }`);
    const spec = structuredClone(await loadSpec('autoscaling', 'en'));
    operation(spec, 'updateLifecycleHook').operation.requestBody.content[
      'application/json'
    ].examples.default.value = {
      notification_metadata: "it's",
    };
    const { curl } = samples('autoscaling', spec, 'updateLifecycleHook', 'en');
    expect(curl.source).toContain(`"notification_metadata": "it'\\''s"`);
  });
});
