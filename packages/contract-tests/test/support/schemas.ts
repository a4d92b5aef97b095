import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { documents, operation, response } from './spec.js';

// JSON Schema 2020-12 (OpenAPI 3.1's dialect); OpenAPI's `example` and the `x-hwc-*` keywords are ignored.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addSchema(documents.autoscaling, 'autoscaling');
ajv.addSchema(documents.servicestage, 'servicestage');

const cache = new Map<string, ValidateFunction>();

/** Asserts that `body` is valid against the documented schema of `operationId`'s `status` response. */
export function expectValidBody(operationId: string, status: number | string, body: unknown): void {
  const { service } = operation(operationId);
  const { schemaPointer } = response(operationId, status);
  if (!schemaPointer) throw new Error(`${operationId} ${status} documents no body`);
  const key = `${service}${schemaPointer}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: key });
    cache.set(key, validate);
  }
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${operationId} ${status} body against ${key}`).toEqual([]);
}
