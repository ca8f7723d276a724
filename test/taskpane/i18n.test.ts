/** The pane's strings in both languages, the starting language, errors in the UI's language. */
import { OfficeOpError } from '../../src/office/errors';
import { errorText, initialLanguage, STRINGS } from '../../src/taskpane/i18n';

describe('i18n', () => {
  test('English has every Vietnamese key, of the same kind; every text is NFC and not empty', () => {
    const vi = STRINGS.vi as Record<string, unknown>;
    const en = STRINGS.en as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of Object.entries(vi)) {
      expect([k, typeof en[k]]).toEqual([k, typeof v]);
      for (const lang of [vi, en]) {
        const val = lang[k];
        const s = typeof val === 'function' ? String((val as (...a: unknown[]) => unknown)('X', 2, 3)) : String(val);
        expect(s.length).toBeGreaterThan(0);
        expect(s).toBe(s.normalize('NFC'));
      }
    }
    expect(STRINGS.vi.tabCheck).toBe('Kiểm tra');
    expect(STRINGS.vi.countErrors(3)).toBe('3 lỗi');
    expect(STRINGS.en.countErrors(1)).toBe('1 error');
  });

  test('marking messages name what this Excel adds: notes (1.18) or comments (1.10–1.17)', () => {
    expect(STRINGS.vi.keptForeign(2, 'comment')).toBe(' 2 ô đã có chú thích của người khác nên được giữ nguyên.');
    expect(STRINGS.vi.keptForeign(2, 'note')).toBe(' 2 ô đã có ghi chú của người khác nên được giữ nguyên.');
    expect(STRINGS.en.keptForeign(1, 'comment')).toBe(" 1 cell already had someone's comment and kept it.");
    expect(STRINGS.vi.unmarked(1, 'Danh sách!G12')).toBe(' Không đánh dấu được 1 ô vì nội dung quá lớn để gửi cho Excel: Danh sách!G12.');
  });

  test('initial language: saved choice, else English only when Office is English', () => {
    expect(initialLanguage('en-US', null)).toBe('en');
    expect(initialLanguage('vi-VN', null)).toBe('vi');
    expect(initialLanguage(null, null)).toBe('vi');
    expect(initialLanguage('fr-FR', null)).toBe('vi');
    expect(initialLanguage('en-GB', 'vi')).toBe('vi');
  });

  test('errors are shown in the UI language', () => {
    const e = new OfficeOpError('Không thể đọc', 'Could not read', 'ItemNotFound', null);
    expect(errorText(e, 'vi')).toBe('Không thể đọc');
    expect(errorText(e, 'en')).toBe('Could not read');
    expect(errorText({ info: { message: 'Tệp hỏng', messageEn: 'Damaged file' } }, 'en')).toBe('Damaged file');
    expect(errorText(new Error('x'), 'en')).toBe('x');
  });
});
