// Bundles each API of redocly.yaml into dist/<api>.yaml and dist/<api>.json.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const apis = ['autoscaling', 'servicestage'];
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

rmSync('dist', { recursive: true, force: true });
for (const api of apis) {
  for (const ext of ['yaml', 'json']) {
    execFileSync('redocly', ['bundle', api, '--config', 'redocly.yaml', '-o', `dist/${api}.${ext}`], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}
