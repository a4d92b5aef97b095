/**
 * The mock's one HTTP pipeline, shared by every engine:
 *
 *   gateway -> router -> auth -> validation -> faults -> engine.answer() -> response
 *
 * Every refusal is the gateway's or the service's JSON error with a documented 4xx status; nothing here
 * answers a 5xx of its own accord, and every request gets an answer with an `X-Request-Id`.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine, EngineAnswer, OperationRequest } from '../engines/engine.js';
import type { Route, ServiceErrorAnswer, ServiceErrors } from '../service-errors.js';
import type { AkSk, ServiceName } from '../types.js';
import { createAuthenticator } from './auth.js';
import { type Fault, type FaultRequest, Faults, MAX_FAULTS } from './faults.js';
import {
  acceptsJson,
  GATEWAY,
  type GatewayError,
  gatewayBody,
  isJsonMediaType,
  nextRequestId,
  parseMediaType,
  parseQuery,
  readBody,
  splitTarget,
} from './gateway.js';
import { Journal } from './journal.js';

/** Where the control plane is served, on the same port as the service. */
const CONTROL_PREFIX = '/_emulator';

export interface PipelineOptions {
  readonly service: ServiceName;
  /** The service document's routes, validators and error bodies. */
  readonly errors: ServiceErrors;
  /** The control-plane document's (`spec/emulator`): routes `/_emulator/*`. */
  readonly controlErrors: ServiceErrors;
  readonly engine: Engine;
  /** AK/SK pairs whose signatures are verified; without them any well-formed signature or token passes. */
  readonly credentials?: readonly AkSk[] | undefined;
  /** Called with one line per answered request. */
  readonly log?: ((line: string) => void) | undefined;
}

export interface Pipeline {
  /** The `node:http` request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  readonly faults: Faults;
  readonly journal: Journal;
}

const HTTP_NO_CONTENT = 204;
const HTTP_BAD_REQUEST = 400;
const HTTP_UNAUTHORIZED = 401;
const HTTP_NOT_FOUND = 404;
const HTTP_NOT_ACCEPTABLE = 406;
const HTTP_INTERNAL_ERROR = 500;
const JSON_TYPE = 'application/json';
const DEFAULT_JOURNAL_LIMIT = 100;

/** The operations of the control document that the pipeline answers itself, for every engine. */
const PIPELINE_CONTROL = new Set(['createFault', 'listFaults', 'deleteFaults', 'listRequests']);

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  /** Adds CORS headers when the request came from a browser page. */
  readonly cors: boolean;
  route: Route | undefined;
  operationId: string | null;
  projectId: string | null;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { service, errors, controlErrors, engine, log } = options;
  const operationIds = new Set(errors.routes.map((route) => route.operationId));
  const authenticate = createAuthenticator(options.credentials);
  const faults = new Faults();
  const journal = new Journal();

  const send = (
    ex: Exchange,
    status: number,
    body: unknown,
    extra?: Readonly<Record<string, string>>,
  ): void => {
    const { res } = ex;
    const headers: OutgoingHttpHeaders = { 'x-request-id': ex.requestId };
    if (ex.cors) {
      headers['access-control-allow-origin'] = '*';
      headers['access-control-expose-headers'] = 'X-Request-Id';
    }
    if (extra) Object.assign(headers, extra);
    if (body === undefined || status === HTTP_NO_CONTENT) {
      res.writeHead(status, headers);
      res.end();
    } else {
      const payload = JSON.stringify(body);
      headers['content-type'] = JSON_TYPE;
      headers['content-length'] = Buffer.byteLength(payload);
      res.writeHead(status, headers);
      res.end(payload);
    }
    journal.record(ex.requestId, ex.method, ex.path, ex.operationId, status, ex.projectId);
    log?.(`${ex.method} ${ex.path} ${status} ${ex.requestId}`);
  };
  const refuse = (ex: Exchange, status: number, error: GatewayError): void =>
    send(ex, status, gatewayBody(error, ex.requestId));
  const reject = (ex: Exchange, answer: ServiceErrorAnswer): void => send(ex, answer.status, answer.body);

