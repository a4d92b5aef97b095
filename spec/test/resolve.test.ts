import { expect, it } from 'vitest';
import { resolveRef } from '../lib/resolve.js';

const doc = {
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { type: 'string' },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
  },
  paths: { '/v1/{id}': { get: { summary: 'x' } } },
};

it('follows chains of local references and leaves other values alone', () => {
  expect(resolveRef(doc, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
  expect(resolveRef(doc, { type: 'integer' })).toEqual({ type: 'integer' });
  expect(resolveRef(doc, 3)).toBe(3);
});

it('decodes ~1, ~0 and percent-encoding in pointer segments', () => {
  expect(resolveRef(doc, { $ref: '#/paths/~1v1~1{id}/get' })).toEqual({ summary: 'x' });
  expect(resolveRef(doc, { $ref: '#/paths/~1v1~1%7Bid%7D/get' })).toEqual({ summary: 'x' });
});

it('rejects references that are not local, resolve to nothing, or loop', () => {
  expect(() => resolveRef(doc, { $ref: 'other.yaml#/x' })).toThrow(/Only local/);
  expect(() => resolveRef(doc, { $ref: '#/components/schemas/Nope' })).toThrow(/Unresolved/);
  expect(() => resolveRef(doc, { $ref: '#/components/schemas/Loop' })).toThrow(/Circular/);
});
