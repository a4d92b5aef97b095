// Drift check between a bundled English document and a translation overlay (OpenAPI Overlay 1.0).
//
// `redocly bundle --overlay` applies overlays to the *bundled* document, and an action whose target selects nothing
// is silently skipped. This check makes the two languages fail loudly instead:
//   - missing:  a translatable text of the English bundle (every `description`, `summary` and `title`, and a
//               `x-displayName` for every tag) that no overlay action translates;
//   - dangling: an action whose `target` selects nothing, or whose `update` reaches a node or a text that the English
//               bundle does not have (applying it would invent content);
//   - invalid:  anything that is not a pure translation: `remove`/`copy` actions, arrays (the overlay appends them),
//               non-text keys, a text translated twice;
//   - outdated: (warning) the English text under an action changed since it was translated: its
//               `x-hwc-source-hash` no longer matches. Update the Chinese, then run with `--update-hashes`.
//
// Usage: node scripts/check-overlays.mjs <english-bundle.json|yaml> <overlay.yaml> [--update-hashes]
// Exit code 1 on missing, dangling or invalid entries.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, parse as parseYaml } from 'yaml';

/** Keys whose string value is prose to translate. */
export const TEXT_KEYS = ['description', 'summary', 'title'];
/** The key a tag's translated name goes in (Redoc shows it instead of the tag name; anchors keep the name). */
export const TAG_NAME_KEY = 'x-displayName';
export const HASH_KEY = 'x-hwc-source-hash';

/** Values that are data, not prose: example payloads, defaults, enums, constants, vendor extensions. */
function isDataKey(key, parentKey) {
  if (typeof key !== 'string') return false;
  if (key.startsWith('x-')) return true;
  if (key === 'example' || key === 'enum' || key === 'const') return true;
  if (key === 'value' && parentKey !== 'properties') return true; // the payload of an Example Object
  if (key === 'default')
    return parentKey !== 'responses' && parentKey !== 'examples' && parentKey !== 'properties';
  return false;
}

/**
 * Every translatable text of a bundled document, as `{ path, text }` (path = array of keys).
 * Tags get a virtual entry for their display name, whose English text is the tag name.
 */
export function translatableTexts(doc) {
  const out = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const parentKey = path[path.length - 1];
    for (const [key, value] of Object.entries(node)) {
      if (TEXT_KEYS.includes(key) && typeof value === 'string')
        out.push({ path: [...path, key], text: value });
      else if (!isDataKey(key, parentKey)) walk(value, [...path, key]);
    }
  };
  walk(doc, []);
  (Array.isArray(doc.tags) ? doc.tags : []).forEach((tag, i) => {
    out.push({ path: ['tags', i, TAG_NAME_KEY], text: tag.name });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// A JSONPath (RFC 9535) subset: $ root, .name, ['name'] / ["name"], [index], [*] / .*, and equality filters on a
// child member, [?@.key=='value'] or [?(@.key=="value")]. Anything else is rejected, so that no target is evaluated
// differently here and in Redocly.

const IDENT = /^[A-Za-z_$][\w$-]*/;

function readQuoted(src, i) {
  const quote = src[i];
  let out = '';
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\') {
      const next = src[j + 1];
      const escapes = {
        n: '\n',
        t: '\t',
        r: '\r',
        b: '\b',
        f: '\f',
        '/': '/',
        '\\': '\\',
        "'": "'",
        '"': '"',
      };
      if (next === 'u') {
        out += String.fromCharCode(Number.parseInt(src.slice(j + 2, j + 6), 16));
        j += 6;
        continue;
      }
      if (!(next in escapes)) throw new Error(`bad escape \\${next}`);
      out += escapes[next];
      j += 2;
      continue;
    }
    out += src[j];
    j += 1;
  }
  if (src[j] !== quote) throw new Error('unterminated string');
  return { value: out, end: j + 1 };
}

