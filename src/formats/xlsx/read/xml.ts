/**
 * A small, tolerant XML scanner for the parts of an .xlsx package. It never resolves entities
 * beyond the five predefined ones and character references, never fetches anything, refuses a
 * DOCTYPE that declares entities (entity bombs), and does not insist on well-formedness: an
 * unclosed tag or a stray `<` does not stop it, so values still come out of sloppy producers' files.
 */
import { unreadable } from '../../errors';

export type XmlAttrs = Record<string, string>;

export interface XmlHandler {
  /** `name` is the local name (prefix stripped); attribute keys keep their prefix. */
  open?(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close?(name: string): void;
  /** Decoded text, including CDATA; called in pieces. */
  text?(text: string): void;
}

const ENTITY_RE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function replaceEntity(m: string, hex: string | undefined, dec: string | undefined, name: string | undefined): string {
  if (name) return NAMED[name];
  const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
  if (cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) return String.fromCodePoint(cp);
  return m;
}

/** XML end-of-line handling: a literal CR LF or lone CR in the document reads as LF. */
export function normalizeNewlines(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/**
 * Decodes raw document text: newlines normalised, then the predefined entities and character
 * references (`&#13;` stays a CR); unknown entities stay as written.
 */
export function decodeEntities(raw: string): string {
  const s = normalizeNewlines(raw);
  return s.indexOf('&') < 0 ? s : s.replace(ENTITY_RE, replaceEntity);
}

const XESC_RE = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML escapes control characters in strings as `_xHHHH_` (`_x000D_` for CR); `_x005F_` escapes `_`. */
export function decodeOoxmlEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(XESC_RE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/** The value of the attribute whose local name is `local`, whatever its prefix. */
export function attrLocal(attrs: XmlAttrs, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k in attrs) {
    const i = k.indexOf(':');
    if (i >= 0 && k.slice(i + 1) === local && k.slice(0, i) !== 'xmlns') return attrs[k];
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Handles markup that starts with `<!` or `<?` at `lt`; returns the index just past it, or -1
 * when the document ends inside it. CDATA text goes to `onText`.
 */
export function skipSpecial(xml: string, lt: number, part: string, onText?: (t: string) => void): number {
  if (xml.charCodeAt(lt + 1) === 63 /* ? */) {
    const e = xml.indexOf('?>', lt + 2);
    return e < 0 ? -1 : e + 2;
  }
  if (xml.startsWith('<!--', lt)) {
    const e = xml.indexOf('-->', lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    const e = xml.indexOf(']]>', lt + 9);
    const end = e < 0 ? xml.length : e;
    if (onText) onText(normalizeNewlines(xml.slice(lt + 9, end)));
    return e < 0 ? -1 : e + 3;
  }
  if (xml.startsWith('DOCTYPE', lt + 2) || xml.startsWith('doctype', lt + 2)) {
    // An internal subset may hold entity declarations: the classic "billion laughs". Excel never
    // writes a DOCTYPE, so one that declares entities is refused; a bare one is skipped.
    let i = lt + 9;
    let depth = 0;
    while (i < xml.length) {
      const c = xml.charCodeAt(i);
      if (c === 34 || c === 39) {
        const q = xml.indexOf(c === 34 ? '"' : "'", i + 1);
        if (q < 0) return -1;
        i = q + 1;
        continue;
      }
      if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */) depth--;
      else if (c === 60 /* < */ && xml.startsWith('<!ENTITY', i)) throw unreadable.unsafeXml(part);
      else if (c === 62 /* > */ && depth <= 0) return i + 1;
      i++;
    }
    return -1;
  }
  // Some other declaration (<!ELEMENT outside a DOCTYPE…): skip to its end.
  const e = xml.indexOf('>', lt + 2);
  return e < 0 ? -1 : e + 1;
}

/**
 * Index of the `>` that ends the tag whose attributes start at `from`, skipping quoted values
 * (where `>` is legal). -1 when the tag never ends.
 */
export function tagEnd(xml: string, from: number): number {
  let i = from;
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const q = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (q < 0) return -1;
      i = q + 1;
    } else if (c === 60 && i > from) {
      // A new tag starts before this one ended: treat this one as ended here.
      return i - 1;
    } else i++;
  }
  return -1;
}

function parseAttrs(xml: string, from: number, to: number): XmlAttrs {
  const attrs: XmlAttrs = {};
  let i = from;
  while (i < to) {
    let c = xml.charCodeAt(i);
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    const ns = i;
    while (i < to) {
      c = xml.charCodeAt(i);
      if (c === 61 || isSpace(c) || c === 47) break;
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
    if (name) attrs[name] = decodeEntities(value);
  }
  return attrs;
}

/** Walks the document, calling the handler; tolerant of malformed markup (see the file comment). */
export function walkXml(xml: string, part: string, h: XmlHandler): void {
  const n = xml.length;
  let i = 0;
  const onText = h.text ? (t: string) => h.text!(t) : undefined;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (onText && stop > i) onText(decodeEntities(xml.slice(i, stop)));
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
      if (h.close) h.close(localName(xml.slice(lt + 2, gt).trim()));
      i = gt + 1;
      continue;
    }
    // A start tag needs a name; otherwise the `<` is stray text.
    if (lt + 1 >= n || isSpace(c) || c === 60 || c === 62 || c === 61) {
      if (onText) onText('<');
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n) {
      const d = xml.charCodeAt(j);
      if (isSpace(d) || d === 47 || d === 62) break;
      j++;
    }
    const name = localName(xml.slice(lt + 1, j));
    const gt = tagEnd(xml, j);
    const end = gt < 0 ? n : gt;
    const selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47 && gt - 1 >= j;
    if (h.open) h.open(name, parseAttrs(xml, j, selfClosing ? end - 1 : end), selfClosing);
    if (selfClosing && h.close) h.close(name);
    if (gt < 0) return;
    i = gt + 1;
  }
}
