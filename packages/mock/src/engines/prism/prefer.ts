/** What a request asks Prism for: a status, a named example, generated bodies. */
export interface Preference {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

const PAIR = /^\s*([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^\s"]*))\s*$/;

/**
 * Prism's `Prefer: code=404, example=Name, dynamic=true, seed=s` (or, without the header, `__code`,
 * `__example`, `__dynamic`, `__seed` query parameters). Undefined when a known preference has a bad value.
 */
export function parsePrefer(
  header: string | string[] | undefined,
  query: Readonly<Record<string, string | string[]>>,
): Preference | undefined {
  const raw: Record<string, string> = {};
  if (header !== undefined) {
    for (const part of (Array.isArray(header) ? header.join(',') : header).split(/[,;]/)) {
      if (part.trim() === '') continue;
      const pair = PAIR.exec(part);
      if (!pair) return undefined;
      raw[(pair[1] as string).toLowerCase()] = pair[2] ?? pair[3] ?? '';
    }
  } else {
    for (const name of ['code', 'example', 'dynamic', 'seed']) {
      const value = query[`__${name}`];
      if (Array.isArray(value)) return undefined;
      if (value !== undefined) raw[name] = value;
    }
  }
  const preference: Preference = {};
  if (raw.code !== undefined) {
    if (!/^[1-5]\d\d$/.test(raw.code)) return undefined;
    preference.code = Number(raw.code);
  }
  if (raw.example !== undefined) {
    if (raw.example === '') return undefined;
    preference.exampleKey = raw.example;
  }
  if (raw.dynamic !== undefined) {
    if (raw.dynamic !== 'true' && raw.dynamic !== 'false') return undefined;
    preference.dynamic = raw.dynamic === 'true';
  }
  if (raw.seed !== undefined) preference.seed = raw.seed;
  return preference;
}
