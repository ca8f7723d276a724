import { fold, foldCompact, nfc, nfcPlain, skeleton, stripMarks } from '../../src/text/normalize';

describe('nfc', () => {
  it('composes decomposed text', () => {
    const nfd = 'Trường Tiểu học Nguyễn Bỉnh Khiêm'.normalize('NFD');
    expect(nfd).not.toBe('Trường Tiểu học Nguyễn Bỉnh Khiêm');
    expect(nfc(nfd)).toBe('Trường Tiểu học Nguyễn Bỉnh Khiêm');
  });

  it('normalises whitespace: NBSP, tabs, line breaks, runs of spaces; trims', () => {
    expect(nfc('  Nguyễn\u00A0Văn\tAn \n  ')).toBe('Nguyễn Văn An');
    expect(nfc('Trường THCS\r\nNguyễn Du')).toBe('Trường THCS Nguyễn Du');
    expect(nfc('a\u2003b\u202Fc')).toBe('a b c');
  });

  it('drops zero-width characters but keeps the soft hyphen (a letter in TCVN3)', () => {
    expect(nfc('\uFEFFHà\u200BNội')).toBe('HàNội');
    expect(nfc('Tr\u00ADêng')).toBe('Tr\u00ADêng');
  });

  it('never re-cases or reorders', () => {
    expect(nfc("H' Ngăn Byă")).toBe("H' Ngăn Byă");
    expect(nfc('NGUYỄN văn AN')).toBe('NGUYỄN văn AN');
    expect(nfc('')).toBe('');
  });
});

describe('fold', () => {
  it('builds the documented key', () => {
    expect(fold('Phòng GD&ĐT huyện Đắk R’Lấp')).toBe('phong gd dt huyen dak r lap');
    expect(fold("Phòng GD&ĐT huyện Đắk R'Lấp")).toBe('phong gd dt huyen dak r lap');
  });

  it('ignores accents, case, NFD/NFC and punctuation', () => {
    expect(fold('Họ và tên')).toBe('ho va ten');
    expect(fold('HỌ VÀ TÊN')).toBe('ho va ten');
    expect(fold('Ho va ten')).toBe('ho va ten');
    expect(fold('Họ và tên'.normalize('NFD'))).toBe('ho va ten');
    expect(fold('Ngày, tháng, năm sinh')).toBe('ngay thang nam sinh');
    expect(fold('(1)')).toBe('1');
    expect(fold('Độc lập - Tự do – Hạnh phúc')).toBe('doc lap tu do hanh phuc');
    expect(fold('"Chiến sĩ thi đua"; cơ sở/tỉnh.')).toBe('chien si thi dua co so tinh');
  });

  it('maps đ and Đ to d', () => {
    expect(fold('Đinh Đức Đạt')).toBe('dinh duc dat');
  });

  it('hoà and hòa (old and new tone placement) fold alike', () => {
    expect(fold('Hoà Bình')).toBe(fold('Hòa Bình'));
  });

  it('empty and blank give an empty key', () => {
    expect(fold('')).toBe('');
    expect(fold(' \u00A0 - ')).toBe('');
  });
});

describe('foldCompact', () => {
  it('removes spaces too', () => {
    expect(foldCompact('P.HT')).toBe('pht');
    expect(foldCompact('P HT')).toBe('pht');
    expect(foldCompact('PHT')).toBe('pht');
    expect(foldCompact('P. HT')).toBe('pht');
    expect(foldCompact('TH & THCS')).toBe('ththcs');
  });
});

describe('stripMarks and skeleton', () => {
  it('stripMarks keeps case', () => {
    expect(stripMarks('Đắk R’Lấp')).toBe('Dak R’Lap');
  });

  it('skeleton has the length of its NFC input, character for character', () => {
    const s = 'Cư Jút, ngày 20 tháng 6 năm 2025';
    const k = skeleton(s);
    expect(k).toBe('cu jut, ngay 20 thang 6 nam 2025');
    expect(k.length).toBe(s.length);
  });
});

describe('nfc remembers long texts', () => {
  test('the same as nfcPlain on long texts, again and again, past the memo’s size', () => {
    const texts: string[] = [];
    for (let i = 0; i < 150; i++) {
      const base = `  Nguye\u0302\u0303n Thi\u0323 Lan\u00A0${i}\u200B  `;
      texts.push(base.repeat(40 + (i % 7)));
    }
    texts.push(`${'Giáo viên dạy giỏi '.repeat(1800)}`);
    for (let round = 0; round < 3; round++) {
      for (const t of texts) expect(nfc(t)).toBe(nfcPlain(t));
    }
  });
});
