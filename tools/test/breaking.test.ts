// The breaking-change gate on fixtures: each is the bundled AS document with one edit, compared with the document
// as built. Each breaking edit must fail the gate and be named in plain words; a compatible one must pass it, and
// a major changeset must let a breaking one through.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const released = JSON.parse(readFileSync(join(repo, 'spec/dist/autoscaling.json'), 'utf8'));
type Doc = typeof released;
const CREATE = 'POST /autoscaling-api/v1/{project_id}/scaling_lifecycle_hook/{scaling_group_id}';

const FIXTURES: Record<string, { edit: (d: Doc) => void; breaking: string[] }> = {
  'remove a response field': {
    edit: (d) => {
      const hook = d.components.schemas.LifecycleHook;
      delete hook.properties.notification_topic_name;
      hook.required = hook.required.filter((f: string) => f !== 'notification_topic_name');
    },
    breaking: ['`notification_topic_name`'],
  },
  'make an optional request field required': {
    edit: (d) => {
      d.components.schemas.LifecycleHookCreate.required.push('default_timeout');
    },
    breaking: [
      `${CREATE} (createLifecycleHook), request body: Properties of \`LifecycleHookCreate\` became required: \`default_timeout\``,
    ],
  },
  'narrow an enum': {
    edit: (d) => {
      const result = d.components.schemas.LifecycleActionResult;
      result.enum = result.enum.filter((v: string) => v !== 'EXTEND');
    },
    breaking: ['request body, field lifecycle_action_result', "lost values: 'EXTEND'"],
  },
  'remove an optional field from a request schema that forbids extra properties': {
    edit: (d) => {
      expect(d.components.schemas.LifecycleHookCreate.additionalProperties).toBe(false);
      delete d.components.schemas.LifecycleHookCreate.properties.notification_metadata;
    },
    breaking: [`${CREATE} (createLifecycleHook), request body, field notification_metadata`, 'was removed'],
  },
  'add an optional response field': {
    edit: (d) => {
      d.components.schemas.LifecycleHook.properties.scaling_group_name = {
        type: 'string',
        description: 'The group.',
      };
    },
    breaking: [],
  },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hwc-breaking-test-'));
  mkdirSync(join(dir, 'base'));
  writeFileSync(join(dir, 'base/autoscaling.json'), JSON.stringify(released));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gate(name: string, edit: (d: Doc) => void, changeset?: string) {
  const slug = name.replace(/\W+/g, '-');
  const revision = join(dir, slug);
  mkdirSync(revision, { recursive: true });
  const doc = structuredClone(released);
  edit(doc);
  writeFileSync(join(revision, 'autoscaling.json'), JSON.stringify(doc));
  const changesets = join(dir, `changesets-${slug}`);
  mkdirSync(changesets, { recursive: true });
  writeFileSync(join(changesets, 'config.json'), readFileSync(join(repo, '.changeset/config.json')));
  if (changeset) writeFileSync(join(changesets, 'break.md'), changeset);
  const args = [
    'breaking.mjs',
    '--base',
    join(dir, 'base'),
    '--revision',
    revision,
    '--changesets',
    changesets,
  ];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: join(repo, 'tools') });
    return { code: 0, output: stdout };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, output: `${stdout}${stderr}` };
  }
}

// Each case runs redocly once or twice (about a second each, more under load).
describe.concurrent('the breaking-change gate', { timeout: 60_000 }, () => {
  for (const [name, { edit, breaking }] of Object.entries(FIXTURES)) {
    it(`${breaking.length > 0 ? 'fails' : 'passes'}: ${name}`, async () => {
      const { code, output } = await gate(name, edit);
      if (breaking.length === 0) {
        expect(output).toContain('autoscaling: 0 breaking change(s)');
        expect(code).toBe(0);
      } else {
        expect(output).toContain('Breaking changes without a major changeset');
        for (const words of breaking) expect(output).toContain(words);
        expect(code).toBe(1);
      }
    });
  }

  it('lets a breaking change through with a major changeset, and not with a minor one', async () => {
    const { edit } = FIXTURES['narrow an enum'];
    const minor = await gate('minor', edit, '---\n"@hwc-openapi/spec": minor\n---\n\nNo more EXTEND.\n');
    expect(minor.output).toContain('Breaking changes without a major changeset');
    expect(minor.code).toBe(1);
    const major = await gate(
      'major',
      edit,
      "---\n'@hwc-openapi/autoscaling': major\n---\n\nNo more EXTEND.\n",
    );
    expect(major.output).toContain('declared by the major changeset(s) break.md');
    expect(major.code).toBe(0);
  });
});
