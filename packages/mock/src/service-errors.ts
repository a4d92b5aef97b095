/**
 * Engine-agnostic: turns a request that breaks the spec into the error the real service would send, using the
 * spec's own rules (README of `@hwc-openapi/spec`, "Vendor extensions"):
 *
 * - `x-hwc-error-code` on a schema: the code for a value that breaks it; a string, or a map keyword -> code;
 * - `x-hwc-missing-error-code` on a property's schema: the code when that required property is missing;
 * - `info.x-hwc-validation-error-code`: the code for anything no specific rule covers.
 *
 * The status is 400 and the body is the spec's own example for that code (so the message is the spec's too).
 */

import { decodePointerSegment, resolvePointer } from '@hwc-openapi/spec/resolve';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './spec.js';

type Node = Record<string, unknown>;

export interface ServiceErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** The wire body: `{"error":{"code","message"}}` (AS) or `{"error_code","error_msg"}` (ServiceStage). */
  readonly body: unknown;
}

/** One request violation as a validator reports it: where (`['request', 'body', 'field']`) and which keyword. */
export interface RequestViolation {
  readonly location: readonly (string | number)[];
  readonly code: string | number;
  readonly message?: string;
  readonly severity?: string;
}

export interface OperationMatch {
  readonly method: string;
  readonly pathTemplate: string;
  readonly operationId: string | undefined;
  readonly pathParams: Readonly<Record<string, string>>;
}

interface OperationEntry {
  readonly method: string;
  readonly pathTemplate: string;
  readonly regex: RegExp;
  readonly paramNames: readonly string[];
  readonly literalSegments: number;
  readonly operation: Node;
  /** Dereferenced parameters (path item's and operation's), keyed `in:name`. */
  readonly parameters: ReadonlyMap<string, Node>;
  /** Dereferenced JSON request body schema, if any. */
  readonly bodySchema: Node | undefined;
  /** `x-hwc-missing-error-code` of the request body object: the code when the body is missing. */
  readonly missingBodyCode: string | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const HTTP_BAD_REQUEST = 400;
const HTTP_NOT_FOUND = 404;
/** What Huawei Cloud's API gateway answers, in front of every service, for an API that does not exist. */
const UNKNOWN_API_CODE = 'APIGW.0101';

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Inlines every local `$ref`, so that a validator's schema paths lead through the very nodes that carry the
 * `x-hwc-*` extensions. A `$ref`'s siblings (description, default, extensions) are kept and win over the target's.
 */
export function dereference(
  document: unknown,
  node: unknown = document,
  stack: readonly string[] = [],
): unknown {
  if (Array.isArray(node)) return node.map((item) => dereference(document, item, stack));
  if (!isNode(node)) return node;
  const { $ref, ...rest } = node;
  const siblings: Node = {};
  for (const [key, value] of Object.entries(rest)) siblings[key] = dereference(document, value, stack);
  if (typeof $ref !== 'string') return siblings;
  if (stack.includes($ref)) throw new Error(`Recursive $ref is not supported: ${$ref}`);
  const target = dereference(document, resolvePointer(document, $ref), [...stack, $ref]);
  return isNode(target) ? { ...target, ...siblings } : target;
}

/** Every service error body in the document's examples, by code (the first one found wins). */
function collectErrorExamples(node: unknown, found: Map<string, unknown>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectErrorExamples(item, found);
    return;
  }
  if (!isNode(node)) return;
  const nested = node.error;
  if (isNode(nested) && typeof nested.code === 'string' && typeof nested.message === 'string') {
    if (!found.has(nested.code)) found.set(nested.code, node);
  } else if (typeof node.error_code === 'string' && typeof node.error_msg === 'string') {
    if (!found.has(node.error_code)) found.set(node.error_code, node);
  }
  for (const value of Object.values(node)) collectErrorExamples(value, found);
}

function codeFromExtension(schema: Node, keyword: string): string | undefined {
  const rule = schema['x-hwc-error-code'];
  if (typeof rule === 'string') return rule;
  if (isNode(rule) && typeof rule[keyword] === 'string') return rule[keyword];
  return undefined;
}

/**
 * The code for one validator error: `x-hwc-missing-error-code` of a missing property's schema; else the nearest
 * `x-hwc-error-code` that covers the keyword, from the failing schema up through the schemas that contain it.
 */
