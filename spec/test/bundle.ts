// Test helpers: read a bundled document and resolve its local references.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { resolveRef as deref } from '../lib/resolve.js';

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is untyped JSON.
export type Json = any;

/** Follows `#/…` references until a node that is not one (the spec package's own resolver). */
export { deref };

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export function loadBundle(api: 'autoscaling' | 'servicestage' | 'emulator'): Json {
  return JSON.parse(readFileSync(new URL(`../dist/${api}.json`, import.meta.url), 'utf8'));
}

/** Every operation of the document, with its method, path and resolved parts. */
export function operations(doc: Json) {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as Json })),
  );
}

export function operation(doc: Json, operationId: string) {
  const found = operations(doc).find((o) => o.operation.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId}`);
  const op = found.operation;
  const item = doc.paths[found.path];
  const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p));
  return {
    ...found,
    param: (name: string) => parameters.find((p: Json) => p.name === name),
    parameters,
    body: op.requestBody ? deref(doc, op.requestBody) : undefined,
    bodySchema: op.requestBody
      ? deref(doc, deref(doc, op.requestBody).content['application/json'].schema)
      : undefined,
    response: (status: string) => deref(doc, op.responses[status]),
    responseSchema: (status: string) =>
      deref(doc, deref(doc, op.responses[status]).content['application/json'].schema),
    example: (status: string, name = 'default') =>
      deref(doc, deref(doc, op.responses[status]).content['application/json'].examples[name]).value,
    requestExample: (name = 'default') =>
      deref(doc, deref(doc, op.requestBody).content['application/json'].examples[name]).value,
  };
}

/** A draft-07 validator, as Prism uses for 3.1 schemas without `$schema`, over the whole document. */
export function validator(doc: Json) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: 'doc' }, 'doc');
  return (schemaRef: string) => {
    const validate = ajv.getSchema(`doc${schemaRef}`);
    if (!validate) throw new Error(`No schema ${schemaRef}`);
    return (value: unknown) => validate(value) as boolean;
  };
}
