import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type RawOutcome =
  | { readonly kind: 'answered'; readonly answer: RawAnswer }
  /** The server closed the connection without a complete answer. */
  | { readonly kind: 'closed'; readonly partial: string }
  | { readonly kind: 'timeout' }
  /** The client hung up on purpose (a disconnect mid-body): no answer is expected. */
  | { readonly kind: 'hung-up' };

export interface RawRequest {
  /** The bytes to send, as they are (request line, headers, body); chunks are written one after the other. */
  readonly chunks: readonly (string | Buffer)[];
  /** Hang up right after writing the chunks, without waiting for an answer. */
  readonly hangUp?: boolean;
  /** The request is a HEAD: its answer has no body whatever Content-Length says. */
  readonly head?: boolean;
}

/** Sends raw bytes on a fresh connection and reads one HTTP/1.1 answer (Content-Length framed, as the mock's are). */
export function rawExchange(port: number, request: RawRequest, timeoutMs = 15_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('connect', async () => {
      for (const chunk of request.chunks) {
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
        if (socket.destroyed) return;
      }
      if (request.hangUp) finish({ kind: 'hung-up' });
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = request.head ? 0 : Number(headers['content-length'] ?? 0);
      if (received.length < end + 4 + length) return;
      const body = received.subarray(end + 4, end + 4 + length).toString('utf8');
      finish({ kind: 'answered', answer: { status: Number(statusLine.split(' ')[1]), headers, body } });
    });
    // A write error (the server answered early and closed) still lets the answer already read through.
    socket.on('error', () => finish({ kind: 'closed', partial: received.toString('latin1') }));
    socket.on('end', () => finish({ kind: 'closed', partial: received.toString('latin1') }));
  });
}
