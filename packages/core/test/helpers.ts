import { inspect } from 'node:util';
import { expect } from 'vitest';

/** A fake `fetch` that records requests and answers from `respond` (default: 200 `{}`). */
export function fakeFetch(
  respond: (request: Request, index: number) => Response | Promise<Response> = () => json(200, {}),
) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    return respond(request, requests.length - 1);
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every way an error or object can end up in a log. */
export function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 20, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  for (let e: unknown = value; e instanceof Error; e = e.cause)
    out.push(e.message, e.stack ?? '', inspect(e));
  return out;
}

/** Asserts that none of `secrets` appears in any rendering of `value`. */
export function expectClean(value: unknown, secrets: string[]) {
  for (const text of renderings(value)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}
