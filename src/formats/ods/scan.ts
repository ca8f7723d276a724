/**
 * The scanner for an .ods body: walkXml's tolerant reading (../xlsx/read/xml.ts, whose pieces it
 * uses), made cheap for content.xml, which is large (LibreOffice writes some 1.3 KB of markup per
 * row): attributes are parsed only for the elements that ask for them, and text between tags is
 * decoded only while the reader wants it (inside a cell's paragraph).
 */
import { decodeEntities, skipSpecial, tagEnd } from '../xlsx/read/xml';

/** Attributes by qualified name, and by local name too (the first of that local name wins). */
export type OdsAttrs = Record<string, string>;

/** The start tag being handed over: its attributes are parsed on the first call (reused per tag). */
export class Tag {
  xml = '';
  from = 0;
  to = 0;
  private parsed: OdsAttrs | null = null;
  set(xml: string, from: number, to: number): void {
    this.xml = xml;
    this.from = from;
    this.to = to;
    this.parsed = null;
  }
  attrs(): OdsAttrs {
    return (this.parsed ??= parseAttrs(this.xml, this.from, this.to));
  }

  // A cursor over the attributes, allocating nothing until a value is asked for: the cells'
  // attributes are read this way (there may be millions of cells).
  private at = 0;
  /** Qualified name start, local name start, name end, value start and end, of the current attribute. */
  private ns = 0;
  private ls = 0;
  private ne = 0;
  private vs = 0;
  private ve = 0;

  /** Moves to the next attribute; false after the last. Start with begin(). */
  next(): boolean {
    const x = this.xml;
    const to = this.to;
    let i = this.at;
    for (;;) {
      while (i < to && (isSpace(x.charCodeAt(i)) || x.charCodeAt(i) === 47)) i++;
      if (i >= to) {
        this.at = to;
        return false;
      }
      this.ns = this.ls = i;
      while (i < to) {
        const c = x.charCodeAt(i);
        if (c === 61 || isSpace(c) || c === 47) break;
        if (c === 58) this.ls = i + 1;
        i++;
      }
      this.ne = i;
      while (i < to && isSpace(x.charCodeAt(i))) i++;
      if (x.charCodeAt(i) !== 61) {
        this.vs = this.ve = i;
        this.at = i;
        if (this.ne > this.ns) return true;
        i++;
        continue;
      }
      i++;
      while (i < to && isSpace(x.charCodeAt(i))) i++;
      const c = x.charCodeAt(i);
      if (c === 34 || c === 39) {
        let q = x.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0 || q > to) q = to;
        this.vs = i + 1;
        this.ve = q;
        i = q + 1;
      } else {
        this.vs = i;
        while (i < to && !isSpace(x.charCodeAt(i))) i++;
        this.ve = i;
      }
      this.at = i;
      return true;
    }
  }

  begin(): void {
    this.at = this.from;
  }

  /** The current attribute's local name is `name`. */
  is(name: string): boolean {
    return this.ne - this.ls === name.length && this.xml.startsWith(name, this.ls);
  }

  /** The current attribute's prefix is `prefix` ("" for none). */
  prefixIs(prefix: string): boolean {
    return prefix === '' ? this.ls === this.ns : this.ls - this.ns === prefix.length + 1 && this.xml.startsWith(prefix, this.ns);
  }

  value(): string {
    const v = this.xml.slice(this.vs, this.ve);
    return v.indexOf('&') < 0 ? v : decodeEntities(v);
  }
}

export interface ScanHandler {
  /** `name` is the local name; `tag.attrs()` parses the attributes (call it only when needed, during the call). */
  open(name: string, tag: Tag, selfClosing: boolean): void;
  close(name: string): void;
  /** Whether the text that follows is wanted now. */
  wantsText(): boolean;
  text(text: string): void;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function parseAttrs(xml: string, from: number, to: number): OdsAttrs {
  const attrs: OdsAttrs = {};
  let i = from;
  while (i < to) {
    let c = xml.charCodeAt(i);
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    const ns = i;
    let ls = i;
    while (i < to) {
      c = xml.charCodeAt(i);
      if (c === 61 || isSpace(c) || c === 47) break;
      if (c === 58) ls = i + 1;
      i++;
    }
    const name = xml.slice(ns, i);
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 61) {
      if (name) attrs[name] = '';
      continue;
    }
    i++;
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    c = xml.charCodeAt(i);
    let value: string;
    if (c === 34 || c === 39) {
      let q = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (q < 0 || q > to) q = to;
      value = xml.slice(i + 1, q);
      i = q + 1;
    } else {
      const vs = i;
      while (i < to && !isSpace(xml.charCodeAt(i))) i++;
      value = xml.slice(vs, i);
    }
    if (!name) continue;
    const v = value.indexOf('&') < 0 ? value : decodeEntities(value);
    attrs[name] = v;
    if (ls > ns) {
      const local = name.slice(ls - ns);
      if (!(local in attrs)) attrs[local] = v;
    }
  }
  return attrs;
}

/** Walks the document once; tolerant of malformed markup as walkXml is. */
export function scanXml(xml: string, part: string, h: ScanHandler): void {
  const n = xml.length;
  let i = 0;
  const tag = new Tag();
  const onText = (t: string) => {
    if (h.wantsText()) h.text(t);
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (stop > i && h.wantsText()) h.text(decodeEntities(xml.slice(i, stop)));
    if (lt < 0) return;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 || c === 63) {
      const next = skipSpecial(xml, lt, part, onText);
      if (next < 0) return;
      i = next;
      continue;
    }
    if (c === 47) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) return;
      let ls = lt + 2;
      let le = gt;
      while (le > ls && isSpace(xml.charCodeAt(le - 1))) le--;
      for (let k = ls; k < le; k++) if (xml.charCodeAt(k) === 58) ls = k + 1;
      h.close(xml.slice(ls, le));
      i = gt + 1;
      continue;
    }
    if (lt + 1 >= n || isSpace(c) || c === 60 || c === 62 || c === 61) {
      if (h.wantsText()) h.text('<');
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    let ls = j;
    while (j < n) {
      const d = xml.charCodeAt(j);
      if (isSpace(d) || d === 47 || d === 62) break;
      if (d === 58) ls = j + 1;
      j++;
    }
    const name = xml.slice(ls, j);
    const gt = tagEnd(xml, j);
    const end = gt < 0 ? n : gt;
    const selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47 && gt - 1 >= j;
    tag.set(xml, j, selfClosing ? end - 1 : end);
    h.open(name, tag, selfClosing);
    if (selfClosing) h.close(name);
    if (gt < 0) return;
    i = gt + 1;
  }
}
