/**
 * Valid zips whose parts are damaged: a real file's parts (unzipped with fflate) with the XML of
 * the sheet, the shared strings, the styles, the workbook, the relationships or the content types
 * mutated, then zipped again. Mutations: markup inserted (random tags and attributes, cells, rows,
 * merges, CDATA, comments, DOCTYPE with and without entities, entity and _xHHHH_ references, deep
 * nesting), attribute values replaced (cell references r="…" huge, negative, NaN, past Excel's grid;
 * style ids s="…" out of range; types t="…"; shared-string indexes out of range; counts, ids, targets),
 * element text replaced, text of random Unicode (lone surrogates, control characters, bidi marks),
 * ranges deleted, repeated or cut off; and parts dropped, renamed, or re-encoded as UTF-16.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { UNZIPPED, type Base } from './corpus';

/** Text that parsers trip on: lone surrogates, controls, bidi and other format marks, noncharacters. */
const nasty = fc.constantFrom(
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u{10ffff}',
  '\u{1f600}',
  'e\u0301',
  '\r',
  '\r\n',
  '\t',
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '-->',
);

/** Random text: any code unit (lone surrogates too), any code point, Vietnamese, the nasty bits. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 }),
  fc.array(nasty, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  fc.constantFrom('Nguyễn Thị Lan', 'Họ và tên', 'Ngày sinh', 'Giáo viên', 'Trường TH Kim Đồng', 'Tr\u00adêng TiÓu häc', 'Kh«ng', 'Mầm non', '12/03/1984', 'Không'),
);

/** Numbers and number-like words that a reader may parse. */
const numberish = fc.oneof(
  fc.constantFrom('0', '1', '-1', '-0', '2', '3', '7', '64', '999', '1048576', '1048577', '16384', '2147483647', '2147483648', '4294967295', '4294967296', '9007199254740993', '99999999999999999999', '1e308', '1e309', '-1e309', '1e-320', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '+5', '.5', '5.', ' 7 ', '', ' ', '١٢', '1,5', '1e', 'e1', 'null', 'true', '__proto__', 'constructor', 'length'),
  fc.integer({ min: -2_000_000, max: 2_000_000 }).map(String),
  fc.double().map(String),
);

