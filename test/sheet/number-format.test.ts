/**
 * Which number formats show a date: what decides whether a birth date cell's number is a serial
 * (12/03/1984) or a number (1984, 30843).
 */
import { builtInIsDate, isDateFormatCode } from '../../src/sheet/number-format';

describe('builtInIsDate', () => {
  test('14–22 and 45–47, and the East Asian 27–36 and 50–58, are dates', () => {
    const dates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
    const all = Array.from({ length: 200 }, (_, i) => i);
    expect(all.filter(builtInIsDate)).toEqual(dates);
  });

  test('General, 0, 0.00, #,##0, percent, scientific, fraction and text (@) are not', () => {
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49]) expect(builtInIsDate(id)).toBe(false);
  });
});

describe('isDateFormatCode', () => {
  test('date and time formats as Vietnamese workbooks hold them', () => {
    const dates = [
      'dd/mm/yyyy',
      'd/m/yy',
      'mm/yyyy',
      'yyyy',
      '[$-42A]dd/mm/yyyy',
      '[$-F800]dddd, mmmm dd, yyyy',
      '[$-409]mmm-yy',
      'dd/mm/yyyy;@',
      '"Ngày" dd "tháng" mm "năm" yyyy',
      '"năm "yyyy',
      'h:mm:ss',
      'ss',
      'DD/MM/YYYY',
    ];
    for (const code of dates) expect({ code, date: isDateFormatCode(code) }).toEqual({ code, date: true });
  });

  test('elapsed-time brackets count as time', () => {
    for (const code of ['[h]:mm', '[mm]:ss', '[ss]', '[m]', '[HH]']) expect({ code, date: isDateFormatCode(code) }).toEqual({ code, date: true });
  });

  test('numbers, money and text: d, m, y, h, s only inside quotes, escapes, spacing or brackets', () => {
    const numbers = [
      '',
      'General',
      'general',
      ' General ',
      '0',
      '0.00',
      '#,##0',
      '0.00E+00',
      '@',
      '#,##0 "đ"',
      '#,##0\\ "ngày"',
      '"Ngày" 0',
      '0 "tháng"',
      '"dd/mm/yyyy"',
      '\\d0',
      '*d0',
      '#,##0_d',
      '[Red]0.00',
      '[Red][<0]0;0',
      '[$₫-42A]#,##0',
      '[DBNum1]0',
      '_(* #,##0_);_(* (#,##0);_(* "-"??_);_(@_)',
    ];
    for (const code of numbers) expect({ code, date: isDateFormatCode(code) }).toEqual({ code, date: false });
  });

  test('an unclosed quote or bracket hides the rest of the code', () => {
    expect(isDateFormatCode('0 "dd/mm')).toBe(false);
    expect(isDateFormatCode('[Red 0 dd')).toBe(false);
    expect(isDateFormatCode('0 "x" dd')).toBe(true);
  });
});
