/**
 * xl/sharedStrings.xml: every text of the book once, numbered by first use (as ExcelJS numbered
 * them). A cell's raw text is cleaned (cellText) once per distinct text, and the part is written
 * straight to UTF-8 bytes.
 */
import type { PartChunk } from '../../zip/write';
import { ascii, ByteWriter, type BlockPool } from './byte-writer';
import { cellText, F_CLEANING, F_ESCAPE, F_PRESERVE, MAIN_NS, textFlags, XML_DECL, xmlEscape } from './escape';

/** A flag of ours beside textFlags' (F_*): the stored text is its own cellText. */
const F_FIXED = 8;

const B_SI_T = ascii('<si><t>');
const B_SI_T_PRESERVE = ascii('<si><t xml:space="preserve">');
const B_T_SI = ascii('</t></si>');

/** Shared strings, numbered by first use. */
export class SharedStrings {
  readonly index = new Map<string, number>();
  readonly values: string[] = [];
  count = 0;
  /** By index: F_* flags. */
  private readonly flags: number[] = [];
  /** Raw texts that cleaning changed -> their index (rare: control characters, "_x0041_"-like runs). */
  private readonly dirty = new Map<string, number>();

  private push(s: string, flags: number): number {
    const i = this.values.length;
    this.values.push(s);
    this.index.set(s, i);
    this.flags.push(flags);
    return i;
  }

  /** `s` is a cell's text as written (cellText already applied). */
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      const f = textFlags(s);
      i = this.push(s, !(f & F_CLEANING) || cellText(s) === s ? f | F_FIXED : f);
    }
    this.count++;
    return i;
  }

  /** add(cellText(raw)), cleaning each distinct text once. */
  addRaw(raw: string): number {
    const i = this.index.get(raw);
    // The common case in a few operations (inlined where it is called); the rest apart.
    if (i !== undefined && this.flags[i] & F_FIXED) {
      this.count++;
      return i;
    }
    return this.addRawSlow(raw);
  }

  /** addRaw for a text not stored, or stored but not as its own raw form. */
  private addRawSlow(raw: string): number {
    // A stored text that cleaning keeps is its own raw form; one that cleaning changes
    // ("_x005F_x0041_") may not be, so it takes the long way.
    let i = this.dirty.get(raw);
    if (i !== undefined) {
      this.count++;
      return i;
    }
    const f = textFlags(raw);
    if (!(f & F_CLEANING)) {
      // Nothing to clean: the raw text is the cell's text, not stored yet (else it would be fixed).
      this.count++;
      return this.push(raw, f | F_FIXED);
    }
    const clean = cellText(raw);
    i = this.add(clean);
    if (clean !== raw) this.dirty.set(raw, i);
    return i;
  }

  /**
   * The part in pieces, written straight to UTF-8 (no string is built for it: a big list's
   * strings are millions of characters).
   */
  *xml(pool: BlockPool): Generator<PartChunk, void, undefined> {
    const out = new ByteWriter(pool);
    out.ascii(`${XML_DECL}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.values.length}">`);
    for (let i = 0; i < this.values.length; ) {
      i = this.fill(out, i);
      if (out.full) yield out.take();
    }
    out.ascii('</sst>');
    yield out.take();
  }

  /** Items from `from` until `out` is full or all are written; the next item. A plain method: see BodyRows (./rows.ts). */
  private fill(out: ByteWriter, from: number): number {
    const { values, flags } = this;
    for (let i = from; i < values.length; i++) {
      const f = flags[i];
      out.bytes(f & F_PRESERVE ? B_SI_T_PRESERVE : B_SI_T);
      out.utf8(f & F_ESCAPE ? xmlEscape(values[i]) : values[i]);
      out.bytes(B_T_SI);
      if (out.full) return i + 1;
    }
    return values.length;
  }
}