/** Cell references, good and bad. */
const ref = fc.oneof(
  fc.constantFrom('A1', 'B2', 'H9', 'XFD1048576', 'XFE1', 'A1048577', 'A0', 'A', '1', '', '$A$1', 'a1', 'AAAAAAAA1', 'ZZZZZZZ1', 'A99999999999', 'A-1', '-1', 'NaN', 'A1:B2', 'R1C1', ' A1', 'A1 ', 'A1\u0000', 'Ａ１', 'A1.5', 'A1e3', '$', '$$A1'),
  fc.tuple(fc.integer({ min: 1, max: 16384 }), fc.integer({ min: 1, max: 1048576 })).map(([c, r]) => `${column(c)}${r}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 60 })).map(([c, r]) => `${column(c)}${r}`),
);

export function column(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const cellType = fc.constantFrom('s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'S', 'x', '', ' s', 'shared', 'string', 'inlinestr');
const styleId = fc.oneof(fc.constantFrom('0', '1', '2', '5', '9', '63999', '64000', '999999', '9999999', '10000000', '-1', '1.5', 'x1', '', '4294967296', '1e3'), fc.nat({ max: 40 }).map(String));

const TAGS = ['c', 'v', 'f', 't', 'is', 'r', 'row', 'sheetData', 'mergeCell', 'mergeCells', 'si', 'sst', 'rPh', 'rFont', 'rPr', 'xf', 'cellXfs', 'numFmt', 'numFmts', 'font', 'fonts', 'name', 'sheet', 'sheets', 'workbookPr', 'Relationship', 'Override', 'worksheet', 'x:c', 'x:v', 'dimension'];
const ATTRS = ['r', 's', 't', 'ref', 'si', 'val', 'numFmtId', 'formatCode', 'fontId', 'count', 'uniqueCount', 'name', 'sheetId', 'r:id', 'state', 'date1904', 'Target', 'Type', 'Id', 'PartName', 'ContentType', 'xml:space', 'xmlns', 'xmlns:x'];
const tagName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TAGS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) });
const attrValue = fc.oneof(numberish, ref, cellType, anyText);
const attrs = fc.array(fc.tuple(fc.constantFrom(...ATTRS), attrValue, fc.constantFrom('"', "'")), { maxLength: 4 }).map((as) => as.map(([n, v, q]) => ` ${n}=${q}${v.replace(q === '"' ? /"/g : /'/g, '')}${q}`).join(''));

/** A well-formed cell of any type, with an awkward reference, style or value. */
const cell = fc
  .record({ r: fc.option(ref), s: fc.option(styleId), t: fc.option(cellType), v: fc.oneof(numberish, anyText), f: fc.option(fc.oneof(fc.constant('A1*2'), fc.constant('"x"&B2'), anyText)), shared: fc.boolean() })
  .map(({ r, s, t, v, f, shared }) => {
    const a = `${r !== null ? ` r="${r}"` : ''}${s !== null ? ` s="${s}"` : ''}${t !== null ? ` t="${t}"` : ''}`;
    const formula = f === null ? '' : shared ? `<f t="shared" ref="A1:A9" si="0">${esc(f)}</f>` : `<f>${esc(f)}</f>`;
    return t === 'inlineStr' ? `<c${a}>${formula}<is><t>${esc(v)}</t></is></c>` : `<c${a}>${formula}<v>${esc(v)}</v></c>`;
  });

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Markup to insert somewhere. */
const snippet: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(tagName, attrs, fc.constantFrom('>', '/>', '', ' ')).map(([n, a, end]) => `<${n}${a}${end}`) },
  { weight: 1, arbitrary: tagName.map((n) => `</${n}>`) },
  { weight: 3, arbitrary: cell },
  { weight: 1, arbitrary: fc.tuple(numberish, fc.array(cell, { maxLength: 3 })).map(([r, cs]) => `<row r="${r}">${cs.join('')}</row>`) },
  { weight: 1, arbitrary: fc.tuple(ref, ref).map(([a, b]) => `<mergeCell ref="${a}:${b}"/>`) },
  { weight: 1, arbitrary: fc.tuple(numberish, anyText).map(([s, t]) => `<si><t>${esc(t)}</t></si><si><r><rPr><rFont val="${s}"/></rPr><t>${esc(t)}</t></r></si>`) },
  { weight: 1, arbitrary: fc.tuple(numberish, numberish).map(([id, f]) => `<xf numFmtId="${id}" fontId="${f}"/><numFmt numFmtId="${id}" formatCode="dd/mm/yyyy"/>`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '<![CDATA[',
      ']]>',
      '<![CDATA[<v>1</v>]]>',
      '<!--',
      '-->',
      '<!-- <c r="A1"><v>1</v></c> -->',
      '<?xml version="1.0"?>',
      '<?',
      '<!DOCTYPE x>',
      '<!DOCTYPE x [<!ENTITY a "bbbbbbbb">]>',
      '<!DOCTYPE x [<!ELEMENT x ANY>]>',
      '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
      '<!doctype x [',
      '<!ENTITY a "b">',
      '<!ELEMENT',
      '&a;',
      '&#0;',
      '&#xD800;',
      '&#x110000;',
      '&#99999999;',
      '&#x;',
      '&amp',
      '&lt;&gt;&quot;&apos;',
      '_x0000_',
      '_xD800_',
      '_x005F_x0041_',
      '_x',
      '<',
      '>',
      '</',
      '<>',
      '< c>',
      '<=',
      '"',
      "'",
      '\u0000',
      '</sheetData>',
      '<sheetData>',
      '</c>',
      '</v></c>',
      '</row>',
      '</si>',
      '</sst>',
      '<sheetData/>',
    ),
  },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'c', 'si', 'row', 'is', 'r', 't', 'v', 'x:a'), fc.integer({ min: 1, max: 20_000 })).map(([t, n]) => `<${t}>`.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'Nguyễn ', '&amp;', '<t>a</t>', '\u0000'), fc.constantFrom(1000, 32_767, 32_768, 70_000)).map(([s, n]) => s.repeat(Math.ceil(n / s.length))) },
);