/** Parses a JSONPath of the supported subset into segments. Throws on anything else. */
export function parseJsonPath(expr) {
  if (typeof expr !== 'string' || expr[0] !== '$') throw new Error(`JSONPath must start with $: ${expr}`);
  const segments = [];
  let i = 1;
  const fail = (why) => {
    throw new Error(`unsupported JSONPath (${why}) at offset ${i}: ${expr}`);
  };
  while (i < expr.length) {
    if (expr.startsWith('..', i)) fail('descendant segments are not supported');
    if (expr[i] === '.') {
      i += 1;
      if (expr[i] === '*') {
        segments.push({ type: 'wildcard' });
        i += 1;
        continue;
      }
      const m = IDENT.exec(expr.slice(i));
      if (!m) fail('expected a member name');
      segments.push({ type: 'name', name: m[0] });
      i += m[0].length;
      continue;
    }
    if (expr[i] !== '[') fail('expected . or [');
    i += 1;
    while (expr[i] === ' ') i += 1;
    if (expr[i] === "'" || expr[i] === '"') {
      const { value, end } = readQuoted(expr, i);
      segments.push({ type: 'name', name: value });
      i = end;
    } else if (expr[i] === '*') {
      segments.push({ type: 'wildcard' });
      i += 1;
    } else if (/[-0-9]/.test(expr[i])) {
      const m = /^-?\d+/.exec(expr.slice(i));
      if (!m) fail('bad index');
      segments.push({ type: 'index', index: Number(m[0]) });
      i += m[0].length;
    } else if (expr[i] === '?') {
      i += 1;
      while (expr[i] === ' ') i += 1;
      const paren = expr[i] === '(';
      if (paren) i += 1;
      const m = /^@\.([A-Za-z_$][\w$-]*)\s*==\s*/.exec(expr.slice(i));
      if (!m) fail("only filters of the form ?@.key=='value' are supported");
      i += m[0].length;
      if (expr[i] !== "'" && expr[i] !== '"') fail('filter value must be a string literal');
      const { value, end } = readQuoted(expr, i);
      i = end;
      while (expr[i] === ' ') i += 1;
      if (paren) {
        if (expr[i] !== ')') fail('expected )');
        i += 1;
      }
      segments.push({ type: 'filter', key: m[1], value });
    } else {
      fail('unexpected character');
    }
    while (expr[i] === ' ') i += 1;
    if (expr[i] !== ']') fail('expected ]');
    i += 1;
  }
  return segments;
}

/** Evaluates a JSONPath of the supported subset: `[{ path, node }]`, path = array of keys from the root. */
export function queryJsonPath(doc, expr) {
  let current = [{ path: [], node: doc }];
  for (const seg of parseJsonPath(expr)) {
    const next = [];
    for (const { path, node } of current) {
      if (!node || typeof node !== 'object') continue;
      if (seg.type === 'name') {
        if (!Array.isArray(node) && Object.hasOwn(node, seg.name))
          next.push({ path: [...path, seg.name], node: node[seg.name] });
      } else if (seg.type === 'index') {
        if (Array.isArray(node)) {
          const i = seg.index < 0 ? node.length + seg.index : seg.index;
          if (i >= 0 && i < node.length) next.push({ path: [...path, i], node: node[i] });
        }
      } else {
        const entries = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
        for (const [key, value] of entries) {
          if (seg.type === 'filter' && !(value && typeof value === 'object' && value[seg.key] === seg.value))
            continue;
          next.push({ path: [...path, key], node: value });
        }
      }
    }
    current = next;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------------

/** A readable JSON Pointer-like form of a path, e.g. /paths/~1v2~1{id}/get/summary. */
export function formatPath(path) {
  return `/${path.map((k) => String(k).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

function get(doc, path) {
  let node = doc;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Hash of the English texts an action translates, so that a later change of the English is noticed. */
export function sourceHash(texts) {
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex').slice(0, 12);
}

/**
 * Checks an overlay against the English bundle.
 * @returns {{ missing: string[], dangling: string[], invalid: string[], outdated: {action: number, target: string, expected: string, actual: string|undefined}[], covered: {path: (string|number)[], text: string}[] }}
 *   `covered` lists every text the overlay sets, with the translation, for checking that it was applied.
 */
export function checkOverlay(english, overlay) {
  const missing = [];
  const dangling = [];
  const invalid = [];
  const outdated = [];
  const covered = [];
  const seen = new Map();

  if (!overlay || typeof overlay.overlay !== 'string' || !/^1\.0\.\d+$/.test(overlay.overlay)) {
    invalid.push('not an Overlay 1.0 document (`overlay: 1.0.0` expected)');
  }
  const actions = Array.isArray(overlay?.actions) ? overlay.actions : [];
  if (!Array.isArray(overlay?.actions)) invalid.push('the overlay has no `actions` list');

  actions.forEach((action, index) => {
    const where = `action #${index + 1} (${action?.target ?? 'no target'})`;
    if (!action || typeof action !== 'object') {
      invalid.push(`${where}: not an object`);
      return;
    }
    if (action.remove !== undefined || action.copy !== undefined) {
      invalid.push(`${where}: a translation overlay only updates texts (no remove, no copy)`);
      return;
    }
    if (action.update === undefined) {
      invalid.push(`${where}: no update`);
      return;
    }
    let matches;
    try {
      matches = queryJsonPath(english, action.target);
    } catch (error) {
      invalid.push(`${where}: ${error.message}`);
      return;
    }
    if (matches.length === 0) {
      dangling.push(`${where}: the target selects nothing in the English document`);
      return;
    }
    const sources = [];
    for (const match of matches) {
      // Walk the update alongside the English node it will be merged into.
      const visit = (update, path, englishNode) => {
        const last = path[path.length - 1];
        if (typeof update === 'string') {
          const isTagName = last === TAG_NAME_KEY && path.length === 3 && path[0] === 'tags';
          if (!TEXT_KEYS.includes(last) && !isTagName) {
            invalid.push(
              `${where}: ${formatPath(path)} is not a text (only ${TEXT_KEYS.join(', ')} and a tag's ${TAG_NAME_KEY})`,
            );
            return;
          }
          const source = isTagName ? get(english, [...path.slice(0, -1), 'name']) : englishNode;
          if (typeof source !== 'string') {
            dangling.push(`${where}: ${formatPath(path)} has no English text to translate`);
            return;
          }
          const key = formatPath(path);
          if (seen.has(key)) {
            invalid.push(`${where}: ${key} is already translated by action #${seen.get(key) + 1}`);
            return;
          }
          seen.set(key, index);
          if (update.trim() === '') invalid.push(`${where}: ${key} is empty`);
          covered.push({ path, text: update });
          sources.push(source);
          return;
        }
        if (Array.isArray(update)) {
          invalid.push(
            `${where}: ${formatPath(path)} is an array (the overlay would append it); target the element instead`,
          );
          return;
        }
        if (!update || typeof update !== 'object') {
          invalid.push(`${where}: ${formatPath(path)} must be a text or a map of texts`);
          return;
        }
        if (!englishNode || typeof englishNode !== 'object') {
          dangling.push(`${where}: ${formatPath(path)} does not exist in the English document`);
          return;
        }
        for (const [key, value] of Object.entries(update)) {
          visit(value, [...path, key], Array.isArray(englishNode) ? undefined : englishNode[key]);
        }
      };
      visit(action.update, match.path, match.node);
    }
    const expected = sourceHash(sources);
    const actual = action[HASH_KEY];
    if (actual !== expected) outdated.push({ action: index, target: action.target, expected, actual });
  });

  for (const { path } of translatableTexts(english)) {
    if (!seen.has(formatPath(path))) missing.push(formatPath(path));
  }
  return { missing, dangling, invalid, outdated, covered };
}

