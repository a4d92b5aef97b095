// Every example in the three documents is free of keys its schema does not declare: the linter validates examples
// against their schemas but lets unknown keys through (see redocly.yaml).
import { describe, expect, it } from 'vitest';
import { deref, type Json, loadBundle, operations } from './bundle.js';

/** The properties a schema declares, its own first, then those of its allOf/anyOf/oneOf branches at any depth. */
function declaredProperties(
  doc: Json,
  schemaNode: Json,
  declared = new Map<string, Json>(),
): Map<string, Json> {
  const schema = deref(doc, schemaNode);
  for (const [k, v] of Object.entries(schema.properties ?? {})) if (!declared.has(k)) declared.set(k, v);
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    declaredProperties(doc, branch, declared);
  }
  return declared;
}

/** Keys of `value` that its schema does not declare, as JSON paths. */
function undeclared(doc: Json, schemaNode: Json, value: Json, path = '$'): string[] {
  const schema = deref(doc, schemaNode);
  if (!schema || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value))
    return value.flatMap((v, i) => (schema.items ? undeclared(doc, schema.items, v, `${path}[${i}]`) : []));
  const declared = declaredProperties(doc, schema);
  if (declared.size === 0) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    declared.has(k) ? undeclared(doc, declared.get(k), v, `${path}.${k}`) : [`${path}.${k}`],
  );
}

for (const api of ['autoscaling', 'servicestage', 'emulator'] as const) {
  const doc = loadBundle(api);
  const cases = operations(doc).flatMap(({ operation }) => {
    const media = [
      ...(operation.requestBody ? [['request', deref(doc, operation.requestBody)] as const] : []),
      ...Object.entries(operation.responses).map(([status, r]) => [status, deref(doc, r)] as const),
    ];
    return media.flatMap(([where, part]) =>
      Object.values(part.content ?? {}).flatMap((m: Json) =>
        Object.entries(m.examples ?? {}).map(([name, example]) => ({
          label: `${operation.operationId} ${where} ${name}`,
          schema: m.schema,
          value: deref(doc, example).value,
        })),
      ),
    );
  });

  describe(`${api} examples`, () => {
    it('has examples to check', () => expect(cases.length).toBeGreaterThan(10));
    it.each(cases.map((c) => [c.label, c] as const))('%s declares only known keys', (_label, c) => {
      expect(undeclared(doc, c.schema, c.value)).toEqual([]);
    });
  });
}

/** Codes named by the x-hwc-* rules of a document. */
function ruleCodes(node: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) ruleCodes(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['x-hwc-error-code', 'x-hwc-missing-error-code', 'x-hwc-validation-error-code'].includes(k)) {
        for (const code of typeof v === 'string' ? [v] : Object.values(v as object)) out.add(code as string);
      } else ruleCodes(v, out);
    }
  }
  return out;
}

describe.each(['autoscaling', 'servicestage', 'emulator'] as const)('%s error rules', (api) => {
  const doc = loadBundle(api);
  const exampleCodes = new Set(
    Object.values(doc.components.examples as Record<string, Json>).map(
      (e) => e.value?.error?.code ?? e.value?.error_code,
    ),
  );
  it('give every code they name an example, the source of its message', () => {
    const codes = [...ruleCodes(doc)];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => !exampleCodes.has(c))).toEqual([]);
  });
});