export type XmlOp =
  | { k: 'insert'; at: number; text: string }
  /** The nth value of attribute `name` (any prefix) replaced. */
  | { k: 'attr'; name: string; nth: number; value: string }
  /** The text of the nth element `tag` replaced. */
  | { k: 'text'; tag: string; nth: number; value: string }
  | { k: 'delete'; at: number; n: number }
  | { k: 'copy'; from: number; n: number; to: number }
  | { k: 'cut'; at: number };

const position = fc.nat({ max: 1 << 20 });

export const xmlOp: fc.Arbitrary<XmlOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('insert' as const), at: position, text: snippet }) },
  {
    weight: 5,
    arbitrary: fc.oneof(
      fc.record({ k: fc.constant('attr' as const), name: fc.constant('r'), nth: fc.nat({ max: 300 }), value: fc.oneof(ref, numberish) }),
      fc.record({ k: fc.constant('attr' as const), name: fc.constant('s'), nth: fc.nat({ max: 300 }), value: styleId }),
      fc.record({ k: fc.constant('attr' as const), name: fc.constant('t'), nth: fc.nat({ max: 300 }), value: cellType }),
      fc.record({ k: fc.constant('attr' as const), name: fc.constantFrom(...ATTRS), nth: fc.nat({ max: 300 }), value: attrValue }),
    ),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('text' as const), tag: fc.constantFrom('v', 't', 'f'), nth: fc.nat({ max: 300 }), value: fc.oneof(numberish, anyText, snippet) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), at: position, n: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('copy' as const), from: position, n: fc.integer({ min: 1, max: 2000 }), to: position }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cut' as const), at: position }) },
);

/** The parts worth mutating, by how they are found in a base (the first match). */
const TARGETS: RegExp[] = [/worksheets\/[^/]*\.xml$/i, /sharedStrings\.xml$/i, /styles\.xml$/i, /workbook\.xml$/i, /workbook\.xml\.rels$/i, /^\[Content_Types\]\.xml$/, /^_rels\/\.rels$/];
const TARGET_WEIGHTS = [8, 4, 3, 2, 1, 1, 1];

export type PartOp =
  | { k: 'drop'; part: number }
  | { k: 'rename'; part: number; how: 'upper' | 'backslash' | 'slash' | 'dot' | 'twice' }
  | { k: 'encode'; part: number; as: 'utf16le' | 'utf16be' | 'declared-1258' | 'declared-bogus' | 'latin1-bytes' };

export interface PartMutation {
  base: number;
  /** Which kind of part (TARGETS) the XML operations go to. */
  target: number;
  ops: XmlOp[];
  /** Package-level changes, by index into the base's part names. */
  parts: PartOp[];
  level: 0 | 1 | 6 | 9;
}

const partOp: fc.Arbitrary<PartOp> = fc.oneof(
  fc.record({ k: fc.constant('drop' as const), part: fc.nat({ max: 64 }) }),
  fc.record({ k: fc.constant('rename' as const), part: fc.nat({ max: 64 }), how: fc.constantFrom('upper' as const, 'backslash' as const, 'slash' as const, 'dot' as const, 'twice' as const) }),
  fc.record({ k: fc.constant('encode' as const), part: fc.nat({ max: 64 }), as: fc.constantFrom('utf16le' as const, 'utf16be' as const, 'declared-1258' as const, 'declared-bogus' as const, 'latin1-bytes' as const) }),
);

export const partMutation: fc.Arbitrary<PartMutation> = fc.record({
  base: fc.nat({ max: UNZIPPED.length - 1 }),
  target: fc.oneof(...TARGET_WEIGHTS.map((weight, i) => ({ weight, arbitrary: fc.constant(i) }))),
  ops: fc.array(xmlOp, { minLength: 1, maxLength: 5 }),
  parts: fc.oneof({ weight: 5, arbitrary: fc.constant([] as PartOp[]) }, { weight: 1, arbitrary: fc.array(partOp, { minLength: 1, maxLength: 2 }) }),
  level: fc.constantFrom(0 as const, 1 as const, 6 as const, 9 as const),
});

/** Index of the nth match (modulo their number), or -1. */
function nthMatch(xml: string, re: RegExp, nth: number): RegExpExecArray | null {
  const all = [...xml.matchAll(re)];
  return all.length ? all[nth % all.length] : null;
}

