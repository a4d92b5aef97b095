// Synchronous SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104).
// Web Crypto's subtle.digest/sign are async and cost ~60 µs per call in Node 20 (a thread-pool hop each);
// signing needs two dependent calls, which alone would add ~50% to a local round trip. A request's canonical
// form is a few hundred bytes, which this hashes in a few µs on any runtime. Large bodies use Web Crypto.

import { builtin } from './builtin.js';

const K = Int32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
    .split(' ')
    .map((h) => Number.parseInt(h, 16)),
);
const IV = Int32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);
const W = new Int32Array(64);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function compress(H: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) {
    W[i] =
      ((b[off] as number) << 24) |
      ((b[off + 1] as number) << 16) |
      ((b[off + 2] as number) << 8) |
      (b[off + 3] as number);
  }
  rounds(H);
}

/** One block: `W[0..15]` (big-endian words) into `H`. */
function rounds(H: Int32Array): void {
  const w = W;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = s1 + (w[i - 7] as number) + s0 + (w[i - 16] as number);
  }
  let a = H[0] as number;
  let c1 = H[1] as number;
  let c2 = H[2] as number;
  let d = H[3] as number;
  let e = H[4] as number;
  let f = H[5] as number;
  let g = H[6] as number;
  let h = H[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & c1) ^ (a & c2) ^ (c1 & c2))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c2;
    c2 = c1;
    c1 = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] as number) + a;
  H[1] = (H[1] as number) + c1;
  H[2] = (H[2] as number) + c2;
  H[3] = (H[3] as number) + d;
  H[4] = (H[4] as number) + e;
  H[5] = (H[5] as number) + f;
  H[6] = (H[6] as number) + g;
  H[7] = (H[7] as number) + h;
}

/** Hashes `data`, continuing from `state` after `prefix` already-hashed bytes (HMAC midstates). */
function digest(data: Uint8Array, state: Int32Array = IV, prefix = 0): Int32Array {
  const H = state.slice();
  const n = data.length;
  let off = 0;
  for (; off + 64 <= n; off += 64) compress(H, data, off);
  const rest = n - off;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(off));
  tail[rest] = 0x80;
  const bits = (prefix + n) * 8; // < 2^53, so the top length byte stays 0
  const end = tail.length;
  const hi = Math.floor(bits / 0x100000000);
  tail[end - 5] = hi;
  tail[end - 6] = hi >>> 8;
  tail[end - 7] = hi >>> 16;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  for (let o = 0; o < end; o += 64) compress(H, tail, o);
  return H;
}

const STATE = new Int32Array(8);
const encoder = new TextEncoder();

/**
 * Hashes an ASCII string straight from its char codes, continuing from `state` after `prefix` bytes, into the shared
 * `STATE` (read it before the next call), without allocating. Returns undefined at the first non-ASCII character.
 */
function digestAscii(text: string, state: Int32Array, prefix: number): Int32Array | undefined {
  const H = STATE;
  H.set(state);
  const n = text.length;
  let word = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    word = (word << 8) | c;
    if ((i & 3) === 3) {
      W[w++] = word;
      word = 0;
      if (w === 16) {
        rounds(H);
        w = 0;
      }
    }
  }
  // Padding: 0x80 after the last byte, zeros, then the length in bits in the last two words.
  const pending = n & 3;
  W[w++] = ((word << 8) | 0x80) << ((3 - pending) * 8);
  if (w > 14) {
    while (w < 16) W[w++] = 0;
    rounds(H);
    w = 0;
  }
  while (w < 14) W[w++] = 0;
  const bits = (prefix + n) * 8;
  W[14] = Math.floor(bits / 0x100000000);
  W[15] = bits | 0;
  rounds(H);
  return H;
}

function hexOf(H: Int32Array): string {
  let s = '';
  for (let i = 0; i < 8; i++) {
    const v = H[i] as number;
    s += (HEX[v >>> 24] as string) + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];
  }
  return s;
}

function toBytes(H: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = H[i] as number;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
  return out;
}

/** Lower-case hex of a byte array. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

/** Lower-case hex SHA-256 of a string (as UTF-8) or bytes, in JavaScript. */
export function sha256Hex(data: string | Uint8Array): string {
  if (typeof data !== 'string') return hexOf(digest(data));
  return hexOf(digestAscii(data, IV, 0) ?? digest(encoder.encode(data)));
}

interface NodeCrypto {
  /** One-shot, without a Hash object (Node ≥ 20.12). */
  hash(algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex'): string;
}
const crypto = builtin('node:crypto') as Partial<NodeCrypto> | undefined;
const native = typeof crypto?.hash === 'function' ? (crypto as NodeCrypto) : undefined;

/** Whether `sha256Of` hashes natively (else in JavaScript, with Web Crypto for large bodies). */
export const nativeHashing = native !== undefined;

/** Lower-case hex SHA-256 of a string (as UTF-8) or bytes. */
export function sha256Of(data: string | Uint8Array): string {
  return native ? native.hash('sha256', data, 'hex') : sha256Hex(data);
}

/**
 * A lower-case hex HMAC-SHA256 function of strings (as UTF-8) for `key`. The padded key blocks are hashed once here;
 * a call then hashes three blocks in JavaScript, without allocating, on every runtime. In a client's request loop
 * that measured as fast as Node's Hmac (which sets the key up again per call) or two one-shot native hashes.
 */
export function hmacOf(key: Uint8Array): (message: string) => string {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? toBytes(digest(key)) : key);
  const pad = (x: number): Int32Array => {
    const H = IV.slice();
    compress(
      H,
      block.map((b) => b ^ x),
      0,
    );
    return H;
  };
  const inner = pad(0x36);
  const outer = pad(0x5c);
  block.fill(0);
  return (message) => {
    W.set(digestAscii(message, inner, 64) ?? digest(encoder.encode(message), inner, 64));
    // The outer message is the 32-byte inner digest: with its padding, exactly one block.
    W[8] = 0x80000000 | 0;
    W.fill(0, 9, 15);
    W[15] = (64 + 32) * 8;
    STATE.set(outer);
    rounds(STATE);
    return hexOf(STATE);
  };
}
