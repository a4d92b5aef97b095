// scripts/redocly.mjs runs the Redocly CLI without its "Node.js 20 support is ending" box, and hides nothing else:
// a real lint error is still printed, with the failing exit code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withoutNodeBanner } from '../scripts/redocly.mjs';

const wrapper = fileURLToPath(new URL('../scripts/redocly.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const run = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [wrapper, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { status, output: `${stdout}${stderr}` };
};

const BOX = [
  '',
  '    ╔═══════════════╗',
  '    ║  Deprecation warning: Node.js 20 support is ending  ║',
  '    ║  You are using Node.js v20.20.2.  ║',
  '    ╚═══════════════╝',
  '',
];

describe('withoutNodeBanner', () => {
  it('drops the Node.js 20 box and its padding, and keeps every other line and box', () => {
    const other = ['╔══╗', '║ another notice ║', '╚══╝'];
    const text = ['before', ...BOX, 'validating x...', ...other, 'after'].join('\n');
    expect(withoutNodeBanner(text)).toBe(['before', 'validating x...', ...other, 'after'].join('\n'));
  });
});

// Each run starts the Redocly CLI: seconds alone, more when turbo runs every package at once on two cores.
describe('scripts/redocly.mjs', { timeout: 120_000 }, () => {
  it('shows a real lint error and fails with it', () => {
    const { status, output } = run('lint', 'test/fixtures/redocly-lint/broken.yaml');
    expect(status).toBe(1);
    expect(output).toContain('The field `description` must be present on this level.');
    expect(output).toMatch(/Validation failed with \d+ errors?/);
    expect(output).not.toContain('Node.js 20');
  });

  it('lints the documents without the banner', () => {
    const { status, output } = run('lint', '--config', 'redocly.yaml');
    expect(status).toBe(0);
    expect(output).toContain('Your API descriptions are valid');
    expect(output).not.toContain('Node.js 20');
    expect(output).not.toContain('╔');
  });
});
