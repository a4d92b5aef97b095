// Each client README's migration table names every operation with its official SDK method, as the spec does.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const read = (specifier: string) => readFileSync(fileURLToPath(import.meta.resolve(specifier)), 'utf8');

it.each(['autoscaling', 'servicestage'])(
  '@hwc-openapi/%s lists every x-hwc-sdk-method beside its method and path',
  (api) => {
    const spec = JSON.parse(read(`@hwc-openapi/spec/${api}.json`));
    const packageDir = dirname(fileURLToPath(import.meta.resolve(`@hwc-openapi/${api}/package.json`)));
    // Padding inside table cells is the formatter's business.
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8').replace(/[ \t]+/g, ' ');
    const rows = Object.entries(
      spec.paths as Record<string, Record<string, { 'x-hwc-sdk-method'?: string }>>,
    ).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op['x-hwc-sdk-method'])
        .map(([method, op]) => `| \`${op['x-hwc-sdk-method']}\` | \`${method.toUpperCase()} ${path}\` |`),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(readme).toContain(row);
  },
);