export function codeForSchemaError(
  root: Node,
  schemaPath: readonly string[],
  keyword: string,
  missingProperty?: string,
): string | undefined {
  const chain: Node[] = [];
  let node: unknown = root;
  if (isNode(node)) chain.push(node);
  // The last segment is the keyword itself; the nodes before it are the failing schema and its ancestors.
  for (const segment of schemaPath.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(segment)] : isNode(node) ? node[segment] : undefined;
    if (node === undefined) return undefined;
    // Arrays (`allOf`, `anyOf` lists) are passed through; only schema objects can carry a rule.
    if (isNode(node)) chain.push(node);
  }
  const failing = isNode(node) ? node : undefined;
  if (keyword === 'required' && missingProperty !== undefined && failing) {
    const properties = failing.properties;
    const property = isNode(properties) ? properties[missingProperty] : undefined;
    if (isNode(property) && typeof property['x-hwc-missing-error-code'] === 'string') {
      return property['x-hwc-missing-error-code'];
    }
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const candidate = chain[i];
    const code = candidate && codeFromExtension(candidate, keyword);
    if (code) return code;
  }
  return undefined;
}

function templateToRegex(template: string): { regex: RegExp; names: string[]; literals: number } {
  const names: string[] = [];
  let literals = 0;
  const source = template
    .split('/')
    .map((segment) => {
      const pattern = segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_match, name) => {
        names.push(name);
        return '([^/]+)';
      });
      if (pattern === segment && segment !== '') literals++;
      return pattern;
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), names, literals };
}

function int32(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
}

