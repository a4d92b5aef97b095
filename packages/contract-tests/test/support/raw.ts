import { request } from 'node:http';
import { inject } from 'vitest';
import { concretePath, VALID_BODIES } from './clients.js';
import type { SpecOperation } from './spec.js';

/**
 * A plain node:http request, used ONLY where the published clients cannot see the mock's answer: `fetch`
 * turns a 407 (Proxy Authentication Required) into a network error, so the mock side is proven here.
 */
export function rawCall(
  op: SpecOperation,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const base = new URL(op.service === 'autoscaling' ? inject('asUrl') : inject('ssUrl'));
  const payload = VALID_BODIES[op.operationId];
  const data = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: op.method.toUpperCase(),
        path: concretePath(op.path),
        headers: {
          'x-auth-token': 'contract-tests',
          ...headers,
          ...(data && { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.once('error', reject);
    req.end(data);
  });
}
