/** A check result built by hand (no engine): five files, findings of every kind the merge cares about. */
import type { CheckResult } from '../../src/check/result';
import type { Finding, RuleId, Severity } from '../../src/check/finding';
import { fieldSet, type Nomination, type SimpleDate, type Submission } from '../../src/sheet/submission';
import type { Rulebook, UnitDef } from '../../src/rules/types';
import rulebookJson from '../../src/rules/dak-nong-2022-2025.json';

export const rulebook = rulebookJson as unknown as Rulebook;

export function unit(id: string): UnitDef {
  const u = rulebook.units.find((x) => x.id === id);
  if (!u) throw new Error(id);
  return u;
}

/** Data starts on Excel row 9 in these submissions (header block, header row, numbering row). */
export function nom(row: number, fields: Record<string, string | { text: string; formula?: string; raw?: string | number }>, extra: Partial<Nomination> = {}): Nomination {
  const keys = Object.keys(fields);
  const columns: Record<string, number> = {};
  const raw: (string | number)[] = [];
  const text: string[] = [];
  const formula: (string | undefined)[] = [];
  for (const key of keys) {
    const col = rulebook.columns.findIndex((c) => c.key === key);
    if (col < 0) throw new Error(key);
    columns[key] = col;
    const v = fields[key];
    const o = typeof v === 'string' ? { text: v } : v;
    raw.push(o.raw ?? o.text);
    text.push(o.text);
    formula.push(o.formula);
  }
  const n: Nomination = {
    row,
    fields: fieldSet(keys, columns),
    raw,
    text,
    name: fields.hoTen === undefined ? '' : text[keys.indexOf('hoTen')],
    birth: null,
    gender: null,
    position: fields.chucVu === undefined ? '' : text[keys.indexOf('chucVu')],
    positionName: null,
    manager: false,
    workplace: fields.donVi === undefined ? '' : text[keys.indexOf('donVi')],
    level: null,
    levelDerived: false,
    ...extra,
  };
  if (formula.some((f) => f !== undefined)) n.formula = formula;
  return n;
}

export function sub(file: string, u: UnitDef | null, nominations: Nomination[], more: Partial<Submission> = {}): Submission {
  return {
    file,
    sheet: 'Danh sách',
    unit: u,
    unitSource: u ? 'header' : null,
    unitText: u ? u.name : null,
    date: null,
    dateCell: null,
    headerRow: 7,
    columns: {},
    nominations,
    legacy: null,
    legacyCells: 0,
    legacyFirst: null,
    levelFromSchoolOnly: false,
    status: 'ok',
    ...more,
  } as Submission;
}

const SEVERITY: Partial<Record<RuleId, Severity>> = {
  SUBMISSION_LATE: 'warning',
  SUBMISSION_MISSING: 'warning',
  FIELD_OUT_OF_RANGE: 'warning',
  CELL_FORMULA_NEUTRALIZED: 'info',
};

export function finding(ruleId: RuleId, file: string, sheet: string | null, cell: string | null, message: string, value?: string): Finding {
  const row = cell ? Number(/\d+$/.exec(cell)?.[0]) : null;
  const f: Finding = { ruleId, severity: SEVERITY[ruleId] ?? 'error', file, sheet, cell, row, message, messageEn: message };
  if (value !== undefined) f.value = value;
  return f;
}

