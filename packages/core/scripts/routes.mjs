#!/usr/bin/env node
// Build step of the service packages: writes the method and path of every operation of a bundled OpenAPI document,
// keyed by operationId, for createHwcClient to turn into operation methods. The operation methods' types come from
// openapi-typescript's `operations`; `satisfies` makes the two lists agree.
// Usage: node routes.mjs <bundled spec.json> <out.ts>
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `[operationId, METHOD, path]` for every operation; throws for what the flat arguments cannot express. */
export function routesOf(doc) {
  const routes = [];
  const resolve = (p) =>
    p.$ref
      ? p.$ref
          .split('/')
          .slice(1)
          .reduce((o, k) => o[k], doc)
      : p;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) throw new Error(`${where} has no operationId`);
      // Operation-level parameters override path-level ones of the same name and location.
      const params = new Map();
      for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve)) {
        params.set(`${param.in}:${param.name}`, param);
      }
      const names = new Set();
      for (const param of params.values()) {
        if (param.in !== 'path' && param.in !== 'query') {
          throw new Error(`${op.operationId}: ${param.in} parameter ${param.name} cannot be an argument`);
        }
        if (param.name === 'body' || names.has(param.name)) {
          throw new Error(`${op.operationId}: parameter ${param.name} would clash in the flat arguments`);
        }
        names.add(param.name);
      }
      routes.push([op.operationId, method.toUpperCase(), path]);
    }
  }
  const ids = routes.map(([id]) => id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`operationId ${duplicate} is used twice`);
  return routes;
}

// Run as a script (the service packages call it through their node_modules symlink), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) {
  const [spec, out] = process.argv.slice(2);
  if (!spec || !out) throw new Error('usage: node routes.mjs <spec.json> <out.ts>');
  const routes = routesOf(JSON.parse(readFileSync(spec, 'utf8')));
  const lines = routes.map(([id, method, path]) => `  ${id}: ['${method}', '${path}'],`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `// Generated from ${basename(spec)} by @hwc-openapi/core/scripts/routes.mjs. Do not edit.
import type { operations } from './schema.js';

/** Method and path of each operation, by operationId. */
export const routes = {
${lines.join('\n')}
} as const satisfies { readonly [K in keyof operations]: readonly [string, string] };
`,
  );
}
