// The README's migration table names every operation with its official SDK method, as the spec does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

it('lists every x-hwc-sdk-method of the spec beside its method and path', () => {
  const spec = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@hwc-openapi/spec/autoscaling.json'), 'utf8'),
  );
  // Padding inside table cells is the formatter's business.
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/[ \t]+/g, ' ');
  const rows = Object.entries(
    spec.paths as Record<string, Record<string, { 'x-hwc-sdk-method'?: string }>>,
  ).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op['x-hwc-sdk-method'])
      .map(([method, op]) => `| \`${op['x-hwc-sdk-method']}\` | \`${method.toUpperCase()} ${path}\` |`),
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(readme).toContain(row);
});
