type GetBuiltinModule = (id: string) => unknown;
const runtime = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process;

/** Whether the runtime hands out its built-in modules without an import (`process.getBuiltinModule`, Node ≥ 20.16). */
export const hasBuiltins = typeof runtime?.getBuiltinModule === 'function';

/**
 * A Node.js built-in module (`node:crypto`, `node:http`...) where the runtime hands it out without an import, so
 * that bundles for browsers stay free of it; else undefined.
 */
export const builtin = (id: string): unknown => runtime?.getBuiltinModule?.(id);