/** Every covered text whose value in the translated bundle is not the overlay's (the overlay was not applied). */
export function unappliedTranslations(translated, covered) {
  return covered
    .filter(({ path, text }) => get(translated, path) !== text)
    .map(({ path }) => formatPath(path));
}

/** A printable report; `ok` is false when the build must fail. */
export function formatReport(result, label = 'overlay') {
  const lines = [];
  const section = (title, items) => {
    if (items.length === 0) return;
    lines.push(`${label}: ${title} (${items.length}):`);
    for (const item of items) lines.push(`  - ${item}`);
  };
  section('English texts without a translation', result.missing);
  section('dangling actions (their target no longer exists in the English document)', result.dangling);
  section('invalid actions', result.invalid);
  section(
    `outdated translations (the English changed; update the text, then run check-overlays.mjs --update-hashes)`,
    result.outdated.map(
      (o) =>
        `action #${o.action + 1} (${o.target}): ${HASH_KEY} ${o.actual ?? '(none)'}, English now ${o.expected}`,
    ),
  );
  const ok = result.missing.length === 0 && result.dangling.length === 0 && result.invalid.length === 0;
  return { ok, text: lines.join('\n') };
}

export function loadDocument(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

/** Rewrites the `x-hwc-source-hash` of every action to the hash of its current English sources. */
export function updateHashes(englishFile, overlayFile) {
  const english = loadDocument(englishFile);
  const source = readFileSync(overlayFile, 'utf8');
  const doc = parseDocument(source);
  const result = checkOverlay(english, doc.toJS());
  for (const { action, expected } of result.outdated) doc.setIn(['actions', action, HASH_KEY], expected);
  if (result.outdated.length > 0) writeFileSync(overlayFile, doc.toString({ lineWidth: 0 }));
  return result.outdated.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [englishFile, overlayFile, flag] = process.argv.slice(2);
  if (!englishFile || !overlayFile) {
    console.error('usage: node scripts/check-overlays.mjs <english-bundle> <overlay.yaml> [--update-hashes]');
    process.exit(2);
  }
  if (flag === '--update-hashes') {
    console.log(`${overlayFile}: ${updateHashes(englishFile, overlayFile)} source hash(es) updated`);
  }
  const report = formatReport(
    checkOverlay(loadDocument(englishFile), loadDocument(overlayFile)),
    overlayFile,
  );
  if (report.text) console.error(report.text);
  process.exit(report.ok ? 0 : 1);
}
