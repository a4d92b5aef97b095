/**
 * Drives the emulator engine directly (no HTTP) and checks every answer it gives against the bundled document's
 * response schema for that status, so each scenario is also a response-validation test.
 */

import { resolveRef } from '@hwc-openapi/spec/resolve';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import {
  createEmulatorEngine,
  type EmulatorEngine,
  type EmulatorEngineOptions,
  type EmulatorState,
} from '../../src/engines/emulator/index.js';
import type { EngineAnswer, OperationRequest } from '../../src/engines/engine.js';
import { dereference } from '../../src/service-errors.js';
import { loadDocument } from '../../src/spec.js';
import type { ServiceName } from '../../src/types.js';

type Json = Record<string, unknown>;

export const documents = {
  autoscaling: loadDocument('autoscaling').document as Json,
  servicestage: loadDocument('servicestage').document as Json,
  /** The control plane's. */
  emulator: loadDocument('emulator').document as Json,
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export interface OperationInfo {
  readonly method: string;
  readonly pathTemplate: string;
  readonly operation: Json;
}

/** Every operation of a document, by operationId. */
export function operationsOf(document: Json): Map<string, OperationInfo> {
  const found = new Map<string, OperationInfo>();
  for (const [pathTemplate, item] of Object.entries(document.paths as Json)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as Json | undefined;
      if (operation && typeof operation.operationId === 'string')
        found.set(operation.operationId, { method: method.toUpperCase(), pathTemplate, operation });
    }
  }
  return found;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
addFormats.default(ajv);
ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
const validators = new Map<string, ValidateFunction | null>();

/** Counts of the answers checked against a schema, by document (read by the response-validation test). */
export const checkedAnswers: Record<string, number> = {};

/** Asserts that an answer is documented for the operation and that its body validates against the schema. */
export function expectDocumentedAnswer(document: Json, operationId: string, answer: EngineAnswer): void {
  const info = operationsOf(document).get(operationId);
  expect(info, `${operationId} is an operation of the document`).toBeDefined();
  const responses = (info as OperationInfo).operation.responses as Json;
  const status = String(answer.status);
  expect(Object.keys(responses), `${operationId} documents status ${status}`).toContain(status);
  const key = `${String((document.info as Json).title)} ${operationId} ${status}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const response = resolveRef(document, responses[status]) as Json;
    const media = (response.content as Json | undefined)?.['application/json'] as Json | undefined;
    validate = media?.schema ? ajv.compile(dereference(document, media.schema) as Json) : null;
    validators.set(key, validate);
  }
  if (validate === null) {
    expect(answer.body, `${operationId} ${status} has no body`).toBeUndefined();
  } else {
    const valid = validate(answer.body);
    expect(valid ? [] : validate.errors, `${operationId} ${status}: ${JSON.stringify(answer.body)}`).toEqual(
      [],
    );
  }
  const name = String((document.info as Json)['x-hwc-service'] ?? 'emulator');
  checkedAnswers[name] = (checkedAnswers[name] ?? 0) + 1;
}

export interface CallOptions {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string | string[]>;
  readonly body?: unknown;
}

const request = (
  operationId: string,
  method: string,
  pathTemplate: string,
  options: CallOptions,
): OperationRequest => ({
  operationId,
  method,
  pathTemplate,
  pathParams: options.params ?? {},
  query: options.query ?? {},
  headers: {},
  body: options.body,
  requestId: 'test',
});

export interface Harness {
  readonly engine: EmulatorEngine;
  /** Calls an API operation; path parameters default to the harness's project. */
  call(operationId: string, options?: CallOptions): EngineAnswer;
  /** Calls a control operation. */
  control(operationId: string, options?: CallOptions): EngineAnswer;
}

export const PROJECT = 'p1';

export function harness(
  service: ServiceName,
  options: Omit<EmulatorEngineOptions, 'service' | 'errors'> = {},
): Harness {
  const document = documents[service];
  const { errors } = loadDocument(service);
  const engine = createEmulatorEngine({ service, errors, ...options });
  const operations = operationsOf(document);
  const controlOperations = operationsOf(documents.emulator);
  return {
    engine,
    call(operationId, options = {}) {
      const info = operations.get(operationId);
      if (!info) throw new Error(`No operation ${operationId} in the ${service} document`);
      const params = { project_id: PROJECT, ...options.params };
      const answer = engine.answer(
        request(operationId, info.method, info.pathTemplate, { ...options, params }),
      );
      expectDocumentedAnswer(document, operationId, answer);
      return answer;
    },
    control(operationId, options = {}) {
      const info = controlOperations.get(operationId);
      const answer = engine.control(
        request(
          operationId,
          info?.method ?? 'POST',
          info?.pathTemplate ?? `/_emulator/${operationId}`,
          options,
        ),
      );
      expectDocumentedAnswer(documents.emulator, operationId, answer);
      return answer;
    },
  };
}

/** Exports the state, lets `edit` change it (a fixture made by hand), and imports it back. */
export function editState(h: Harness, edit: (state: EmulatorState) => void): void {
  const state = h.control('showState').body as EmulatorState;
  edit(state);
  const answer = h.control('replaceState', { body: state });
  expect(answer, JSON.stringify(answer.body)).toEqual({ status: 204 });
}

/** The error code of an error answer (either body shape). */
export function codeOf(answer: EngineAnswer): string | undefined {
  const body = answer.body as Json | undefined;
  const nested = body?.error as Json | undefined;
  return (nested?.code ?? body?.error_code) as string | undefined;
}

/** The spec's own body for a code. */
export const specBody = (service: ServiceName, code: string): unknown =>
  loadDocument(service).errors.forCode(code).body;
