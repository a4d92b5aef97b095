import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EmulatorState } from './generated/emulator.js';
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
 * The example world of a service: the state, in the format of `GET /_emulator/state`, that holds every object the
 * service's documented examples name, so that each example request succeeds on it. The spec package derives it
 * from the examples at build time. A fresh copy each call.
 */
export function exampleWorld(service: ServiceName): EmulatorState {
  return JSON.parse(readFileSync(require.resolve(`@hwc-openapi/spec/${service}.example-world.json`), 'utf8'));
}

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
