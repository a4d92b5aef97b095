// Bundles each API of redocly.yaml into dist/<api>.yaml and dist/<api>.json, then (but for the emulator's control
// plane, which is English only) its Simplified Chinese edition
// into dist/<api>.zh-CN.yaml and .json: the English bundle with <api>/overlays/zh-CN.yaml applied
// (`redocly bundle --overlay`). Before that, scripts/check-overlays.mjs checks the overlay against the English bundle
// and the build fails on an untranslated text or an action whose target no longer exists.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { checkOverlay, formatReport, loadDocument, unappliedTranslations } from './check-overlays.mjs';

const apis = ['autoscaling', 'servicestage', 'emulator'];
// The emulator's control plane is our own tool, documented in English only (README).
const translated = ['autoscaling', 'servicestage'];
const languages = ['zh-CN'];
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

const redocly = (args) => execFileSync('redocly', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });

rmSync('dist', { recursive: true, force: true });
for (const api of apis) {
  for (const ext of ['yaml', 'json']) {
    redocly(['bundle', api, '--config', 'redocly.yaml', '-o', `dist/${api}.${ext}`]);
  }
}

let failed = false;
for (const api of translated) {
  const english = JSON.parse(readFileSync(`dist/${api}.json`, 'utf8'));
  for (const lang of languages) {
    const overlayFile = `${api}/overlays/${lang}.yaml`;
    const result = checkOverlay(english, loadDocument(overlayFile));
    const report = formatReport(result, overlayFile);
    if (report.text) console.error(report.text);
    if (!report.ok) {
      failed = true;
      continue;
    }
    for (const ext of ['yaml', 'json']) {
      redocly([
        'bundle',
        api,
        '--config',
        'redocly.yaml',
        '--overlay',
        overlayFile,
        '-o',
        `dist/${api}.${lang}.${ext}`,
      ]);
    }
    // The overlay was checked with this script's JSONPath evaluator and applied with Redocly's: make sure they agree.
    const unapplied = unappliedTranslations(
      JSON.parse(readFileSync(`dist/${api}.${lang}.json`, 'utf8')),
      result.covered,
    );
    if (unapplied.length > 0) {
      console.error(
        `${overlayFile}: ${unapplied.length} translation(s) not applied by redocly:\n  - ${unapplied.join('\n  - ')}`,
      );
      failed = true;
    } else {
      console.log(`${overlayFile}: ${result.covered.length} texts translated, none missing`);
    }
  }
}
if (failed) {
  console.error(
    '\nThe translations are out of step with the English documents; see packages/docs/README.md, "Translations".',
  );
  process.exit(1);
}
