// Reading the bundled documents: their `$ref`s are local JSON Pointers in a URI fragment (`#/components/...`).

/** Decodes one segment of a JSON Pointer written in a URI fragment (RFC 6901 §6). */
export function decodePointerSegment(segment) {
  return decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The node a local reference (`#/…`) points at, one hop only. Throws when it is not local or points at nothing. */
export function resolvePointer(document, ref) {
  if (!ref.startsWith('#')) throw new Error(`Only local $refs are supported: ${ref}`);
  let node = document;
  for (const segment of ref.slice(1).split('/').slice(1)) {
    node = node !== null && typeof node === 'object' ? node[decodePointerSegment(segment)] : undefined;
    if (node === undefined) throw new Error(`Unresolved $ref: ${ref}`);
  }
  return node;
}

/** Follows `$ref`s from `node` until a node that is not one; any other value comes back as it is. */
export function resolveRef(document, node) {
  const seen = new Set();
  let current = node;
  while (current !== null && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`Circular $ref: ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref);
  }
  return current;
}