  const handle = async (ex: Exchange): Promise<void> => {
    const { req, method } = ex;
    const target = splitTarget(req.url ?? '');
    if (!target) {
      refuse(ex, HTTP_BAD_REQUEST, GATEWAY.requestError);
      return;
    }
    const control = target.path === CONTROL_PREFIX || target.path.startsWith(`${CONTROL_PREFIX}/`);
    const document = control ? controlErrors : errors;

    // Router. OPTIONS is a CORS preflight for an operation that exists, or nothing the gateway knows.
    if (method === 'OPTIONS') {
      const requested = req.headers['access-control-request-method'];
      const preflight =
        ex.cors && typeof requested === 'string' && document.route(requested.toUpperCase(), target.path);
      if (preflight) {
        const allowHeaders = req.headers['access-control-request-headers'];
        send(ex, HTTP_NO_CONTENT, undefined, {
          'access-control-allow-methods': preflight.route.method,
          'access-control-allow-headers': typeof allowHeaders === 'string' ? allowHeaders : '*',
          'access-control-max-age': '600',
        });
      } else refuse(ex, HTTP_NOT_FOUND, GATEWAY.unknownApi);
      return;
    }
    const match = document.route(method, target.path);
    if (!match) {
      refuse(ex, HTTP_NOT_FOUND, GATEWAY.unknownApi);
      return;
    }
    const { route, pathParams } = match;
    ex.route = route;
    ex.operationId = route.operationId;
    ex.projectId = pathParams.project_id ?? null;

    // Gateway: the answer must be JSON; the body must fit and be JSON.
    const accept = req.headers.accept;
    if (accept !== undefined && !acceptsJson(accept)) {
      refuse(ex, route.statuses.has('406') ? HTTP_NOT_ACCEPTABLE : HTTP_BAD_REQUEST, GATEWAY.requestError);
      return;
    }
    const read = readBody(req);
    const body = read instanceof Promise ? await read : read;
    if (body.kind === 'aborted') return; // The client went away: there is no one to answer.
    if (body.kind === 'too-large') {
      refuse(ex, HTTP_BAD_REQUEST, GATEWAY.requestError);
      return;
    }
    const contentType = req.headers['content-type'];
    const media = contentType === undefined ? undefined : parseMediaType(contentType);
    if (contentType !== undefined && !media) {
      reject(ex, document.validationError('content-type: not a media type.'));
      return;
    }

    // Auth: the control plane takes no credentials.
    if (!control) {
      const refused = authenticate({
        method,
        target: req.url as string,
        headers: req.headers,
        body: body.bytes,
      });
      if (refused) {
        refuse(ex, HTTP_UNAUTHORIZED, refused);
        return;
      }
    }

    // Validation: a JSON body, then every parameter and the body against the document.
    let parsed: unknown;
    if (body.bytes !== undefined && route.takesBody) {
      if (media && !isJsonMediaType(media)) {
        reject(ex, document.validationError('content-type: must be application/json.'));
        return;
      }
      try {
        parsed = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        reject(ex, match.error ?? document.validationError('body: must be JSON.'));
        return;
      }
    }
    if (match.error) {
      reject(ex, match.error);
      return;
    }
    const query = parseQuery(target.search);
    const invalid = document.validateRequest(route, {
      pathParams,
      query,
      headers: req.headers,
      body: parsed,
    });
    if (invalid) {
      reject(ex, invalid);
      return;
    }
    if (control) ex.projectId ??= projectOf(parsed, query);

    // Faults: the first rule for this operation (and project) answers in its place; the state is untouched.
    if (!control) {
      const fault = faults.take(route.operationId, ex.projectId ?? undefined);
      if (fault) {
        if (fault.latency_ms > 0) await sleep(fault.latency_ms);
        send(ex, fault.status, faultBody(errors, route, fault, ex.requestId));
        return;
      }
    }

    const request: OperationRequest = {
      operationId: route.operationId,
      method,
      pathTemplate: route.pathTemplate,
      pathParams,
      query,
      headers: req.headers,
      body: parsed,
      requestId: ex.requestId,
    };
    let pending: EngineAnswer | Promise<EngineAnswer>;
    if (control) {
      const own = PIPELINE_CONTROL.has(route.operationId);
      if (!own && !engine.control) {
        refuse(ex, HTTP_NOT_FOUND, GATEWAY.unknownApi);
        return;
      }
      pending = own ? controlAnswer(request) : (engine.control as NonNullable<Engine['control']>)(request);
    } else {
      pending = engine.answer(request);
    }
    // A synchronous engine (the emulator) is answered in the same tick.
    const answer = pending instanceof Promise ? await pending : pending;
    send(ex, answer.status, answer.body, answer.headers);
  };

