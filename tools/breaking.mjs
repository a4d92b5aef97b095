// The breaking-change gate: compares each bundled document in spec/dist with the last released one (`redocly diff`,
// rules of `diff-recommended`, configured in spec/redocly.yaml) and fails when a breaking change comes without a
// major changeset, naming each change in plain words.
//
// The last released documents, first found of:
//   1. the published @hwc-openapi/spec (`npm view`/`npm pack` on the registry npm is configured to use for the
//      @hwc-openapi scope, e.g. `npm_config_@hwc-openapi:registry=http://127.0.0.1:4873/`);
//   2. the newest git tag `@hwc-openapi/spec@<version>` (what `changeset tag` creates), bundled from that tag;
//   3. with no release yet: the merge-base of HEAD and `main` or `origin/main` (on main itself: HEAD, so uncommitted
//      changes are checked), or the first commit when there is neither.
//
//   node tools/breaking.mjs [--base <dir of released .json>] [--revision <dir>] [--changesets <dir>]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import parseChangeset from '@changesets/parse';

const repo = resolve(import.meta.dirname, '..');
const DOCUMENTS = ['autoscaling', 'servicestage', 'emulator'];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

const sh = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
/** The spec package's Redocly launcher: it drops Redocly's Node 20 banner, so stdout is the command's own. */
const redocly = (args, opts) => sh(process.execPath, [join(repo, 'spec/scripts/redocly.mjs'), ...args], opts);

function publishedBase(dir) {
  let version;
  try {
    version = sh('npm', ['view', '@hwc-openapi/spec', 'version'], { cwd: repo, timeout: 30_000 }).trim();
  } catch {
    return undefined; // not published (E404) or no registry reachable
  }
  if (!version) return undefined;
  sh('npm', ['pack', `@hwc-openapi/spec@${version}`, '--pack-destination', dir], {
    cwd: repo,
    timeout: 60_000,
  });
  sh('tar', ['-xzf', join(dir, `hwc-openapi-spec-${version}.tgz`), '-C', dir]);
  return { dir: join(dir, 'package/dist'), label: `@hwc-openapi/spec@${version} from the registry` };
}

function gitBaseRef() {
  const git = (...args) => sh('git', ['-C', repo, ...args]).trim();
  try {
    const tag = git('tag', '--list', '@hwc-openapi/spec@*', '--sort=-v:refname').split('\n')[0];
    if (tag) return { ref: tag, label: `git tag ${tag}` };
    for (const main of ['main', 'origin/main']) {
      try {
        const ref = git('merge-base', 'HEAD', main);
        return { ref, label: `merge-base of HEAD and ${main} (${ref.slice(0, 8)}), no release yet` };
      } catch {}
    }
    const ref = git('rev-list', '--max-parents=0', 'HEAD').split('\n')[0];
    return { ref, label: `first commit (${ref.slice(0, 8)}), no release and no main branch` };
  } catch {
    return undefined; // not a git checkout
  }
}

// Whether spec/ in the work tree is exactly spec/ at `ref` (then the bundles are the same, and bundling is moot).
function specUnchangedSince(ref) {
  try {
    sh('git', ['-C', repo, 'diff', '--quiet', ref, '--', 'spec']);
    return sh('git', ['-C', repo, 'ls-files', '--others', '--exclude-standard', '--', 'spec']).trim() === '';
  } catch {
    return false;
  }
}

