/**
 * Every operation of both specs, every documented status, every named example: reached through the published
 * clients with Prism's `Prefer: code=` / `example=`, and each body validated against its bundled schema.
 */
import { HwcNetworkError } from '@hwc-openapi/autoscaling';
import { describe, expect, it } from 'vitest';
import { type CallResult, validCalls } from './support/clients.js';
import { cover } from './support/coverage.js';
import { rawCall } from './support/raw.js';
import { expectValidBody } from './support/schemas.js';
import { operations, type SpecOperation } from './support/spec.js';

/**
 * 407 Proxy Authentication Required never reaches a fetch-based client: the Fetch standard makes it a network
 * error. Assert that the client reports it as such, then prove the mock's answer with a plain HTTP request.
 */
async function expectProxyAuthRequired(
  op: SpecOperation,
  call: (headers: Record<string, string>) => Promise<CallResult>,
  prefer: string,
): Promise<unknown> {
  await expect(call({ Prefer: prefer })).rejects.toBeInstanceOf(HwcNetworkError);
  const { status, body } = await rawCall(op, { prefer });
  expect(status).toBe(407);
  expectValidBody(op.operationId, 407, body);
  return body;
}

function bodyOf(result: CallResult): unknown {
  return result.response.ok ? result.data : result.error?.body;
}

function codeOf(example: unknown): string | undefined {
  const body = example as { error?: { code?: string }; error_code?: string } | undefined;
  return body?.error?.code ?? body?.error_code;
}

describe.each(operations.map((op) => [op.operationId, op] as const))('%s', (operationId, op) => {
  const call = validCalls[operationId];
  if (!call) throw new Error(`No call for ${operationId}`);
  const success = op.responses.filter((r) => r.status.startsWith('2'));

  it.each(success.map((r) => [r.status, r] as const))(
    'answers the documented success (%s) by default',
    async (status, documented) => {
      const result = await call({});
      expect(result.response.status).toBe(Number(status));
      expect(result.error).toBeUndefined();
      if (documented.schemaPointer) {
        expectValidBody(operationId, status, result.data);
        const first = documented.examples.values().next().value;
        expect(result.data).toEqual(first);
      } else {
        expect(await result.response.clone().text()).toBe('');
      }
      cover(operationId, status);
    },
  );

  const named = op.responses.flatMap((r) =>
    [...r.examples.entries()].map(([name, value]) => [r.status, name, value] as const),
  );
  it.each(named)('answers %s with the named example %s', async (status, name, value) => {
    if (status === '407') {
      expect(await expectProxyAuthRequired(op, call, `code=407, example=${name}`)).toEqual(value);
      cover(operationId, status);
      return;
    }
    const result = await call({ Prefer: `code=${status}, example=${name}` });
    expect(result.response.status).toBe(Number(status));
    const body = bodyOf(result);
    expectValidBody(operationId, status, body);
    expect(body).toEqual(value);
    if (!status.startsWith('2')) {
      expect(result.error?.status).toBe(Number(status));
      expect(result.error?.code).toBe(codeOf(value));
    }
    cover(operationId, status);
  });

  const errors = op.responses.filter((r) => !r.status.startsWith('2'));
  it.each(errors.map((r) => [r.status] as const))('answers %s on Prefer: code=', async (status) => {
    if (status === '407') {
      await expectProxyAuthRequired(op, call, 'code=407');
      cover(operationId, status);
      return;
    }
    const result = await call({ Prefer: `code=${status}` });
    expect(result.response.status).toBe(Number(status));
    expect(result.error?.status).toBe(Number(status));
    expectValidBody(operationId, status, result.error?.body);
    expect(result.error?.code).toMatch(/^(AS\.\d{4}|APIGW\.\d{4}|SVCSTG\.\d{8})$/);
    cover(operationId, status);
  });
});
