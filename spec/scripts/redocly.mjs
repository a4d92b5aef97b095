#!/usr/bin/env node
// Runs the Redocly CLI (`node scripts/redocly.mjs lint …`) and passes its output and exit code through, without the
// "Deprecation warning: Node.js 20 support is ending" box that Redocly CLI 2.x prints on every run under Node 20.
// The project supports Node 20 on purpose (see the root README), so the box says nothing to act on; every other
// line (lint problems, errors, the bundle summary) is kept.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/**
 * A line filter that drops the Node.js 20 box: the lines from its top border (╔) to its bottom border (╚), and the
 * blank lines around it. A box about anything else is kept as it is. Blank lines are held until the next line shows
 * whether they pad the box; `flush()` returns what is still held at the end.
 */
export function nodeBannerFilter() {
  let blanks = [];
  let box = null;
  let afterBox = false;
  const filter = (line) => {
    if (box !== null) {
      box.push(line);
      if (!line.includes('╚')) return [];
      const lines = box;
      box = null;
      if (lines.some((l) => l.includes('Node.js 20'))) {
        afterBox = true;
        return [];
      }
      return lines;
    }
    if (line.trim() === '') {
      if (afterBox) afterBox = false;
      else blanks.push(line);
      return [];
    }
    afterBox = false;
    const held = blanks;
    blanks = [];
    if (line.includes('╔')) {
      box = [...held, line];
      return [];
    }
    return [...held, line];
  };
  filter.flush = () => [...blanks, ...(box ?? [])];
  return filter;
}

/** The filter applied to a whole text. */
export function withoutNodeBanner(text) {
  const filter = nodeBannerFilter();
  return [...text.split('\n').flatMap(filter), ...filter.flush()].join('\n');
}

/** Pipes a child's stream to ours through the filter, line by line. */
function pipeFiltered(from, to) {
  const filter = nodeBannerFilter();
  let rest = '';
  const write = (lines) => {
    for (const line of lines) to.write(`${line}\n`);
  };
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) write(filter(line));
  });
  return new Promise((resolve) =>
    from.on('end', () => {
      if (rest) write(filter(rest));
      write(filter.flush());
      resolve();
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const done = Promise.all([
    pipeFiltered(child.stdout, process.stdout),
    pipeFiltered(child.stderr, process.stderr),
  ]);
  child.on('close', async (code, signal) => {
    await done;
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