export function summarise(submissions: Submission[], findings: Finding[]): CheckResult {
  return {
    submissions,
    findings,
    summary: {
      submissions: submissions.length,
      nominees: submissions.reduce((a, s) => a + s.nominations.length, 0),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

const day = (d: number, m: number, y: number): SimpleDate => ({ y, m, d });

/**
 * cu-jut.xlsx: 3 nominees (one with formula text, one with a live formula); gia-nghia.xlsx: late, 2 nominees
 * listed THCS then MN, one sharing a person with Cư Jút; khoi-1.xlsx: 1 manager; unknown.xlsx: unit
 * unknown; broken.xlsx: unreadable; the other registered units sent nothing.
 */
export function sampleResult(): CheckResult {
  const cuJut = sub(
    'in/cu-jut.xlsx',
    unit('cu-jut'),
    [
      nom(9, { stt: '1', hoTen: 'H\' Ngăn Byă', ngaySinh: '05/09/1985', chucVu: 'Giáo viên', donVi: 'Trường MN Hoa Sen', capHoc: 'Mầm non', tomTat: '=1+2' }, { level: 'MN' }),
      nom(10, { stt: '2', hoTen: 'Y Khuê Niê', ngaySinh: '1980', chucVu: 'Hiệu trưởng', donVi: 'Trường TH Trần Phú', capHoc: 'Tiểu học', danhHieu: { text: 'CSTĐ cơ sở', formula: 'CONCAT(A1,B1)' }, tomTat: 'Giỏi' }, { level: 'TH', manager: true }),
      nom(11, { stt: '3', hoTen: 'Nguyễn Văn An', ngaySinh: '01/01/1979', chucVu: 'GV', donVi: 'THCS Lê Lợi', capHoc: 'THCS', sangKien: { text: '', formula: 'SUM(A1:A3)' }, tomTat: '-HYPERLINK("x")' }, { level: 'THCS' }),
    ],
    { date: day(20, 6, 2025), dateCell: 'K4' },
  );
  const giaNghia = sub(
    'in/gia-nghia.xlsx',
    unit('gia-nghia'),
    [
      nom(9, { stt: '1', hoTen: 'Nguyễn Văn An', ngaySinh: '01/01/1979', chucVu: 'GV', donVi: 'THCS Nguyễn Du', capHoc: 'THCS', tomTat: 'Tốt' }, { level: 'THCS' }),
      nom(10, { stt: '2', hoTen: 'Điểu Thị Lan', ngaySinh: '12/03/1990', chucVu: 'GV', donVi: 'MN Họa Mi', capHoc: 'MN' }, { level: 'MN' }),
    ],
    { date: day(8, 7, 2025), dateCell: 'K4' },
  );
  const khoi = sub('in/khoi-1.xlsx', unit('khoi-1'), [nom(8, { hoTen: 'Trần Thị Bình', chucVu: 'Phó Hiệu trưởng', donVi: 'THPT Chu Văn An', capHoc: 'THPT', tomTat: 'Xuất sắc' }, { level: 'THPT', manager: true })], {
    date: day(19, 6, 2025),
  });
  const unknown = sub('in/unknown.xlsx', null, [nom(9, { hoTen: 'Lê Văn Cường', tomTat: 'Khá' })], { unitText: 'Trường ABC', status: 'invalid' });
  const broken = sub('in/broken.xlsx', null, [], { sheet: null, status: 'unreadable', headerRow: null, unitText: null });

  const findings: Finding[] = [
    finding('FILE_UNREADABLE', 'in/broken.xlsx', null, null, 'Không đọc được tệp.'),
    finding('CELL_FORMULA_NEUTRALIZED', 'in/cu-jut.xlsx', 'Danh sách', 'M9', 'Công thức được giữ dạng văn bản.', '=1+2'),
    finding('CELL_FORMULA_NEUTRALIZED', 'in/cu-jut.xlsx', 'Danh sách', 'J10', 'Công thức được giữ dạng văn bản.', '=CONCAT(A1,B1)'),
    finding('DUPLICATE_PERSON', 'in/cu-jut.xlsx', 'Danh sách', 'B11', 'Trùng người với gia-nghia.xlsx dòng 9.', 'Nguyễn Văn An'),
    finding('DUPLICATE_PERSON', 'in/gia-nghia.xlsx', 'Danh sách', 'B9', 'Trùng người với cu-jut.xlsx dòng 11.', 'Nguyễn Văn An'),
    finding('SUBMISSION_LATE', 'in/gia-nghia.xlsx', 'Danh sách', 'K4', 'Gửi sau hạn 30/06/2025.'),
    finding('FIELD_REQUIRED', 'in/gia-nghia.xlsx', 'Danh sách', 'M10', 'Thiếu Tóm tắt thành tích.'),
    finding('FIELD_OUT_OF_RANGE', 'in/khoi-1.xlsx', 'Danh sách', 'C8', 'Tuổi ngoài khoảng.'),
    finding('UNIT_UNKNOWN', 'in/unknown.xlsx', 'Danh sách', null, 'Không xác định được đơn vị.'),
  ];
  const received = new Set(['cu-jut', 'gia-nghia', 'khoi-1']);
  for (const u of rulebook.units) if (!received.has(u.id)) findings.push(finding('SUBMISSION_MISSING', '', null, null, `${u.name} chưa gửi danh sách.`));
  return summarise([cuJut, giaNghia, khoi, unknown, broken], findings);
}
