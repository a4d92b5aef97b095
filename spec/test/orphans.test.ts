// Every file of the spec is reachable from a root document: an unreferenced component never reaches the
// bundle, so no linter would ever see it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['autoscaling', 'servicestage', 'emulator', 'common'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

function fileRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) fileRefs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) out.push(v.split('#')[0] as string);
      else fileRefs(v, out);
    }
  }
  return out;
}

export function reachable(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const ref of fileRefs(parse(readFileSync(file, 'utf8')))) queue.push(resolve(dirname(file), ref));
  }
  return seen;
}

it('reaches every spec file from a root document (openapi.yaml, or an overlay)', () => {
  const files = SOURCE_DIRS.flatMap((d) => yamlFiles(join(specDir, d)));
  const roots = files.filter((f) => /\/(openapi\.yaml|overlays\/[^/]+\.yaml)$/.test(f));
  expect(roots.length).toBeGreaterThanOrEqual(3);
  const seen = reachable(roots);
  const orphans = files.filter((f) => !seen.has(f)).map((f) => relative(specDir, f));
  expect(orphans).toEqual([]);
  const dangling = [...seen].filter((f) => !files.includes(f)).map((f) => relative(specDir, f));
  expect(dangling).toEqual([]);
});
