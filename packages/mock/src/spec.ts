import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ServiceName } from './types.js';

export type OpenApiDocument = Record<string, unknown>;

export interface BundledSpec {
  /** Absolute path of the bundled JSON document. */
  readonly path: string;
  readonly document: OpenApiDocument;
}

const require = createRequire(import.meta.url);

/** Reads the bundled document of a service through the `@hwc-openapi/spec` package exports. */
export function loadBundledSpec(service: ServiceName): BundledSpec {
  const path = require.resolve(`@hwc-openapi/spec/${service}.json`);
  const document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  return { path, document };
}
