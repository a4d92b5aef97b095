import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ServiceErrors } from './service-errors.js';
import type { ServiceName } from './types.js';

export type OpenApiDocument = Record<string, unknown>;

/** A bundled document of `@hwc-openapi/spec` with its routes, validators and error bodies. */
export interface LoadedDocument {
  readonly document: OpenApiDocument;
  readonly errors: ServiceErrors;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, LoadedDocument>();

/**
 * Reads a bundled document through the `@hwc-openapi/spec` package exports (`emulator`: the control plane's)
 * and compiles its validators, once per process: they never change, and every mock of the service shares them.
 */
export function loadDocument(name: ServiceName | 'emulator'): LoadedDocument {
  let found = loaded.get(name);
  if (!found) {
    // The control plane's state schemas are large and a test may never call them; its errors name the field.
    const control = name === 'emulator';
    const document = JSON.parse(
      readFileSync(require.resolve(`@hwc-openapi/spec/${name}.json`), 'utf8'),
    ) as OpenApiDocument;
    found = {
      document,
      errors: new ServiceErrors(document, control ? { lazy: true, fieldMessages: true } : {}),
    };
    loaded.set(name, found);
  }
  return found;
}
