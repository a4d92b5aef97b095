/**
 * The documented examples run as written against the default emulator: one case per operation and request-body
 * example, generated from the bundled documents (never listed by hand). Each sends the operation's documented
 * example request (the path, query and header parameter examples, and the body example), as the docs' samples do,
 * and expects the documented 2xx status and an answer valid against the response schema. Every case but the first
 * of each service starts from a fresh example world (PUT /_emulator/state), so that the order of the mutating
 * cases (create, delete, callback, action) does not matter.
 */
import { exampleWorld, type MockServer, startMock } from '@hwc-openapi/mock';
import { resolveRef } from '@hwc-openapi/spec/resolve';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidBody } from './support/schemas.js';
import { documents, operations, type ServiceName } from './support/spec.js';

// biome-ignore lint/suspicious/noExplicitAny: bundled documents are untyped JSON.
type Node = Record<string, any>;

interface ExampleCase {
  readonly operationId: string;
  readonly method: string;
  /** The path with every parameter replaced by its example, and the query string of the query examples. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly exampleName: string | undefined;
  readonly body: unknown;
  readonly status: number;
}

/** The example of a parameter, found as the docs' samples find it: its own, its `default` example, its schema's. */
function parameterExample(document: Node, parameter: Node): unknown {
  const schema = resolveRef(document, parameter.schema) as Node | undefined;
  return (
    parameter.example ??
    (parameter.examples?.default && (resolveRef(document, parameter.examples.default) as Node).value) ??
    schema?.example ??
    schema?.examples?.[0]
  );
}

function casesOf(service: ServiceName): ExampleCase[] {
  const document = documents[service] as Node;
  return operations
    .filter((op) => op.service === service)
    .flatMap((op) => {
      const item = document.paths[op.path] as Node;
      const operation = item[op.method] as Node;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(
        (p: unknown) => resolveRef(document, p) as Node,
      );
      let path = op.path;
      const query = new URLSearchParams();
      const headers: Record<string, string> = {};
      for (const parameter of parameters) {
        const value = parameterExample(document, parameter);
        if (value === undefined) {
          if (parameter.required) throw new Error(`${op.operationId}: ${parameter.name} has no example`);
          continue;
        }
        if (parameter.in === 'path')
          path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
        else if (parameter.in === 'query') query.set(parameter.name, String(value));
        else if (parameter.in === 'header') headers[parameter.name] = String(value);
      }
      const success = op.responses.filter((r) => r.status.startsWith('2'));
      if (success.length !== 1)
        throw new Error(`${op.operationId}: ${success.length} documented 2xx statuses`);
      const media = (resolveRef(document, operation.requestBody) as Node | undefined)?.content?.[
        'application/json'
      ];
      const bodies: [string | undefined, unknown][] = media
        ? Object.entries(media.examples ?? {}).map(([name, e]) => [
            name,
            (resolveRef(document, e) as Node).value,
          ])
        : [[undefined, undefined]];
      if (bodies.length === 0) throw new Error(`${op.operationId}: a request body without an example`);
      const url = `${path}${query.size > 0 ? `?${query}` : ''}`;
      return bodies.map(([exampleName, body]) => ({
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        url,
        headers,
        exampleName,
        body,
        status: Number(success[0]?.status),
      }));
    });
}

describe.each(['autoscaling', 'servicestage'] as const)('the documented %s examples', (service) => {
  const cases = casesOf(service);
  let mock: MockServer;
  let first = true;
  beforeAll(async () => {
    mock = await startMock({ service });
  });
  afterAll(() => mock?.close());

  it('start from the example world by default', async () => {
    const { data } = await mock.control.GET('/_emulator/state');
    expect(data).toEqual(exampleWorld(service));
  });

  it.each(cases)(
    '$method $url ($operationId, body example $exampleName) answers $status',
    async (example) => {
      // The first case runs on the emulator as it started: no set-up call at all.
      if (!first) {
        const { response } = await mock.control.PUT('/_emulator/state', {
          body: exampleWorld(service),
        });
        expect(response.status).toBe(204);
      }
      first = false;
      const response = await fetch(`${mock.url}${example.url}`, {
        method: example.method,
        headers: {
          'x-auth-token': 'example-token',
          ...example.headers,
          ...(example.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(example.body !== undefined && { body: JSON.stringify(example.body) }),
      });
      const text = await response.text();
      expect(response.status, text).toBe(example.status);
      if (text) expectValidBody(example.operationId, example.status, JSON.parse(text));
      else expect(example.status).toBe(204);
    },
  );
});
