import type { EngineName } from '../types.js';
import type { MockEngine } from './engine.js';
import { prismEngine } from './prism/index.js';

/** The engines the launcher can start, by name. */
export const engines: Readonly<Record<EngineName, MockEngine>> = {
  prism: prismEngine,
};

export const ENGINE_NAMES = Object.keys(engines) as EngineName[];
