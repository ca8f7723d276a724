/**
 * Mutations of a real file's bytes: header fields of the zip set to awkward values (signatures,
 * sizes, methods, offsets, counts, name lengths), then bit flips, bytes set, inserted, deleted and
 * copied, and the file cut short. On the copy with stored parts, the CRCs may be put right after
 * the damage, so that damage inside a part's data reaches the XML scanner instead of the CRC check.
 * A mutation is a short list of operations (shrinkable, and readable in a counterexample).
 */
import fc from 'fast-check';
import { BASES, zipLayout, type Base } from './corpus';

export type ByteOp =
  /** A header field (by its index in the base's field list) set to a value, or moved by `delta`. */
  | { k: 'field'; f: number; v: number; delta: boolean }
  | { k: 'flip'; at: number; bit: number; fromEnd: boolean }
  | { k: 'set'; at: number; v: number; fromEnd: boolean }
  | { k: 'insert'; at: number; data: number[]; fromEnd: boolean }
  | { k: 'delete'; at: number; n: number; fromEnd: boolean }
  /** A copy of [from, from+n) inserted at `to` (a header repeated, a directory record twice…). */
  | { k: 'copy'; from: number; n: number; to: number }
  | { k: 'cut'; at: number; fromEnd: boolean };

export interface ByteMutation {
  base: number;
  /** Mutate the copy whose parts are stored, and put the CRCs right afterwards. */
  stored: boolean;
  fixCrc: boolean;
  ops: ByteOp[];
}

const AWKWARD = [0, 1, 2, 8, 9, 12, 14, 93, 99, 0xff, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x04034b50, 0x02014b50, 0x06054b50];

const pos = fc.nat({ max: 1 << 20 });
const fromEnd = fc.boolean();

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('field' as const), f: fc.nat({ max: 4096 }), v: fc.oneof(fc.constantFrom(...AWKWARD), fc.nat({ max: 0xffffffff }), fc.integer({ min: -64, max: 64 })), delta: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('flip' as const), at: pos, bit: fc.nat({ max: 7 }), fromEnd }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('set' as const), at: pos, v: fc.oneof(fc.constantFrom(0, 0xff, 0x3c, 0x3e, 0x22, 0x26, 0x50, 0x4b), fc.nat({ max: 255 })), fromEnd }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('insert' as const), at: pos, data: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 64 }), fromEnd }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), at: pos, n: fc.integer({ min: 1, max: 256 }), fromEnd }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('copy' as const), from: pos, n: fc.integer({ min: 1, max: 512 }), to: pos }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cut' as const), at: fc.nat({ max: 4096 }), fromEnd }) },
);

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  stored: fc.boolean(),
  fixCrc: fc.boolean(),
  ops: fc.array(byteOp, { minLength: 1, maxLength: 6 }),
});

function where(at: number, len: number, end: boolean): number {
  const p = at % (len + 1);
  return end ? len - p : p;
}

function writeLe(b: Uint8Array, at: number, size: 2 | 4, v: number): void {
  const x = v >>> 0;
  for (let k = 0; k < size && at + k < b.length; k++) b[at + k] = (x >>> (8 * k)) & 0xff;
}

function readLe(b: Uint8Array, at: number, size: 2 | 4): number {
  let v = 0;
  for (let k = size - 1; k >= 0; k--) v = v * 256 + (b[at + k] ?? 0);
  return v;
}

/** The table of CRC-32 (the zip's polynomial), for putting a stored part's CRC right. */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < b.length; i++) c = TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Puts right the CRC of every stored part whose data can still be found (both headers). */
function fixCrcs(b: Uint8Array): void {
  for (const e of zipLayout(b).entries) {
    if (e.method !== 0 || e.local + 30 > b.length) continue;
    const start = e.local + 30 + readLe(b, e.local + 26, 2) + readLe(b, e.local + 28, 2);
    const end = start + e.compressedSize;
    if (end > b.length) continue;
    const crc = crc32(b.subarray(start, end));
    writeLe(b, e.central + 16, 4, crc);
    writeLe(b, e.local + 14, 4, crc);
  }
}

export function applyByteMutation(m: ByteMutation): { bytes: Uint8Array; base: Base } {
  const base = BASES[m.base % BASES.length];
  const useStored = m.stored && base.stored !== null;
  const fields = useStored ? base.storedFields : base.fields;
  let b = new Uint8Array(useStored ? (base.stored as Uint8Array) : base.bytes);
  // Header fields first, while their offsets still hold.
  for (const op of m.ops) {
    if (op.k !== 'field' || fields.length === 0) continue;
    const f = fields[op.f % fields.length];
    writeLe(b, f.at, f.size, op.delta ? readLe(b, f.at, f.size) + op.v : op.v);
  }
  for (const op of m.ops) {
    const len = b.length;
    switch (op.k) {
      case 'flip':
        if (len) b[where(op.at, len - 1, op.fromEnd)] ^= 1 << op.bit;
        break;
      case 'set':
        if (len) b[where(op.at, len - 1, op.fromEnd)] = op.v;
        break;
      case 'insert': {
        const at = where(op.at, len, op.fromEnd);
        const out = new Uint8Array(len + op.data.length);
        out.set(b.subarray(0, at));
        out.set(op.data, at);
        out.set(b.subarray(at), at + op.data.length);
        b = out;
        break;
      }
      case 'delete': {
        const at = where(op.at, len, op.fromEnd);
        const out = new Uint8Array(len - Math.min(op.n, len - at));
        out.set(b.subarray(0, at));
        out.set(b.subarray(at + op.n), at);
        b = out;
        break;
      }
      case 'copy': {
        const from = op.from % (len + 1);
        const piece = b.slice(from, from + op.n);
        const to = op.to % (len + 1);
        const out = new Uint8Array(len + piece.length);
        out.set(b.subarray(0, to));
        out.set(piece, to);
        out.set(b.subarray(to), to + piece.length);
        b = out;
        break;
      }
      case 'cut':
        // The last `at` bytes cut off (fromEnd), or all but the first `at` bytes.
        b = b.slice(0, where(op.at, len, op.fromEnd));
        break;
      case 'field':
        break;
    }
  }
  if (useStored && m.fixCrc) fixCrcs(b);
  return { bytes: b, base };
}
