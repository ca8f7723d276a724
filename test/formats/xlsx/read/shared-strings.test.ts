/**
 * The shared-string table: items of Excel's plain shape are read by position, any other item by
 * the general walker, and a document not laid out as Excel lays it out by the walker alone. All
 * three give the same strings, fonts and refusals.
 */
import { parseSharedStrings } from '../../../../src/formats/xlsx/read/shared-strings';
import { UnreadableError } from '../../../../src/formats/errors';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Every shape of item met in real files (and a few sloppy ones). */
const ITEMS = [
  '<si><t>Nguyễn Thị Lan</t></si>',
  '<si><t xml:space="preserve"> Giáo viên </t></si>',
  '<si><t>Sở GD&amp;ĐT &lt;Đắk Nông&gt; &#7853;&#x1EA1; &bogus;</t></si>',
  '<si><t>dòng 1_x000D_\r\ndòng 2\rdòng 3_x005F_x0041_</t></si>',
  '<si><r><rPr><b/><rFont val=".VnTime"/></rPr><t>Tr\u00adêng </t></r><r><t xml:space="preserve">TiÓu häc</t></r></si>',
  '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
  '<si><t><![CDATA[a <b> & c]]></t></si>',
  '<si><t/></si>',
  '<si></si>',
  '<si><t>không đóng</si>',
  '<si><!-- ghi chú --><t>sau chú thích</t></si>',
  "<si><t xml:space='preserve'>nháy đơn</t></si>",
  '<si><t></t></si>',
];

const doc = (items: string[], sep = '') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="9" uniqueCount="9">${items.join(sep)}</sst>`;
/** The same document, with markup between the items: only the walker reads it. */
const walked = (items: string[]) => doc(items).replace(/(<sst [^>]*>)/, '$1<!-- x -->');

describe('shared strings', () => {
  test('plain items, other items and the walker alone agree', () => {
    const got = parseSharedStrings(doc(ITEMS), 'xl/sharedStrings.xml', 32767);
    expect(got).toEqual(parseSharedStrings(walked(ITEMS), 'xl/sharedStrings.xml', 32767));
    expect(got.strings.slice(0, 4)).toEqual(['Nguyễn Thị Lan', ' Giáo viên ', 'Sở GD&ĐT <Đắk Nông> ậạ &bogus;', 'dòng 1\r\ndòng 2\ndòng 3_x0041_']);
    expect(got.strings[4]).toBe('Tr\u00adêng TiÓu häc');
    expect(got.fonts[4]).toBe('.VnTime');
    expect(got.strings[5]).toBe('漢字');
    expect(got.strings[6]).toBe('a <b> & c');
    expect(got.strings.length).toBe(ITEMS.length);
    // Pretty-printed tables (white space between items) are still read by position.
    expect(parseSharedStrings(doc(ITEMS, '\n  '), 'p', 32767)).toEqual(got);
  });

  test('each item alone, and every pair, agree with the walker', () => {
    for (const a of ITEMS) {
      for (const b of ITEMS) {
        const items = [a, '<si><t>giữa</t></si>', b];
        expect({ items, got: parseSharedStrings(doc(items), 'p', 32767) }).toEqual({ items, got: parseSharedStrings(walked(items), 'p', 32767) });
      }
    }
  });

  test('oddly laid out tables go to the walker: prefixes, an item without its end, nothing after <sst>', () => {
    const prefixed = `<x:sst xmlns:x="${NS}"><x:si><x:t>a</x:t></x:si><x:si><x:t>b</x:t></x:si></x:sst>`;
    expect(parseSharedStrings(prefixed, 'p', 100).strings).toEqual(['a', 'b']);
    const unended = doc(['<si><t>a</t></si>', '<si><t>b</t>', '<si><t>c</t></si>']);
    expect(parseSharedStrings(unended, 'p', 100)).toEqual(parseSharedStrings(walked(['<si><t>a</t></si>', '<si><t>b</t>', '<si><t>c</t></si>']), 'p', 100));
    expect(parseSharedStrings(`<sst xmlns="${NS}"/>`, 'p', 100).strings).toEqual([]);
    expect(parseSharedStrings('', 'p', 100).strings).toEqual([]);
  });

  test('a DOCTYPE declaring entities is refused, as the walker refuses it', () => {
    const bomb = doc(['<si><t>&lol9;</t></si>']).replace('<sst', '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;">]>\n<sst');
    expect(() => parseSharedStrings(bomb, 'xl/sharedStrings.xml', 32767)).toThrow(/DOCTYPE|ENTITY/);
  });

  test('too long a text, too many items: the same refusal either way', () => {
    const refusal = (xml: string, maxText: number, maxItems?: number) => {
      try {
        parseSharedStrings(xml, 'xl/sharedStrings.xml', maxText, maxItems);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(UnreadableError);
        return (e as Error).message;
      }
    };
    const long = [`<si><t>${'ạ'.repeat(50)}</t></si>`];
    expect(refusal(doc(long), 40)).not.toBeNull();
    expect(refusal(doc(long), 40)).toBe(refusal(walked(long), 40));
    // Entities count once decoded: 300 "&amp;" are 300 characters, within 400.
    expect(refusal(doc([`<si><t>${'&amp;'.repeat(300)}</t></si>`]), 400)).toBeNull();
    const many = Array.from({ length: 6 }, (_, i) => `<si><t>${i}</t></si>`);
    expect(refusal(doc(many), 100, 5)).not.toBeNull();
    expect(refusal(doc(many), 100, 5)).toBe(refusal(walked(many), 100, 5));
  });
});
