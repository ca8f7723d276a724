/**
 * Markup written straight into UTF-8 bytes, for the big parts (the list's generated rows, the shared
 * strings): no string is built per cell and none is encoded afterwards. The blocks written into
 * come from a pool and go back to it once compressed.
 */

/** ASCII text as bytes. */
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

const UTF8 = new TextEncoder();

/**
 * Blocks handed to the compressor come back when it is done with them (BookPart.recycle): a
 * 37 MB list is written through a few blocks instead of 150 fresh ones, which the collector would
 * free only at its next full collection.
 */
export class BlockPool {
  private readonly free: Uint8Array[] = [];
  constructor(readonly size: number) {}

  get(): Uint8Array {
    return this.free.pop() ?? new Uint8Array(this.size);
  }

  /** A chunk that was a block of this pool (from its start) may be written over again. */
  recycle = (chunk: Uint8Array): void => {
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength === this.size && this.free.length < 8) this.free.push(new Uint8Array(chunk.buffer));
  };
}

/** Markup written as bytes into blocks of the pool's size; a full block is handed over. */
export class ByteWriter {
  private buf: Uint8Array;
  pos = 0;
  private readonly size: number;
  constructor(private readonly pool: BlockPool) {
    this.size = pool.size;
    this.buf = pool.get();
  }

  /** Less than a cell's worth of room left (a cell's markup is under 100 bytes, a number's text 25). */
  get full(): boolean {
    return this.pos > this.size - 4096;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // Only a row wider than the block's margin gets here: grow the block.
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    // A loop: for a few bytes it beats TypedArray.set, a call into the runtime.
    for (let i = 0; i < n; i++) buf[p++] = b[i];
    this.pos = p;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    this.room(16);
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const buf = this.buf;
    let p = (this.pos += digits);
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--p] = 48 + (n - q * 10);
      n = q;
    }
    buf[--p] = 48 + n;
  }

  /** Any text, as UTF-8 (at most three bytes per UTF-16 code unit). */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += UTF8.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.pool.get();
    this.pos = 0;
    return out;
  }
}
