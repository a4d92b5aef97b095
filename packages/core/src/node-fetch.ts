// fetch for the client's own requests on Node.js, over node:http and node:https. A loopback round trip (client and
// server in one process) took about 260 µs with Node's fetch (undici) and 120 µs with node:http: the difference is
// more than all that signing, timeouts and error typing cost. It returns a standard Response, so everything after
// it is shared with fetch.
// The modules come from process.getBuiltinModule, without an import: bundles for browsers stay free of them, and
// there the client uses fetch. Each is loaded when first needed (together they take about 7 ms to load).
import { builtin, hasBuiltins } from './builtin.js';
import type { HeaderRecord } from './signer.js';

interface Emitter {
  on(event: string, listener: (...args: never[]) => void): this;
}
interface IncomingMessage extends Emitter {
  statusCode?: number;
  statusMessage?: string;
  rawHeaders: string[];
  headers: Record<string, string | string[] | undefined>;
  pause(): void;
  resume(): void;
  pipe<T>(destination: T): T;
  destroy(error?: Error): void;
}
interface ClientRequest extends Emitter {
  end(body?: string | Uint8Array): void;
  destroy(error?: Error): void;
}
interface HttpModule {
  request(
    url: string,
    options: { method: string; headers: HeaderRecord; signal?: AbortSignal },
    onResponse: (response: IncomingMessage) => void,
  ): ClientRequest;
}
interface Decompressor extends Emitter {
  pause(): void;
  resume(): void;
  destroy(error?: Error): void;
}
interface ZlibModule {
  createGunzip(): Decompressor;
  createInflate(): Decompressor;
  createBrotliDecompress(): Decompressor;
}

interface NodeFetchInit {
  method: string;
  headers: HeaderRecord;
  body: string | Uint8Array | undefined;
  signal: AbortSignal | undefined;
}

const loaded = new Map<string, unknown>();
/** A built-in module, loaded on first use. */
function builtinOnce<T>(id: 'node:http' | 'node:https' | 'node:zlib'): T {
  let found = loaded.get(id);
  if (found === undefined) {
    found = builtin(id);
    loaded.set(id, found);
  }
  return found as T;
}

/** Statuses whose Response must have no body (1xx never reach a Response: it refuses them). */
const NULL_BODY = new Set([204, 205, 304]);

function decompressor(encoding: string | undefined): Decompressor | undefined {
  const name = encoding?.trim().toLowerCase();
  if (name !== 'gzip' && name !== 'x-gzip' && name !== 'deflate' && name !== 'br') return undefined;
  const zlib = builtinOnce<ZlibModule>('node:zlib');
  if (name === 'deflate') return zlib.createInflate();
  return name === 'br' ? zlib.createBrotliDecompress() : zlib.createGunzip();
}

/** The Response for an answer: its body streams as it arrives, decompressed as fetch would. */
function toResponse(method: string, response: IncomingMessage): Response {
  const status = response.statusCode ?? 0;
  const headers = new Headers();
  const raw = response.rawHeaders;
  let encoding: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    headers.append(name, value);
    if (name.length === 16 && name.toLowerCase() === 'content-encoding') encoding = value;
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (method === 'HEAD' || NULL_BODY.has(status)) response.resume();
  else {
    const decoder = decompressor(encoding);
    const source: Decompressor | IncomingMessage = decoder ? response.pipe(decoder) : response;
    body = new ReadableStream<Uint8Array>({
      start(controller) {
        source.on('data', (chunk: Uint8Array) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.on('end', () => controller.close());
        const fail = (error: Error) => controller.error(error);
        source.on('error', fail);
        if (decoder) response.on('error', fail);
      },
      pull() {
        source.resume();
      },
      cancel() {
        response.destroy();
        decoder?.destroy();
      },
    });
  }
  return new Response(body, { status, statusText: response.statusMessage ?? '', headers });
}

/**
 * Sends one request with Node's own HTTP client (its keep-alive global agents) and resolves to a Response. Never
 * follows a redirect. `onRequest` receives a function that destroys the request and its connection, for a timeout.
 * Undefined where the runtime has no built-in modules.
 */
export const nodeFetch = hasBuiltins
  ? (url: string, init: NodeFetchInit, onRequest: (destroy: () => void) => void): Promise<Response> =>
      new Promise((resolve, reject) => {
        const transport = builtinOnce<HttpModule>(url.startsWith('https:') ? 'node:https' : 'node:http');
        const { method, headers, signal } = init;
        const options = signal ? { method, headers, signal } : { method, headers };
        const request = transport.request(url, options, (response) => {
          try {
            resolve(toResponse(method, response));
          } catch (error) {
            // What a Response cannot hold: a status below 200 or above 599, a header fetch would refuse.
            response.destroy();
            reject(error);
          }
        });
        request.on('error', reject);
        onRequest(() => request.destroy());
        request.end(init.body);
      })
  : undefined;