// The documents as the spec's own build bundles them, from the spec sources at `ref`.
function bundleAt({ ref, label }, dir) {
  const src = join(dir, 'src');
  mkdirSync(src);
  const archive = execFileSync('git', ['-C', repo, 'archive', ref, 'spec'], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', src], { input: archive });
  const spec = join(src, 'spec');
  const configFile = join(spec, 'redocly.yaml');
  const config = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const out = join(dir, 'dist');
  for (const api of DOCUMENTS) {
    // An API that did not exist at that commit: nothing was released to break. Any other failure is the gate's.
    if (!existsSync(join(spec, api, 'openapi.yaml')) || !new RegExp(`^  ${api}:`, 'm').test(config)) continue;
    try {
      redocly(['bundle', api, '--config', 'redocly.yaml', '-o', join(out, `${api}.json`)], { cwd: spec });
    } catch (error) {
      throw new Error(`breaking: cannot bundle ${api} at the ${label}:\n${error.stderr ?? error.message}`);
    }
  }
  return { dir: out, label };
}

const unescapePointer = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Where a change is, in words: the operation, the part of it, and the field. */
function describeLocation(pointer, doc) {
  const parts = pointer.replace(/^#\//, '').split('/').map(unescapePointer);
  if (parts[0] !== 'paths' || !METHODS.has(parts[2])) return { operation: pointer, field: '' };
  const [, path, method, ...rest] = parts;
  const operationId = doc?.paths?.[path]?.[method]?.operationId;
  const operation = `${method.toUpperCase()} ${path}${operationId ? ` (${operationId})` : ''}`;
  let where = '';
  let i = 0;
  if (rest[0] === 'requestBody') {
    where = 'request body';
  } else if (rest[0] === 'responses') {
    where = `response ${rest[1]}`;
  } else if (rest[0] === 'parameters') {
    const param = doc?.paths?.[path]?.[method]?.parameters?.[Number(rest[1])];
    where = `parameter ${param?.name ?? rest[1]}`;
    i = 2;
  } else if (rest.length > 0) {
    where = rest[0];
  }
  const schemaAt = rest.indexOf('schema');
  if (schemaAt >= 0) i = schemaAt + 1;
  const field = [];
  for (; i < rest.length; i++) {
    if (rest[i] === 'properties') field.push(rest[++i]);
    else if (rest[i] === 'items') field.push('[]');
    else if (rest[i] === 'additionalProperties') field.push('*');
  }
  return {
    operation,
    field: [where, field.length > 0 ? `field ${field.join('.').replace(/\.\[\]/g, '[]')}` : '']
      .filter(Boolean)
      .join(', '),
  };
}

/** The breaking (major) changes from `base` to `revision`, one entry per rule verdict. */
function breakingChanges(base, revision) {
  let stdout;
  try {
    stdout = redocly([
      'diff',
      base,
      revision,
      '--config',
      join(repo, 'spec/redocly.yaml'),
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
  } catch (e) {
    throw new Error(`redocly diff ${base} ${revision} failed:\n${e.stderr ?? e.message}`);
  }
  const report = JSON.parse(stdout);
  const doc = JSON.parse(readFileSync(revision, 'utf8'));
  const before = JSON.parse(readFileSync(base, 'utf8'));
  const changes = [];
  for (const change of report.changes ?? []) {
    if (change.impact !== 'major') continue;
    const where = describeLocation(change.path, change.kind === 'removed' ? before : doc);
    const verdicts = change.verdicts?.filter((v) => v.impact === 'major') ?? [];
    if (verdicts.length === 0)
      verdicts.push({ ruleId: change.kind, message: `${change.typeName ?? 'item'} ${change.kind}` });
    for (const v of verdicts) changes.push({ ...where, change: v.message, rule: v.ruleId });
  }
  return changes;
}

/** Changesets (`.changeset/*.md`) that bump one of the published packages by a major version. */
function majorChangesets(dir) {
  if (!existsSync(dir)) return [];
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const published = new Set(config.fixed.flat());
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .filter((f) =>
      parseChangeset(readFileSync(join(dir, f), 'utf8')).releases.some(
        (r) => published.has(r.name) && r.type === 'major',
      ),
    );
}

function main() {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, revision: { type: 'string' }, changesets: { type: 'string' } },
  });
  const revisionDir = resolve(values.revision ?? join(repo, 'spec/dist'));
  const changesetDir = resolve(values.changesets ?? join(repo, '.changeset'));
  const tmp = mkdtempSync(join(tmpdir(), 'hwc-breaking-'));
  try {
    const published = values.base ? undefined : publishedBase(tmp);
    // The git base is needed only when the registry has no release.
    const ref = values.base || published ? undefined : gitBaseRef();
    if (ref && !values.revision && specUnchangedSince(ref.ref)) {
      console.log(`breaking: spec/ is as at the ${ref.label}: nothing changed`);
      return 0;
    }
    const base = values.base
      ? { dir: resolve(values.base), label: values.base }
      : (published ?? (ref && bundleAt(ref, tmp)));
    if (!base) {
      console.log('breaking: no released documents to compare with (no release, tag or git history)');
      return 0;
    }
    console.log(`breaking: comparing ${relative(repo, revisionDir) || '.'} with ${base.label}`);
    const found = [];
    for (const api of DOCUMENTS) {
      const revision = join(revisionDir, `${api}.json`);
      if (!existsSync(revision)) continue;
      const released = join(base.dir, `${api}.json`);
      if (!existsSync(released)) {
        console.log(`  ${api}: new since the base, nothing to break`);
        continue;
      }
      const changes = breakingChanges(released, revision);
      console.log(`  ${api}: ${changes.length} breaking change(s)`);
      for (const c of changes) found.push({ api, ...c });
    }
    if (found.length === 0) return 0;
    const lines = found.map(
      (c) => `  - ${c.api}: ${c.operation}${c.field ? `, ${c.field}` : ''}: ${c.change} [${c.rule}]`,
    );
    const declared = majorChangesets(changesetDir);
    if (declared.length > 0) {
      console.log(
        `Breaking changes, declared by the major changeset(s) ${declared.join(', ')}:\n${lines.join('\n')}`,
      );
      return 0;
    }
    console.error(
      `Breaking changes without a major changeset (a shared schema's change is shown at the first operation using it):\n${lines.join('\n')}\n` +
        'Keep the old behaviour, or make the break deliberate: `npx pnpm@10 changeset`, choose major for the packages, ' +
        'and say what users must change (see .changeset/README.md).',
    );
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = main();