function int64(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The error mapping of one bundled OpenAPI document. */
export class ServiceErrors {
  /** `info.x-hwc-service`: `as` or `servicestage`. */
  readonly service: string;
  /** `info.x-hwc-validation-error-code`: the code when no specific rule applies. */
  readonly validationCode: string;
  readonly #examples = new Map<string, unknown>();
  readonly #operations: OperationEntry[] = [];
  readonly #validators = new Map<OperationEntry, ValidateFunction>();
  readonly #ajv: Ajv2020;

  constructor(document: OpenApiDocument) {
    const info = isNode(document.info) ? document.info : {};
    this.service = typeof info['x-hwc-service'] === 'string' ? info['x-hwc-service'] : 'as';
    const fallback = info['x-hwc-validation-error-code'];
    if (typeof fallback !== 'string') throw new Error('The document has no info.x-hwc-validation-error-code');
    this.validationCode = fallback;
    collectErrorExamples(document, this.#examples);

    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    addFormats.default(this.#ajv);
    this.#ajv.addFormat('int32', { type: 'number', validate: int32 });
    this.#ajv.addFormat('int64', { type: 'number', validate: int64 });

    const paths = isNode(document.paths) ? document.paths : {};
    for (const [pathTemplate, rawItem] of Object.entries(paths)) {
      const item = dereference(document, rawItem);
      if (!isNode(item)) continue;
      const { regex, names, literals } = templateToRegex(pathTemplate);
      for (const method of METHODS) {
        const operation = item[method];
        if (!isNode(operation)) continue;
        const parameters = new Map<string, Node>();
        for (const list of [item.parameters, operation.parameters]) {
          if (!Array.isArray(list)) continue;
          for (const parameter of list) {
            if (isNode(parameter))
              parameters.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
          }
        }
        const requestBody = isNode(operation.requestBody) ? operation.requestBody : undefined;
        const content = requestBody && isNode(requestBody.content) ? requestBody.content : {};
        const jsonType = Object.keys(content).find((type) => /json/i.test(type));
        const media = jsonType ? content[jsonType] : undefined;
        const bodySchema = isNode(media) && isNode(media.schema) ? media.schema : undefined;
        this.#operations.push({
          method: method.toUpperCase(),
          pathTemplate,
          regex,
          paramNames: names,
          literalSegments: literals,
          operation,
          parameters,
          bodySchema,
          missingBodyCode:
            typeof requestBody?.['x-hwc-missing-error-code'] === 'string'
              ? requestBody['x-hwc-missing-error-code']
              : undefined,
        });
      }
    }
    // Literal segments win over templated ones (`.../list` before `.../{lifecycle_hook_name}`), as in Prism.
    this.#operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The operation a request addresses, if any. */
  match(method: string, pathname: string): OperationMatch | undefined {
    const entry = this.#find(method, pathname);
    if (!entry) return undefined;
    const values = entry.regex.exec(pathname)?.slice(1) ?? [];
    const pathParams: Record<string, string> = {};
    entry.paramNames.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(values[i] ?? '');
    });
    const operationId = entry.operation.operationId;
    return {
      method: entry.method,
      pathTemplate: entry.pathTemplate,
      operationId: typeof operationId === 'string' ? operationId : undefined,
      pathParams,
    };
  }

  /**
   * The answer for a code: the spec's example body for it (status 400). The spec gives every code its rules
   * name an example (its fidelity tests check this), so a missing one is a bug in the document.
   */
  forCode(code: string, status = HTTP_BAD_REQUEST): ServiceErrorAnswer {
    const example = this.#examples.get(code);
    if (example === undefined)
      throw new Error(`The ${this.service} document has no example for error code ${code}`);
    const body = structuredClone(example) as Node;
    const nested = isNode(body.error) ? body.error : undefined;
    const message = String(nested ? nested.message : body.error_msg);
    return { status, code, message, body };
  }

  /** The API gateway's answer to a method and path that name no API of the document: 404, `APIGW.0101`. */
  unknownApi(): ServiceErrorAnswer {
    return this.forCode(UNKNOWN_API_CODE, HTTP_NOT_FOUND);
  }

  /** The answer for an invalid request that no specific rule covers (`info.x-hwc-validation-error-code`). */
  validationError(): ServiceErrorAnswer {
    return this.forCode(this.validationCode);
  }

  /**
   * Validates a parsed JSON body against the operation's request schema. Undefined when it is valid (or the
   * operation has no JSON body); else the answer for the first violation a rule covers, or the fallback.
   */
  validateBody(method: string, pathname: string, body: unknown): ServiceErrorAnswer | undefined {
    const entry = this.#find(method, pathname);
    if (!entry?.bodySchema) return undefined;
    const errors = this.#bodyErrors(entry, body);
    if (errors.length === 0) return undefined;
    return this.#firstCovered(entry.bodySchema, errors) ?? this.validationError();
  }

  /**
   * The answer for the violations a validator (Prism) reported for a request. Body violations are re-checked
   * against the dereferenced schema, because a validator's instance paths (`body.action`) cannot tell which
   * schema failed when `anyOf` branches describe the same field; parameter violations map through the
   * parameter's schema.
   */
  fromViolations(
    method: string,
    pathname: string,
    violations: readonly RequestViolation[],
    body: unknown,
  ): ServiceErrorAnswer {
    const entry = this.#find(method, pathname);
    if (!entry) return this.validationError();
    let bodyChecked = false;
    for (const violation of violations) {
      if (violation.severity !== undefined && violation.severity !== 'Error') continue;
      const [origin, where, name] = violation.location.map(String);
      if (origin !== 'request') continue;
      if (
        where === undefined &&
        violation.code === 'required' &&
        body === undefined &&
        entry.missingBodyCode
      ) {
        return this.forCode(entry.missingBodyCode); // Prism: "Body parameter is required"
      }
      if (where === 'body' && !bodyChecked) {
        bodyChecked = true;
        if (entry.bodySchema && body !== undefined) {
          const answer = this.#firstCovered(entry.bodySchema, this.#bodyErrors(entry, body));
          if (answer) return answer;
        }
      } else if ((where === 'path' || where === 'query' || where === 'header') && name !== undefined) {
        const parameter = entry.parameters.get(`${where}:${name}`);
        const schema = parameter && isNode(parameter.schema) ? parameter.schema : undefined;
        if (!schema) continue;
        const keyword = String(violation.code);
        const code =
          keyword === 'required' && typeof schema['x-hwc-missing-error-code'] === 'string'
            ? schema['x-hwc-missing-error-code']
            : codeFromExtension(schema, keyword);
        if (code) return this.forCode(code);
      }
    }
    return this.validationError();
  }

  #find(method: string, pathname: string): OperationEntry | undefined {
    const upper = method.toUpperCase();
    return this.#operations.find((entry) => entry.method === upper && entry.regex.test(pathname));
  }

  #bodyErrors(entry: OperationEntry, body: unknown): ErrorObject[] {
    if (!entry.bodySchema) return [];
    let validate = this.#validators.get(entry);
    if (!validate) {
      validate = this.#ajv.compile(entry.bodySchema);
      this.#validators.set(entry, validate);
    }
    return validate(body) ? [] : [...(validate.errors ?? [])];
  }

  #firstCovered(root: Node, errors: readonly ErrorObject[]): ServiceErrorAnswer | undefined {
    for (const error of errors) {
      const path = error.schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodePointerSegment);
      const missing = error.keyword === 'required' ? error.params.missingProperty : undefined;
      const code = codeForSchemaError(
        root,
        path,
        error.keyword,
        typeof missing === 'string' ? missing : undefined,
      );
      if (code) return this.forCode(code);
    }
    return undefined;
  }
}
