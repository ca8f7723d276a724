/**
 * A cell read as text: Unicode as typed (NFC, spaces tidied), TCVN3 and VNI decoded, dates as
 * dd/mm/yyyy, numbers without float noise.
 */
import { cellString, isPlainText, numberText, readCell, readCellText, sheetEncoding } from '../../src/sheet/cells';
import { encodeLegacy } from '../../src/text/legacy';
import { grid } from '../helpers/grid';

describe('readCell: Unicode text', () => {
  test('NFC text is itself, with no legacy encoding', () => {
    for (const s of ['Nguyễn Thị Lan', 'H’ Ngăn Byă', "K' Thị Hoa", 'Trường PTDTBT TH Đắk R’Moan', 'Giáo viên']) {
      expect(readCell({ v: s })).toEqual({ text: s, legacy: null });
    }
  });

  test('NFD, NBSP, zero-width characters and runs of spaces are tidied; letters and case are kept', () => {
    expect(readCell({ v: 'Nguye\u0302\u0303n  Thị\u00a0Lan ' })).toEqual({ text: 'Nguyễn Thị Lan', legacy: null });
    expect(readCell({ v: 'Trần\u200b Văn\tBình' })).toEqual({ text: 'Trần Văn Bình', legacy: null });
    expect(readCell({ v: 'ĐIỂU THỊ LAN' }).text).toBe('ĐIỂU THỊ LAN');
  });

  test('accented Latin that is not Vietnamese stays as typed, even under a legacy font', () => {
    expect(readCell({ v: 'Hélène Müller' })).toEqual({ text: 'Hélène Müller', legacy: null });
    expect(readCell({ v: 'Hélène Müller', font: 'VNI-Times' })).toEqual({ text: 'Hélène Müller', legacy: null });
    // Unicode Vietnamese that kept an old .VnTime font is not garbled.
    expect(readCell({ v: 'Giáo viên', font: '.VnTime' })).toEqual({ text: 'Giáo viên', legacy: null });
  });

  test('empty cells, blank text and null give empty text', () => {
    expect(readCell(undefined)).toEqual({ text: '', legacy: null });
    expect(readCell({ v: null })).toEqual({ text: '', legacy: null });
    expect(readCell({ v: '   ' })).toEqual({ text: '', legacy: null });
    expect(readCell({ v: '' })).toEqual({ text: '', legacy: null });
  });

  test('error values and cells marked plain are their own text', () => {
    expect(readCell({ v: '#N/A', error: true })).toEqual({ text: '#N/A', legacy: null });
    // `plain` is a reader's promise: the text is taken as it is, not tidied.
    expect(readCell({ v: ' x ', plain: true })).toEqual({ text: ' x ', legacy: null });
  });
});

