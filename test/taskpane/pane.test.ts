/** Strings, grouping, the engine glue and the page's privacy rules. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/check/finding';
import { mainThreadEngine } from '../../src/taskpane/engine/main-thread';
import { baseName, groupFindings, sourceRows } from '../../src/taskpane/components/findings-view';
import { errorText, initialLanguage, STRINGS } from '../../src/taskpane/i18n';
import { OfficeOpError } from '../../src/office/errors';
import { safeFileName } from '../../src/taskpane/ports/download';

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

describe('findings view', () => {
  const f = (severity: Finding['severity'], file: string, sheet: string | null, cell: string | null): Finding => ({
    ruleId: 'FIELD_REQUIRED', severity, file, sheet, cell, row: null, message: 'm', messageEn: 'm',
  });
  test('by severity (errors first), then by submission in the engine’s order', () => {
    const g = groupFindings([f('warning', 'a.xlsx', 'S1', 'B2'), f('error', 'a.xlsx', 'S1', 'C3'), f('error', 'b.xlsx', null, null), f('error', 'a.xlsx', 'S1', 'D4')]);
    expect(g.map((x) => [x.severity, x.count])).toEqual([['error', 3], ['warning', 1]]);
    expect(g[0].submissions.map((s) => [s.file, s.sheet, s.findings.length])).toEqual([['a.xlsx', 'S1', 2], ['b.xlsx', null, 1]]);
  });
  test('file names for display', () => {
    expect(baseName('C:\\thu muc\\Cư Jút.xlsx')).toBe('Cư Jút.xlsx');
    expect(baseName('x/y/z.xlsx')).toBe('z.xlsx');
    expect(safeFileName('Mẫu: Cư Jút/2025?.xlsx')).toBe('Mẫu- Cư Jút-2025-.xlsx');
  });
});

describe('engine glue (src/taskpane/engine/)', () => {
  test('a template made by the writer reads back and checks, and a damaged file becomes unreadable', async () => {
    const rb = mainThreadEngine.defaultRulebook;
    const unit = rb.units[1];
    const bytes = await mainThreadEngine.templateXlsx({ rulebook: rb, unitId: unit.id });
    const result = await mainThreadEngine.check({
      inputs: [
        { name: 'mau.xlsx', bytes },
        { name: 'hong.xlsx', bytes: new TextEncoder().encode('không phải tệp Excel') },
      ],
      rulebook: rb,
      merge: true,
    });
    // The template reads back: its list sheet, for its unit, with nobody on it yet.
    expect(result.submissions.find((s) => s.file === 'mau.xlsx')).toMatchObject({ sheet: 'Danh sách', unit: { id: unit.id }, nominations: [] });
    expect(result.findings.filter((x) => x.file === 'mau.xlsx').map((x) => x.ruleId)).toEqual(['SHEET_NO_NOMINATIONS']);
    const damaged = result.findings.filter((x) => x.file === 'hong.xlsx');
    expect(damaged.map((x) => [x.ruleId, x.messageEn])).toEqual([['FILE_UNREADABLE', 'The file cannot be read: The file is not an Excel workbook (.xlsx). Open it in Excel and save it as .xlsx.']]);
    const rows = sourceRows(result);
    expect(rows.find((r) => r.file === 'hong.xlsx')?.status).toBe('unreadable');
    const out = await mainThreadEngine.consolidatedXlsx({ result, rulebook: rb, reportDate: { y: 2025, m: 12, d: 10 } });
    expect([out[0], out[1]]).toEqual([0x50, 0x4b]);
  });

  test('a bad rulebook file is refused with a message naming the place', () => {
    expect(() => mainThreadEngine.loadRulebook('{"schemaVersion": 1}')).toThrow();
    try {
      mainThreadEngine.loadRulebook('{');
    } catch (e) {
      expect(errorText(e, 'vi').length).toBeGreaterThan(0);
    }
  });
});

describe('the page (privacy and Content-Security-Policy)', () => {
  const dir = join(__dirname, '..', '..', 'src', 'taskpane');
  const CDN = 'https://appsforoffice.microsoft.com';
  for (const page of ['taskpane.html', 'commands.html', 'support.html']) {
    test(`${page}: a CSP allowing only the page’s own files (and Office.js), no other outside URL`, () => {
      const html = readFileSync(join(dir, page), 'utf8');
      const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
      expect(csp).toBeTruthy();
      const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      for (const [name, sources] of directives) {
        for (const s of sources) {
          expect([name, s]).toEqual([name, expect.stringMatching(/^('self'|'none'|'unsafe-inline'|data:|blob:|https:\/\/appsforoffice\.microsoft\.com)$/)]);
        }
        if (name === 'script-src') expect(sources).not.toContain("'unsafe-inline'");
      }
      const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
      for (const u of urls) expect(u.startsWith(CDN)).toBe(true);
      expect(html).not.toMatch(/fonts\.googleapis|gstatic|googletagmanager|gtag\(|<link[^>]+stylesheet[^>]+https?:/i);
    });
  }
});
