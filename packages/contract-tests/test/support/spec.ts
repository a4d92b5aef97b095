import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolveRef } from '@hwc-openapi/spec/resolve';

export type ServiceName = 'autoscaling' | 'servicestage';
type Node = Record<string, unknown>;

const require = createRequire(import.meta.url);
const load = (service: ServiceName): Node =>
  JSON.parse(readFileSync(require.resolve(`@hwc-openapi/spec/${service}.json`), 'utf8')) as Node;

/** The bundled documents, read through the `@hwc-openapi/spec` exports. */
export const documents: Readonly<Record<ServiceName, Node>> = {
  autoscaling: load('autoscaling'),
  servicestage: load('servicestage'),
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

export interface DocumentedResponse {
  readonly status: string;
  /** JSON pointer (in the service's document) to the JSON schema of the body, if there is a body. */
  readonly schemaPointer: string | undefined;
  /** Named examples of the body, resolved. */
  readonly examples: ReadonlyMap<string, unknown>;
}

export interface SpecOperation {
  readonly service: ServiceName;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly responses: readonly DocumentedResponse[];
}

function collect(service: ServiceName): SpecOperation[] {
  const document = documents[service];
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as Node)) {
    for (const method of METHODS) {
      const operation = (item as Node)[method];
      if (!isNode(operation)) continue;
      const responses: DocumentedResponse[] = [];
      for (const [status, raw] of Object.entries(operation.responses as Node)) {
        const base =
          isNode(raw) && typeof raw.$ref === 'string'
            ? raw.$ref
            : `#/paths/${escapePointer(path)}/${method}/responses/${status}`;
        const response = resolveRef(document, raw) as Node;
        const media = isNode(response.content) ? (response.content['application/json'] as Node) : undefined;
        const examples = new Map<string, unknown>();
        for (const [name, example] of Object.entries((media?.examples as Node | undefined) ?? {})) {
          examples.set(name, (resolveRef(document, example) as Node).value);
        }
        responses.push({
          status,
          schemaPointer: media?.schema ? `${base}/content/application~1json/schema` : undefined,
          examples,
        });
      }
      operations.push({ service, operationId: String(operation.operationId), method, path, responses });
    }
  }
  return operations;
}

export const operations: readonly SpecOperation[] = [...collect('autoscaling'), ...collect('servicestage')];

export function operation(operationId: string): SpecOperation {
  const found = operations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the bundled specs`);
  return found;
}

export function response(operationId: string, status: number | string): DocumentedResponse {
  const found = operation(operationId).responses.find((r) => r.status === String(status));
  if (!found) throw new Error(`${operationId} documents no ${status} response`);
  return found;
}

/** The message the spec's examples give for an error code. */
export function messageOf(code: string): string | undefined {
  for (const op of operations) {
    for (const r of op.responses) {
      for (const example of r.examples.values()) {
        const body = example as {
          error?: { code?: string; message?: string };
          error_code?: string;
          error_msg?: string;
        };
        if (body?.error?.code === code) return body.error.message;
        if (body?.error_code === code) return body.error_msg;
      }
    }
  }
  return undefined;
}

const routes = operations.map((op) => ({
  op,
  literals: op.path.split('/').filter((segment) => segment !== '' && !segment.includes('{')).length,
  regex: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));
routes.sort((a, b) => b.literals - a.literals);

/** The operation of a service that a method and path address (literal segments first, as the mock routes). */
export function operationAt(
  service: ServiceName,
  method: string,
  pathname: string,
): SpecOperation | undefined {
  const upper = method.toUpperCase();
  return routes.find(
    ({ op, regex }) => op.service === service && op.method.toUpperCase() === upper && regex.test(pathname),
  )?.op;
}
