/**
 * The `prism` engine: Prism's mocker (`@stoplight/prism-http`) in this process, on the bundled document. It is
 * the contract view: stateless, every documented status and example reachable with `Prefer` (or `__code`,
 * `__example`, `__dynamic` query parameters), as with the Prism CLI.
 */
import { createRequire } from 'node:module';
import type { ServiceErrors } from '../../service-errors.js';
import type { OpenApiDocument } from '../../spec.js';
import type { Engine, EngineAnswer, OperationRequest } from '../engine.js';
import { parsePrefer } from './prefer.js';

// CommonJS packages; loaded only when this engine is chosen.
const require = createRequire(import.meta.url);

export interface PrismEngineOptions {
  readonly document: OpenApiDocument;
  readonly errors: ServiceErrors;
  /** Generate bodies from the schemas instead of answering the examples. */
  readonly dynamic?: boolean;
  /** Seed of the generated bodies, so that they are deterministic. */
  readonly seed?: string;
}

interface PrismOutput {
  readonly statusCode: number;
  readonly body?: unknown;
}
type PrismResult = { _tag: 'Right'; right: { output: PrismOutput } } | { _tag: 'Left'; left: unknown };

export async function createPrismEngine(options: PrismEngineOptions): Promise<Engine> {
  const http = require('@stoplight/prism-http') as typeof import('@stoplight/prism-http');
  const { createLogger } = require('@stoplight/prism-core') as typeof import('@stoplight/prism-core');
  const { errors, dynamic = false, seed = 'hwc-mock' } = options;
  // Prism rewrites what it is given; the pipeline keeps the original.
  const operations = await http.getHttpOperationsFromSpec(structuredClone(options.document));
  // The pipeline has already checked security and validated the request; Prism only picks the answer.
  const config = {
    validateRequest: false,
    validateResponse: false,
    checkSecurity: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic, seed },
  } as const;
  const prism = http.createInstance(config, { logger: createLogger('hwc-mock', { level: 'silent' }) });

  return {
    async answer(request: OperationRequest): Promise<EngineAnswer> {
      const preference = parsePrefer(request.headers.prefer, request.query);
      if (!preference) return errors.validationError();
      const path = request.pathTemplate.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        encodeURIComponent(request.pathParams[name] ?? ''),
      );
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        // The pipeline has negotiated JSON already.
        if (value !== undefined && name !== 'accept')
          headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const input = {
        method: request.method.toLowerCase() as 'get',
        url: { path, query: request.query as Record<string, string | string[]> },
        headers,
        body: request.body,
      };
      const result = (await prism.request(input, operations, {
        ...config,
        mock: { ...config.mock, ...preference },
      })()) as PrismResult;
      // Prism refuses a preference it cannot meet (an undocumented status or example): a bad request.
      if (result._tag === 'Left') return errors.validationError();
      const { statusCode, body } = result.right.output;
      return { status: statusCode, body: body === '' ? undefined : body };
    },
  };
}
