/**
 * BIFF records ([MS-XLS] 2.1.4): a 2-byte type, a 2-byte length, the data. A record too long for
 * one piece goes on in CONTINUE records; a string that crosses into one starts that piece with a
 * fresh flags byte (compressed or not). Cursor reads across those pieces, never past the data.
 */

export const RT = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  EXTERNNAME: 0x0023,
  EXTERNSHEET: 0x0017,
  NAME: 0x0018,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  FONT: 0x0031,
  CONTINUE: 0x003c,
  CODEPAGE: 0x0042,
  BOUNDSHEET: 0x0085,
  MULRK: 0x00bd,
  MULBLANK: 0x00be,
  RSTRING: 0x00d6,
  XF: 0x00e0,
  MERGEDCELLS: 0x00e5,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  SUPBOOK: 0x01ae,
  BLANK: 0x0201,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  ARRAY: 0x0221,
  RK: 0x027e,
  FORMAT: 0x041e,
  SHRFMLA: 0x04bc,
  /** BOF of BIFF5 and later; BIFF2, 3 and 4 used 0x0009, 0x0209 and 0x0409. */
  BOF: 0x0809,
} as const;

export function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
export function i16(b: Uint8Array, i: number): number {
  return (u16(b, i) << 16) >> 16;
}
export function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

const F64 = new DataView(new ArrayBuffer(8));
export function f64(b: Uint8Array, i: number): number {
  for (let k = 0; k < 8; k++) F64.setUint8(k, b[i + k]);
  return F64.getFloat64(0, true);
}

/** An RK number ([MS-XLS] 2.5.218): a 30-bit integer or the high bits of a double, maybe /100. */
export function rk(v: number): number {
  let x: number;
  if (v & 2) x = (v | 0) >> 2;
  else {
    F64.setUint32(0, 0, true);
    F64.setUint32(4, (v & 0xfffffffc) >>> 0, true);
    x = F64.getFloat64(0, true);
  }
  return v & 1 ? x / 100 : x;
}

/** Code units (bytes or UTF-16 units) to a string, in slices so that no call takes too many arguments. */
export function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCharCode.apply(null, Array.from(b.subarray(i, Math.min(to, i + 4096))));
  return s;
}

export function utf16(b: Uint8Array, from: number, count: number): string {
  let s = '';
  const units: number[] = [];
  for (let k = 0; k < count; k++) {
    units.push(b[from + 2 * k] | (b[from + 2 * k + 1] << 8));
    if (units.length === 4096) {
      s += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
  }
  if (units.length) s += String.fromCharCode.apply(null, units);
  return s;
}

/** Thrown by Cursor when a string is longer than allowed: the caller says where. */
export class TextTooLong extends Error {
  constructor(readonly length: number) {
    super('text too long');
  }
}

/**
 * Reads a record's data and its CONTINUE pieces: `segs` holds [start, end) pairs into `b`.
 * Reading past the last piece gives zeros for numbers and stops strings short (a damaged record
 * loses its tail, it does not stop the file).
 */
export class Cursor {
  private k = 0;
  pos: number;
  private end: number;
  constructor(
    private readonly b: Uint8Array,
    private readonly segs: number[],
  ) {
    this.pos = segs[0];
    this.end = segs[1];
  }

  /** Moves to the next piece; false at the end. */
  private next(): boolean {
    if (this.k + 2 >= this.segs.length) {
      this.pos = this.end;
      return false;
    }
    this.k += 2;
    this.pos = this.segs[this.k];
    this.end = this.segs[this.k + 1];
    return true;
  }

  atEnd(): boolean {
    while (this.pos >= this.end) if (!this.next()) return true;
    return false;
  }

  u8(): number {
    if (this.atEnd()) return 0;
    return this.b[this.pos++];
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return this.u16() + this.u16() * 0x10000;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0 && !this.atEnd()) {
      const take = Math.min(left, this.end - this.pos);
      this.pos += take;
      left -= take;
    }
  }

  /**
   * `cch` characters, one or two bytes each as `high` says; a new piece starts with a flags byte
   * that says it again. Throws TextTooLong past `max` characters, before reading them.
   */
  chars(cch: number, high: boolean, max: number): string {
    if (cch > max) throw new TextTooLong(cch);
    let out = '';
    let need = cch;
    let wide = high;
    while (need > 0) {
      if (this.pos >= this.end || (wide && this.end - this.pos < 2)) {
        // A piece ends inside the characters: the next one says how they go on.
        if (!this.next()) break;
        if (this.pos < this.end) wide = (this.b[this.pos++] & 1) === 1;
        continue;
      }
      const avail = wide ? (this.end - this.pos) >> 1 : this.end - this.pos;
      const take = Math.min(avail, need);
      out += wide ? utf16(this.b, this.pos, take) : latin1(this.b, this.pos, this.pos + take);
      this.pos += take * (wide ? 2 : 1);
      need -= take;
    }
    return out;
  }

  /**
   * A BIFF8 XLUnicodeString (`lenBytes` 2) or ShortXLUnicodeString (1): length, flags, rich-text
   * run count and phonetic size when flagged, the characters, then the runs and phonetic data skipped.
   */
  unicode(lenBytes: 1 | 2, max: number): string {
    const cch = lenBytes === 2 ? this.u16() : this.u8();
    const flags = this.u8();
    const runs = flags & 8 ? this.u16() : 0;
    const ext = flags & 4 ? this.u32() : 0;
    const s = this.chars(cch, (flags & 1) === 1, max);
    this.skip(runs * 4);
    this.skip(ext);
    return s;
  }

  /** Raw bytes (BIFF5 8-bit text, decoded by the caller with the workbook's code page). */
  bytes(count: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, count));
    let at = 0;
    while (at < count && !this.atEnd()) {
      const take = Math.min(count - at, this.end - this.pos);
      out.set(this.b.subarray(this.pos, this.pos + take), at);
      this.pos += take;
      at += take;
    }
    return at < count ? out.subarray(0, at) : out;
  }
}