describe('readCell: legacy encodings', () => {
  test('TCVN3 text (.VnTime) is decoded, with or without its font', () => {
    const raw = encodeLegacy('Nguyễn Thị Lan', 'tcvn3');
    expect(raw).toBe('NguyÔn ThÞ Lan');
    expect(readCell({ v: raw })).toEqual({ text: 'Nguyễn Thị Lan', legacy: 'tcvn3' });
    expect(readCell({ v: raw, font: '.VnTime' })).toEqual({ text: 'Nguyễn Thị Lan', legacy: 'tcvn3' });
  });

  test('an all-capital TCVN3 font (.VnTimeH) draws every letter as a capital', () => {
    const raw = encodeLegacy('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'tcvn3', { upper: true });
    expect(raw).toBe('phßng gi¸o dôc vµ ®µo t¹o');
    expect(readCell({ v: raw, font: '.VnTimeH' })).toEqual({ text: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', legacy: 'tcvn3' });
    expect(readCell({ v: raw, font: '.VnTime' })).toEqual({ text: 'phòng giáo dục và đào tạo', legacy: 'tcvn3' });
  });

  test('VNI text (VNI-Times) is decoded', () => {
    expect(readCell({ v: 'Tröôøng Tieåu hoïc Traàn Phuù' })).toEqual({ text: 'Trường Tiểu học Trần Phú', legacy: 'vni' });
    expect(readCell({ v: "Ñaék R'Laáp", font: 'VNI-Times' })).toEqual({ text: "Đắk R'Lấp", legacy: 'vni' });
  });

  test('a short cell that reads as Vietnamese either way is decoded only when the sheet is legacy', () => {
    const thi = encodeLegacy('Thị', 'vni');
    expect(thi).toBe('Thò');
    expect(readCell({ v: thi })).toEqual({ text: 'Thò', legacy: null });
    expect(readCell({ v: thi }, false, 'vni')).toEqual({ text: 'Thị', legacy: 'vni' });
  });

  test('readCellText gives readCell’s text and sets (and resets) the encoding found', () => {
    const found: { legacy: 'tcvn3' | 'vni' | null } = { legacy: 'vni' };
    expect(readCellText({ v: 'Giáo viên' }, false, null, found)).toBe('Giáo viên');
    expect(found.legacy).toBeNull();
    expect(readCellText({ v: 'NguyÔn ThÞ Lan' }, false, null, found)).toBe('Nguyễn Thị Lan');
    expect(found.legacy).toBe('tcvn3');
    expect(readCellText(undefined, false, null, found)).toBe('');
    expect(found.legacy).toBeNull();
  });
});

describe('readCell: numbers, dates, booleans', () => {
  test('a date-formatted serial is written dd/mm/yyyy, in the 1900 and the 1904 systems', () => {
    expect(readCell({ v: 45981, date: true }).text).toBe('20/11/2025');
    expect(readCell({ v: 30843, date: true }).text).toBe('10/06/1984');
    expect(readCell({ v: 45981, date: true }, true).text).toBe('21/11/2029');
    expect(readCell({ v: 0, date: true }, true).text).toBe('01/01/1904');
    // A time of day on the serial is dropped.
    expect(readCell({ v: 45981.75, date: true }).text).toBe('20/11/2025');
  });

  test('Excel’s 29/02/1900 (serial 60) is shown as it is, so the checks see an impossible day', () => {
    expect(readCell({ v: 60, date: true }).text).toBe('29/02/1900');
    expect(readCell({ v: 61, date: true }).text).toBe('01/03/1900');
    expect(readCell({ v: 1, date: true }).text).toBe('01/01/1900');
  });

  test('the same serial without a date format is a number', () => {
    expect(readCell({ v: 45981 }).text).toBe('45981');
    expect(readCell({ v: 1984 }).text).toBe('1984');
  });

  test('numbers as Excel shows them at 15 digits: no float noise', () => {
    expect(readCell({ v: 0.1 + 0.2 }).text).toBe('0.3');
    expect(numberText(1 / 3)).toBe('0.333333333333333');
    expect(numberText(-0.5)).toBe('-0.5');
    expect(numberText(1234567.891)).toBe('1234567.891');
    expect(numberText(20)).toBe('20');
  });

  test('booleans are TRUE and FALSE', () => {
    expect(readCell({ v: true })).toEqual({ text: 'TRUE', legacy: null });
    expect(readCell({ v: false })).toEqual({ text: 'FALSE', legacy: null });
  });

  test('cellString is readCell’s text, dates included', () => {
    expect(cellString({ v: 'Nguye\u0302\u0303n' })).toBe('Nguyễn');
    expect(cellString({ v: 45981, date: true }, true)).toBe('21/11/2029');
    expect(cellString(undefined)).toBe('');
  });
});

describe('isPlainText', () => {
  test('NFC Vietnamese with single spaces is plain; a Latin-1 letter, a double space or NFD is not', () => {
    expect(isPlainText('Nguyễn Thị Lan')).toBe(true);
    expect(isPlainText('Trường TH Kim Đồng')).toBe(true);
    expect(isPlainText('')).toBe(true);
    expect(isPlainText('Müller')).toBe(false); // a legacy encoding could explain ü
    expect(isPlainText('a  b')).toBe(false);
    expect(isPlainText(' a')).toBe(false);
    expect(isPlainText('Nguye\u0302\u0303n')).toBe(false);
  });

  test('a plain text is read as itself', () => {
    for (const s of ['Nguyễn Thị Lan', 'Hiệu trưởng', 'Tóm tắt thành tích', '12/03/1984']) {
      expect(isPlainText(s)).toBe(true);
      expect(readCell({ v: s }).text).toBe(s);
    }
  });
});

describe('sheetEncoding', () => {
  test('a VNI sheet, a TCVN3 sheet, a Unicode sheet, a sheet of numbers', () => {
    const vni = grid('S', [
      ['Họ và tên', 'Đơn vị'],
      [encodeLegacy('Nguyễn Thị Lan', 'vni'), encodeLegacy('Trường Tiểu học Trần Phú', 'vni')],
    ]);
    expect(sheetEncoding(vni)).toBe('vni');
    const tcvn3 = grid('S', [[encodeLegacy('Lê Văn Minh', 'tcvn3'), encodeLegacy('Trường THCS Nguyễn Du', 'tcvn3')]]);
    expect(sheetEncoding(tcvn3)).toBe('tcvn3');
    expect(sheetEncoding(grid('S', [['Họ và tên'], ['Müller', 'café']]))).toBeNull();
    expect(sheetEncoding(grid('S', [[1, 2], [], [true]]))).toBeNull();
  });

  test('the sheet’s encoding settles its short cells', () => {
    const g = grid('S', [[encodeLegacy('Nguyễn Thị Lan', 'vni'), encodeLegacy('Trường Tiểu học Trần Phú', 'vni')], [encodeLegacy('Thị', 'vni')]]);
    const enc = sheetEncoding(g);
    expect(enc).toBe('vni');
    expect(readCell(g.rows[1][0], false, enc).text).toBe('Thị');
  });
});
