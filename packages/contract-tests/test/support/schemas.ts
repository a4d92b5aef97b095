import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { documents, operation, operationAt, response, type ServiceName } from './spec.js';

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
export function expectValidBody(
  operationId: string,
  status: number | string,
  body: unknown,
  check: typeof expect | typeof expect.soft = expect,
): void {
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
  check(valid ? [] : validate.errors, `${operationId} ${status} body against ${key}`).toEqual([]);
}

/**
 * A fetch that validates every response against the schema the spec documents for its operation and status
 * (a status the operation does not document fails too). The clients of this suite all use it.
 */
export function validatingFetch(service: ServiceName): (request: Request) => Promise<Response> {
  return async (request) => {
    const res = await fetch(request);
    const op = operationAt(service, request.method, new URL(request.url).pathname);
    if (!op) return res;
    // Soft checks: a failure thrown inside fetch would reach the test as the client's network error.
    const where = `${op.operationId} ${res.status}`;
    const documented = op.responses.find((r) => r.status === String(res.status));
    expect.soft(documented, `${where}: a status the operation does not document`).toBeDefined();
    if (!documented) return res;
    const text = await res.clone().text();
    if (text === '') {
      expect.soft(documented.schemaPointer, `${where}: no body where one is documented`).toBeUndefined();
    } else if (!documented.schemaPointer) {
      expect.soft(text, `${where}: a body where none is documented`).toBe('');
    } else {
      expectValidBody(op.operationId, res.status, JSON.parse(text), expect.soft);
    }
    return res;
  };
}
