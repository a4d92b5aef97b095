import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { GATEWAY, gatewayBody, nextRequestId } from './gateway.js';
import type { Pipeline } from './index.js';

/** Largest request head (request line and headers) the mock reads; beyond it the gateway's 400. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Writes a whole JSON answer on a socket that node:http will not answer on (a refused request head). */
function answerRaw(socket: Socket, status: number, reason: string, body: unknown, requestId: string): void {
  if (socket.destroyed || !socket.writable) return;
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` +
      `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${payload}`,
  );
}

/**
 * The HTTP server of one mock. Besides the pipeline's requests, it answers what node:http refuses before a
 * request exists (an unknown method, a malformed request line or header, a request head that is too large) and
 * CONNECT or Upgrade requests, each with the gateway's JSON error rather than a bare status or a closed socket.
 */
export function createMockServer(pipeline: Pipeline): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 60_000 }, pipeline.handle);
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const requestId = nextRequestId();
    answerRaw(socket, 400, 'Bad Request', gatewayBody(GATEWAY.requestError, requestId), requestId);
  });
  const refuseTunnel = (_req: unknown, socket: Socket) => {
    const requestId = nextRequestId();
    answerRaw(socket, 404, 'Not Found', gatewayBody(GATEWAY.unknownApi, requestId), requestId);
  };
  server.on('connect', refuseTunnel);
  server.on('upgrade', refuseTunnel);
  return server;
}
