/** Decodes one segment of a JSON Pointer written in a URI fragment (RFC 6901 §6). */
export function decodePointerSegment(segment: string): string;

/** The node a local reference (`#/…`) points at, one hop only. Throws when it is not local or points at nothing. */
export function resolvePointer(document: unknown, ref: string): unknown;

/** Follows `$ref`s from `node` until a node that is not one; any other value comes back as it is. */
// biome-ignore lint/suspicious/noExplicitAny: bundled documents are untyped JSON.
export function resolveRef(document: unknown, node: unknown): any;