export function applyXmlOp(xml: string, op: XmlOp): string {
  const n = xml.length;
  switch (op.k) {
    case 'insert': {
      const at = op.at % (n + 1);
      return xml.slice(0, at) + op.text + xml.slice(at);
    }
    case 'attr': {
      const name = op.name.replace(/[^\w:]/g, '');
      const m = nthMatch(xml, new RegExp(`(\\s(?:\\w+:)?${name.replace(/^\w+:/, '')}\\s*=\\s*)(["'])([^"']*)\\2`, 'g'), op.nth);
      if (!m) return xml;
      const q = m[2];
      const at = (m.index as number) + m[1].length + 1;
      return xml.slice(0, at) + op.value.split(q).join('') + xml.slice(at + m[3].length);
    }
    case 'text': {
      const m = nthMatch(xml, new RegExp(`<((?:\\w+:)?${op.tag})(\\s[^>]*)?>([^<]*)</\\1>`, 'g'), op.nth);
      if (!m) return xml;
      const at = (m.index as number) + m[0].length - m[3].length - m[1].length - 3;
      return xml.slice(0, at) + op.value + xml.slice(at + m[3].length);
    }
    case 'delete': {
      const at = op.at % (n + 1);
      return xml.slice(0, at) + xml.slice(at + op.n);
    }
    case 'copy': {
      const from = op.from % (n + 1);
      const to = op.to % (n + 1);
      return xml.slice(0, to) + xml.slice(from, from + op.n) + xml.slice(to);
    }
    case 'cut':
      return xml.slice(0, op.at % (n + 1));
  }
}

function encode(text: string, as: Extract<PartOp, { k: 'encode' }>['as']): Uint8Array {
  switch (as) {
    case 'utf16le':
    case 'utf16be': {
      const out = new Uint8Array(2 + text.length * 2);
      out[0] = as === 'utf16le' ? 0xff : 0xfe;
      out[1] = as === 'utf16le' ? 0xfe : 0xff;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[2 + 2 * i + (as === 'utf16le' ? 0 : 1)] = c & 0xff;
        out[2 + 2 * i + (as === 'utf16le' ? 1 : 0)] = c >> 8;
      }
      return out;
    }
    case 'declared-1258':
      return strToU8(`<?xml version="1.0" encoding="windows-1258"?>${text.replace(/^<\?xml[^>]*>/, '')}`);
    case 'declared-bogus':
      return strToU8(`<?xml version="1.0" encoding="x-no-such-thing"?>${text.replace(/^<\?xml[^>]*>/, '')}`);
    case 'latin1-bytes':
      return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
  }
}

function rename(name: string, how: Extract<PartOp, { k: 'rename' }>['how']): string {
  switch (how) {
    case 'upper':
      return name.toUpperCase();
    case 'backslash':
      return name.replace(/\//g, '\\');
    case 'slash':
      return `/${name}`;
    case 'dot':
      return `./${name}`;
    case 'twice':
      return `${name}.xml`;
  }
}

/** The mutated package, zipped again, and the size of its parts. */
export function applyPartMutation(m: PartMutation): { bytes: Uint8Array; inflated: number; base: Base } {
  const base = UNZIPPED[m.base % UNZIPPED.length];
  const parts = { ...(base.parts as Record<string, Uint8Array>) };
  const names = Object.keys(parts);
  const re = TARGETS[m.target % TARGETS.length];
  const target = names.find((k) => re.test(k)) ?? names.find((k) => /\.xml$/i.test(k)) ?? names[0];
  if (target !== undefined) {
    let xml = new TextDecoder().decode(parts[target]);
    for (const op of m.ops) xml = applyXmlOp(xml, op);
    parts[target] = strToU8(xml);
  }
  for (const op of m.parts) {
    const name = names[op.part % names.length];
    if (!(name in parts)) continue;
    const data = parts[name];
    if (op.k === 'drop') delete parts[name];
    else if (op.k === 'rename') {
      delete parts[name];
      parts[rename(name, op.how)] = data;
    } else parts[name] = encode(new TextDecoder().decode(data), op.as);
  }
  const bytes = zipSync(parts, { level: m.level });
  return { bytes, inflated: Object.values(parts).reduce((a, p) => a + p.length, 0), base };
}
