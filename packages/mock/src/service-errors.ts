/**
 * Engine-agnostic: routes a request to an operation of a bundled document, validates it with ajv validators
 * compiled once, and turns a request that breaks the spec into the error the real service would send, using the
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

/** An operation of the document, as the router sees it. */
export interface Route {
  readonly operationId: string;
  /** Upper case. */
  readonly method: string;
  readonly pathTemplate: string;
  /** The statuses the operation documents (`'200'`, `'400'`...). */
  readonly statuses: ReadonlySet<string>;
  /** The operation takes a JSON request body. */
  readonly takesBody: boolean;
}

/** A request matched to a route: its path parameters decoded, or the error for one that does not decode. */
export interface RouteMatch {
  readonly route: Route;
  readonly pathParams: Readonly<Record<string, string>>;
  /** Set when a path parameter has a malformed `%` escape: the answer for it. */
  readonly error?: ServiceErrorAnswer;
}

/** What a request carries, for `validateRequest`. Query values are the raw strings. */
export interface RequestParts {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON; undefined when there is no body. */
  readonly body: unknown;
}

interface ParameterValidator {
  readonly location: 'path' | 'query' | 'header';
  /** `{type: object, properties: {name: schema}, required}` of the location's parameters, `$ref`s inlined. */
  readonly schema: Node;
  readonly names: readonly string[];
  readonly validate: ValidateFunction;
}

interface OperationEntry extends Route {
  readonly regex: RegExp;
  readonly paramNames: readonly string[];
  readonly literalSegments: number;
  readonly operation: Node;
  /** Dereferenced parameters (path item's and operation's), keyed `in:name`. */
  readonly parameters: ReadonlyMap<string, Node>;
  /** Dereferenced JSON request body schema, if any. */
  readonly bodySchema: Node | undefined;
  readonly bodyRequired: boolean;
  /** `x-hwc-missing-error-code` of the request body object: the code when the body is missing. */
  readonly missingBodyCode: string | undefined;
  /** The code of the first error example of each documented status. */
  readonly exampleCodes: ReadonlyMap<string, string>;
  /** Compiled at construction (or on first use, for a `lazy` document), once. */
  validators: Validators | undefined;
}

interface Validators {
  readonly body: ValidateFunction | undefined;
  /** One per parameter location. */
  readonly parameters: readonly ParameterValidator[];
}