  const controlAnswer = (request: OperationRequest): EngineAnswer => {
    switch (request.operationId) {
      case 'createFault': {
        const wanted = request.body as FaultRequest;
        if (!operationIds.has(wanted.operation_id)) {
          return controlErrors.validationError(
            `operation_id: the ${service} document has no operation ${wanted.operation_id}.`,
          );
        }
        if (faults.full) {
          return controlErrors.validationError(
            `faults: at most ${MAX_FAULTS} can be active; delete some first.`,
          );
        }
        return { status: 201, body: faults.create(wanted) };
      }
      case 'listFaults':
        return { status: 200, body: { faults: faults.list() } };
      case 'deleteFaults':
        faults.clear();
        return { status: HTTP_NO_CONTENT };
      case 'listRequests': {
        const limit = request.query.limit;
        return {
          status: 200,
          body: { requests: journal.list(typeof limit === 'string' ? Number(limit) : DEFAULT_JOURNAL_LIMIT) },
        };
      }
      default:
        // Only PIPELINE_CONTROL's operations are routed here.
        throw new Error(`${request.operationId} is not a pipeline control operation`);
    }
  };

  return {
    faults,
    journal,
    handle(req, res) {
      const origin = req.headers.origin;
      const ex: Exchange = {
        req,
        res,
        requestId: nextRequestId(),
        method: req.method ?? 'GET',
        path: pathOf(req.url ?? ''),
        cors: typeof origin === 'string',
        route: undefined,
        operationId: null,
        projectId: null,
      };
      handle(ex).catch((error: unknown) => {
        // A bug of the mock or its engine. Say so on stderr, and answer what the service answers for its own
        // failures, so that the client sees a documented body rather than a closed connection.
        process.stderr.write(
          `hwc-mock: ${ex.method} ${ex.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const code = (ex.route && errors.documentedCode(ex.route, HTTP_INTERNAL_ERROR)) ?? 'APIGW.0202';
        send(ex, HTTP_INTERNAL_ERROR, errors.errorBody(code, 'Internal error of the mock.'));
      });
    },
  };
}

/** The project a control-plane request names, in its body or query. */
function projectOf(body: unknown, query: Readonly<Record<string, string | string[]>>): string | null {
  const fromBody =
    typeof body === 'object' && body !== null ? (body as { project_id?: unknown }).project_id : undefined;
  if (typeof fromBody === 'string') return fromBody;
  return typeof query.project_id === 'string' ? query.project_id : null;
}

function pathOf(target: string): string {
  const question = target.indexOf('?');
  return question === -1 ? target : target.slice(0, question);
}

/** A fault's body, shaped like the service's errors: the code asked for, or the one the spec documents. */
function faultBody(errors: ServiceErrors, route: Route, fault: Fault, requestId: string): unknown {
  const code = fault.error_code ?? errors.documentedCode(route, fault.status) ?? errors.validationCode;
  const body = errors.errorBody(code, fault.error_msg) as Record<string, unknown>;
  if (code.startsWith('APIGW.')) body.request_id = requestId;
  return body;
}
