/**
 * A Node.js built-in module (`node:crypto`, `node:http`...) where the runtime hands it out without an import
 * (`process.getBuiltinModule`, Node ≥ 20.16), so that bundles for browsers stay free of it; else undefined.
 */
export const builtin = (id: string): unknown =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    id,
  );