export interface ServiceErrorsOptions {
  /**
   * Compile each operation's validators on its first request instead of at construction. For the control
   * plane, whose state schemas are large and whose operations a test may never call.
   */
  readonly lazy?: boolean;
  /**
   * Validation errors name the field and the rule (`seconds: must be <= 31536000.`), as the control plane's
   * do, instead of the message of the spec's example for the code.
   */
  readonly fieldMessages?: boolean;
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
  /** Each `$ref` target inlined once and shared (the result is read, never written). */
  resolved: Map<string, unknown> = new Map(),
): unknown {
  if (Array.isArray(node)) return node.map((item) => dereference(document, item, stack, resolved));
  if (!isNode(node)) return node;
  const { $ref, ...rest } = node;
  const siblings: Node = {};
  for (const [key, value] of Object.entries(rest)) {
    siblings[key] = dereference(document, value, stack, resolved);
  }
  if (typeof $ref !== 'string') return siblings;
  if (stack.includes($ref)) throw new Error(`Recursive $ref is not supported: ${$ref}`);
  let target = resolved.get($ref);
  if (target === undefined) {
    target = dereference(document, resolvePointer(document, $ref), [...stack, $ref], resolved);
    resolved.set($ref, target);
  }
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The error code of an example body of either shape. */
function codeOf(body: unknown): string | undefined {
  if (!isNode(body)) return undefined;
  if (isNode(body.error) && typeof body.error.code === 'string') return body.error.code;
  return typeof body.error_code === 'string' ? body.error_code : undefined;
}

function firstExampleCodes(responses: Node): Map<string, string> {
  const codes = new Map<string, string>();
  for (const [status, response] of Object.entries(responses)) {
    const content = isNode(response) && isNode(response.content) ? response.content : {};
    for (const media of Object.values(content)) {
      const examples = isNode(media) && isNode(media.examples) ? Object.values(media.examples) : [];
      for (const example of examples) {
        const code = isNode(example) ? codeOf(example.value) : undefined;
        if (code && !codes.has(status)) codes.set(status, code);
      }
    }
  }
  return codes;
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
function codeForSchemaError(
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

let plainAjv: Ajv2020 | undefined;
let coercing: Ajv2020 | undefined;
/** One validator factory for every document of the process. */
const validatingAjv = () => {
  plainAjv ??= createAjv({});
  return plainAjv;
};
/** Parameters arrive as strings: this one coerces them to the schema's types (on a copy). */
const coercingAjv = () => {
  coercing ??= createAjv({ coerceTypes: 'array' });
  return coercing;
};

/** `seconds: must be <= 31536000.`: the field (dotted, from the instance path) and what it breaks. */
function describeViolation(error: ErrorObject, where: string): string {
  const segments = error.instancePath.split('/').slice(1).map(decodePointerSegment);
  const params = error.params as Record<string, unknown>;
  let field = segments.join('.');
  let rule = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    field = [...segments, String(params.additionalProperty)].join('.');
    rule = 'unknown field';
  } else if (error.keyword === 'required') {
    field = [...segments, String(params.missingProperty)].join('.');
    rule = 'is required';
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    rule = `must be one of ${params.allowedValues.join(', ')}`;
  } else if (error.keyword === 'const') {
    rule = `must be ${JSON.stringify(params.allowedValue)}`;
  } else if (error.keyword === 'pattern') {
    rule = `must match ${String(params.pattern)}`;
  }
  return `${field || where}: ${rule}.`;
}

function createAjv(options: { coerceTypes?: 'array' }): Ajv2020 {
  // Unoptimised code compiles faster, and these schemas are small: start-up time matters more here.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateSchema: false,
    code: { optimize: false },
    ...options,
  });
  addFormats.default(ajv);
  ajv.addFormat('int32', { type: 'number', validate: int32 });
  ajv.addFormat('int64', { type: 'number', validate: int64 });
  return ajv;
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
  readonly #answers = new Map<string, ServiceErrorAnswer>();
  readonly #fieldMessages: boolean;
  /** AS nests its errors (`{"error":{code,message}}`); ServiceStage and the control plane do not. */
  readonly #nested: boolean;
  readonly #operations: OperationEntry[] = [];
  /** The operations by upper-case method, literal paths first. */
  readonly #byMethod = new Map<string, OperationEntry[]>();
  constructor(document: OpenApiDocument, options: ServiceErrorsOptions = {}) {
    const info = isNode(document.info) ? document.info : {};
    this.service = typeof info['x-hwc-service'] === 'string' ? info['x-hwc-service'] : 'as';
    const fallback = info['x-hwc-validation-error-code'];
    if (typeof fallback !== 'string') throw new Error('The document has no info.x-hwc-validation-error-code');
    this.validationCode = fallback;
    collectErrorExamples(document, this.#examples);
    this.#fieldMessages = options.fieldMessages === true;
    this.#nested = isNode((this.#examples.get(fallback) as Node | undefined)?.error);

    const paths = isNode(document.paths) ? document.paths : {};
    const resolved = new Map<string, unknown>();
    for (const [pathTemplate, rawItem] of Object.entries(paths)) {
      const item = dereference(document, rawItem, [], resolved);
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
        const responses = isNode(operation.responses) ? operation.responses : {};
        this.#operations.push({
          operationId: typeof operation.operationId === 'string' ? operation.operationId : '',
          method: method.toUpperCase(),
          pathTemplate,
          statuses: new Set(Object.keys(responses)),
          takesBody: bodySchema !== undefined,
          regex,
          paramNames: names,
          literalSegments: literals,
          operation,
          parameters,
          bodySchema,
          bodyRequired: requestBody?.required === true,
          missingBodyCode:
            typeof requestBody?.['x-hwc-missing-error-code'] === 'string'
              ? requestBody['x-hwc-missing-error-code']
              : undefined,
          exampleCodes: firstExampleCodes(responses),
          validators: undefined,
        });
      }
    }
    if (!options.lazy) for (const entry of this.#operations) this.#validators(entry);
    // Literal segments win over templated ones (`.../list` before `.../{lifecycle_hook_name}`), as in Prism.
    this.#operations.sort((a, b) => b.literalSegments - a.literalSegments);
    for (const entry of this.#operations) {
      const list = this.#byMethod.get(entry.method);
      if (list) list.push(entry);
      else this.#byMethod.set(entry.method, [entry]);
    }
  }

  /** Every operation of the document. */
  get routes(): readonly Route[] {
    return this.#operations;
  }

  /**
   * The operation a method and raw (still %-encoded) path address, with the path parameters decoded; undefined
   * when none does. A parameter with a malformed escape (`%FF`, `%zz`) matches, with the answer for it in
   * `error`: the parameter's own rule, as for a value that breaks its pattern, or the fallback.
   */
  route(method: string, rawPath: string): RouteMatch | undefined {
    const candidates = this.#byMethod.get(method);
    if (!candidates) return undefined;
    for (const entry of candidates) {
      const values = entry.regex.exec(rawPath);
      if (!values) continue;
      const pathParams: Record<string, string> = {};
      let error: ServiceErrorAnswer | undefined;
      for (let i = 0; i < entry.paramNames.length; i++) {
        const name = entry.paramNames[i] as string;
        const raw = values[i + 1] ?? '';
        try {
          pathParams[name] = raw.includes('%') ? decodeURIComponent(raw) : raw;
        } catch {
          pathParams[name] = raw;
          error ??= this.#parameterError(entry, 'path', name, 'pattern');
        }
      }
      return error ? { route: entry, pathParams, error } : { route: entry, pathParams };
    }
    return undefined;
  }

  /**
   * Validates a routed request (path, query and header parameters, then the JSON body) with the validators
   * compiled at construction. Undefined when it is valid; else the service's answer for the first violation.
   */
  validateRequest(route: Route, parts: RequestParts): ServiceErrorAnswer | undefined {
    const entry = route as OperationEntry;
    const validators = this.#validators(entry);
    for (const validator of validators.parameters) {
      const source =
        validator.location === 'path'
          ? parts.pathParams
          : validator.location === 'query'
            ? parts.query
            : parts.headers;
      // A copy: coercion rewrites the values it checks, and the engine gets the raw strings.
      const values: Record<string, unknown> = {};
      for (const name of validator.names) {
        const value = source[name];
        if (value !== undefined) values[name] = Array.isArray(value) ? [...value] : value;
      }
      if (!validator.validate(values)) {
        return this.#answerFor(validator.schema, validator.validate.errors ?? [], '');
      }
    }
    if (parts.body === undefined) {
      if (!entry.bodyRequired) return undefined;
      return entry.missingBodyCode
        ? this.forCode(entry.missingBodyCode)
        : this.validationError('body: a JSON body is required.');
    }
    return this.#bodyAnswer(entry, parts.body);
  }

  /**
   * A body of the service's error shape for any code and status: the spec's example for a code it documents
   * (with `message` instead of its message, if given), else `{"error":{code,message}}` (AS) or
   * `{"error_code","error_msg"}`. Gateway codes (`APIGW.*`) get the gateway's flat shape.
   */
  errorBody(code: string, message?: string): unknown {
    const example = this.#examples.get(code);
    if (example !== undefined) {
      const body = structuredClone(example) as Node;
      if (message !== undefined) {
        if (isNode(body.error)) body.error.message = message;
        else body.error_msg = message;
      }
      return body;
    }
    const text = message ?? `${code}`;
    if (!code.startsWith('APIGW.') && this.#nested) return { error: { code, message: text } };
    return { error_code: code, error_msg: text };
  }

  /** The code of the first error example the operation documents for `status`, if any. */
  documentedCode(route: Route, status: number): string | undefined {
    return (route as OperationEntry).exampleCodes.get(String(status));
  }

  /**
   * The answer for a code: the spec's example body for it (status 400). The spec gives every code its rules
   * name an example (its fidelity tests check this), so a missing one is a bug in the document.
   */
  forCode(code: string, status = HTTP_BAD_REQUEST): ServiceErrorAnswer {
    const key = `${status} ${code}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      const example = this.#examples.get(code);
      if (example === undefined)
        throw new Error(`The ${this.service} document has no example for error code ${code}`);
      // Made once per code and shared: frozen, so that no caller can change another's answer.
      const body = deepFreeze(structuredClone(example)) as Node;
      const nested = isNode(body.error) ? body.error : undefined;
      const message = String(nested ? nested.message : body.error_msg);
      answer = Object.freeze({ status, code, message, body });
      this.#answers.set(key, answer);
    }
    return answer;
  }

  /** The API gateway's answer to a method and path that name no API of the document: 404, `APIGW.0101`. */
  unknownApi(): ServiceErrorAnswer {
    return this.forCode(UNKNOWN_API_CODE, HTTP_NOT_FOUND);
  }

  /**
   * The answer for an invalid request that no specific rule covers (`info.x-hwc-validation-error-code`). A
   * document whose errors name the field (`fieldMessages`) gets `message`; the others keep the spec's message.
   */
  validationError(message?: string): ServiceErrorAnswer {
    const answer = this.forCode(this.validationCode);
    if (message === undefined || !this.#fieldMessages) return answer;
    return { ...answer, message, body: this.errorBody(this.validationCode, message) };
  }

  /**
   * Validates a parsed JSON body against the operation's request schema. Undefined when it is valid (or the
   * operation has no JSON body); else the answer for the first violation a rule covers, or the fallback.
   */
  validateBody(method: string, pathname: string, body: unknown): ServiceErrorAnswer | undefined {
    const entry = this.route(method.toUpperCase(), pathname)?.route as OperationEntry | undefined;
    return entry && this.#bodyAnswer(entry, body);
  }

  /** The answer for a body that breaks the operation's schema; undefined when it is valid or there is none. */
  #bodyAnswer(entry: OperationEntry, body: unknown): ServiceErrorAnswer | undefined {
    const validate = this.#validators(entry).body;
    if (!validate || validate(body)) return undefined;
    return this.#answerFor(entry.bodySchema as Node, validate.errors ?? [], 'body');
  }

  #validators(entry: OperationEntry): Validators {
    entry.validators ??= {
      body: entry.bodySchema && validatingAjv().compile(entry.bodySchema),
      parameters: this.#parameterValidators(entry.parameters),
    };
    return entry.validators;
  }

  #parameterValidators(parameters: ReadonlyMap<string, Node>): ParameterValidator[] {
    const validators: ParameterValidator[] = [];
    for (const location of ['path', 'query', 'header'] as const) {
      const properties: Node = {};
      const required: string[] = [];
      for (const parameter of parameters.values()) {
        if (parameter.in !== location || !isNode(parameter.schema)) continue;
        // Header names arrive in lower case.
        const name = location === 'header' ? String(parameter.name).toLowerCase() : String(parameter.name);
        properties[name] = parameter.schema;
        if (parameter.required === true) required.push(name);
      }
      const names = Object.keys(properties);
      if (names.length === 0) continue;
      const schema: Node = { type: 'object', properties, required };
      validators.push({ location, schema, names, validate: coercingAjv().compile(schema) });
    }
    return validators;
  }

  #parameterError(
    entry: OperationEntry,
    location: string,
    name: string,
    keyword: string,
  ): ServiceErrorAnswer {
    const parameter = entry.parameters.get(`${location}:${name}`);
    const schema = parameter && isNode(parameter.schema) ? parameter.schema : undefined;
    const code = schema && codeFromExtension(schema, keyword);
    return code ? this.forCode(code) : this.validationError();
  }

  /** The first violation a rule covers, or the fallback (naming the first violation, if the document wants). */
  #answerFor(root: Node, errors: readonly ErrorObject[], where: string): ServiceErrorAnswer {
    const covered = this.#firstCovered(root, errors);
    if (covered) return covered;
    const first = errors[0];
    // Only a document whose errors name the field uses the description: don't build it for the others.
    return this.validationError(first && this.#fieldMessages ? describeViolation(first, where) : undefined);
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
