// Byte helpers for tests: this @types/node's Buffer does not type-check as a Uint8Array under TypeScript 5.9,
// so test bytes are joined and written through these. Test helper only.

/** A Buffer as a plain Uint8Array over the same memory. */
export function u8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The parts joined into a new Buffer: Buffers, byte arrays, or strings (UTF-8). */
export function bytes(...parts: (Buffer | number[] | string)[]): Buffer {
  return Buffer.concat(parts.map((p) => u8(Buffer.isBuffer(p) ? p : typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}
