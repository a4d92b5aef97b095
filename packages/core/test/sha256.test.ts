import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacOf, nativeHashing, sha256Hex, sha256Of } from '../src/sha256.js';
import { prng } from './helpers.js';

describe('sha256 / hmac-sha256', () => {
  it('matches node:crypto for every length around the block and padding boundaries', () => {
    const rand = prng(1);
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      expect(sha256Hex(bytes), `length ${n}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const big = new Uint8Array(1_000_003).fill(7);
    expect(sha256Hex(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('matches node:crypto HMAC for short, block-sized and long keys, on ASCII and other messages', () => {
    const rand = prng(2);
    for (const keyLength of [1, 40, 63, 64, 65, 200]) {
      const key = Uint8Array.from({ length: keyLength }, () => Math.floor(rand() * 256));
      const mac = hmacOf(key);
      for (const n of [0, 1, 55, 56, 64, 119, 120, 500]) {
        const ascii = String.fromCharCode(...Array.from({ length: n }, () => Math.floor(rand() * 128)));
        expect(mac(ascii)).toBe(createHmac('sha256', key).update(ascii).digest('hex'));
        const other = `${ascii}é€😀`;
        expect(mac(other)).toBe(createHmac('sha256', key).update(other).digest('hex'));
      }
    }
  });
});

describe('sha256Of', () => {
  it('hashes natively on this Node, as the JavaScript fallback does, strings as UTF-8 and bytes', () => {
    expect(nativeHashing).toBe(true);
    const encoder = new TextEncoder();
    for (const text of ['', 'GET\n/v1/é/\n\nhost:h\n\nhost\ne3b0', 'x'.repeat(100_000)]) {
      const bytes = encoder.encode(text);
      expect(sha256Of(text)).toBe(sha256Hex(bytes));
      expect(sha256Of(bytes)).toBe(sha256Hex(bytes));
    }
  });

  it('hashes strings in JavaScript as their UTF-8 bytes: ASCII straight from the string, at every padding length', () => {
    for (let n = 0; n < 200; n++) {
      const text = 'GET /v1/p?a=1\n'.repeat(20).slice(0, n);
      expect(sha256Hex(text), `length ${n}`).toBe(createHash('sha256').update(text).digest('hex'));
      expect(sha256Hex(`${text}é`), `length ${n}, not ASCII`).toBe(
        createHash('sha256').update(`${text}é`).digest('hex'),
      );
    }
  });
});
