// Size budget: each client, bundled with core and openapi-fetch, minified and gzipped, as a user's bundler ships it.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_BYTES = 10 * 1024;
let over = false;
for (const pkg of ['@hwc-openapi/autoscaling', '@hwc-openapi/servicestage']) {
  const result = await build({
    stdin: { contents: `export * from '${pkg}';`, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  const bytes = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  const ratio = bytes / BUDGET_BYTES;
  console.log(
    `${pkg} + core + openapi-fetch: ${(bytes / 1024).toFixed(2)} kB min+gz, budget 10.00 kB, ${ratio.toFixed(2)}x`,
  );
  if (ratio > 1) over = true;
}
if (over) {
  console.error('size budget exceeded');
  process.exit(1);
}
