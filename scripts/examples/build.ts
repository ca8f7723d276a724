/**
 * Writes the example submissions (examples/*.xlsx) with ExcelJS, and beside them the findings each
 * was made to produce (expected.json), what a reader should find in each (expected-submissions.json),
 * what a merge of them all should report (expected-merge.json), and a README listing it all.
 * Deterministic: fixed document properties and zip timestamps, so a re-run gives identical bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { columnLetters, parseCell } from '../../src/sheet/address';
import { encodeLegacy } from '../../src/text/legacy';
import { formatDate } from '../../src/text/dates';
import { EXAMPLES, MISSING_UNITS } from './data';
import type { ExampleSpec, ExpectedFinding, ExpectedSubmission, Line, Person, Piece, Style } from './model';

/** Every file's creation and modification time, and its zip entries' timestamps. */
export const FIXED_TIME = new Date(Date.UTC(2025, 11, 1, 8, 0, 0));
const AUTHOR = 'Điển hình (ví dụ)';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Lines written in capitals: in TCVN3 files they use the all-capital .VnTimeH font. */
const CAPITAL_STYLES = new Set<Style>(['agency', 'agencyName', 'motto', 'title', 'sigTitle']);

interface Text {
  value: string;
  font: string;
}

function textFor(spec: ExampleSpec, text: string, style?: Style): Text {
  switch (spec.encoding) {
    case 'unicode':
      return { value: text.normalize('NFC'), font: 'Times New Roman' };
    case 'nfd':
      return { value: text.normalize('NFD'), font: 'Times New Roman' };
    case 'tcvn3':
      return style && CAPITAL_STYLES.has(style) && text === text.toUpperCase()
        ? { value: encodeLegacy(text, 'tcvn3', { upper: true }), font: '.VnTimeH' }
        : { value: encodeLegacy(text, 'tcvn3'), font: '.VnTime' };
    case 'vni':
      return { value: encodeLegacy(text, 'vni'), font: 'VNI-Times' };
  }
  throw new Error(`unknown encoding ${String(spec.encoding)}`);
}

function pieceStyle(style: Style): { bold?: boolean; italic?: boolean; size?: number; h: 'left' | 'center' } {
  switch (style) {
    case 'agency':
      return { h: 'center' };
    case 'agencyName':
    case 'motto':
    case 'motto2':
    case 'sigTitle':
    case 'sigName':
      return { bold: true, h: 'center' };
    case 'dateLine':
    case 'subtitle':
      return { italic: true, h: 'center' };
    case 'title':
      return { bold: true, size: 14, h: 'center' };
    case 'label':
      return { bold: true, h: 'left' };
    case 'note':
      return { italic: true, size: 10, h: 'left' };
  }
  return { h: 'left' };
}

/** Where each piece of a finding lands, filled while the sheet is written. */
interface Placement {
  dateCell: string | null;
  headerRow: number;
  rows: number[];
}

function writeLine(ws: ExcelJS.Worksheet, spec: ExampleSpec, row: number, line: Line, place: Placement): void {
  for (const p of line) writePiece(ws, spec, row, p, place);
}

function writePiece(ws: ExcelJS.Worksheet, spec: ExampleSpec, row: number, p: Piece, place: Placement): void {
  const cell = ws.getCell(row, p.from);
  const t = textFor(spec, p.text, p.style);
  const s = pieceStyle(p.style);
  cell.value = t.value;
  cell.font = { name: t.font, size: s.size ?? 12, bold: s.bold, italic: s.italic };
  cell.alignment = { horizontal: s.h, vertical: p.style === 'note' ? 'top' : 'middle', wrapText: true };
  if (p.to > p.from) ws.mergeCells(row, p.from, row, p.to);
  if (p.style === 'dateLine' && place.dateCell === null) place.dateCell = cell.address;
  if (p.style === 'note') ws.getRow(row).height = 48;
}

function birthValue(spec: ExampleSpec, p: Person): ExcelJS.CellValue {
  const b = p.ngaySinh;
  if (typeof b === 'string') return b;
  if (spec.dates === 'year') return b.y;
  if (b.m === undefined || b.d === undefined) return b.y;
  if (spec.dates === 'excel') return new Date(Date.UTC(b.y, b.m - 1, b.d));
  return formatDate(b);
}

/** The column (1-based) of a field in this layout; a split birth date goes by the nominee's gender. */
function columnOf(spec: ExampleSpec, key: string, p: Person): number {
  let i = spec.columns.findIndex((c) => c.key === key);
  if (i < 0 && key === 'ngaySinh') i = spec.columns.findIndex((c) => c.key === `ngaySinh:${p.gioiTinh}`);
  if (i < 0) throw new Error(`${spec.file}: no column for ${key}`);
  return i + 1;
}

function valueFor(spec: ExampleSpec, key: string, p: Person, index: number): ExcelJS.CellValue {
  if (key === 'stt') return index + 1;
  if (key === 'ngaySinh') return birthValue(spec, p);
  if (key.startsWith('ngaySinh:')) return key === `ngaySinh:${p.gioiTinh}` ? birthValue(spec, p) : null;
  const v = (p as unknown as Record<string, unknown>)[key];
  if (v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  return v as ExcelJS.CellFormulaValue;
}

export interface BuiltExample {
  spec: ExampleSpec;
  workbook: ExcelJS.Workbook;
  expected: ExpectedFinding[];
  submission: ExpectedSubmission;
}

/** One example as an ExcelJS workbook, with the findings and reading it must give. */
export function buildExample(spec: ExampleSpec): BuiltExample {
  const wb = new ExcelJS.Workbook();
  wb.creator = AUTHOR;
  wb.lastModifiedBy = AUTHOR;
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const ws = wb.addWorksheet(spec.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const place: Placement = { dateCell: null, headerRow: 0, rows: [] };

  let row = 1;
  for (const line of spec.top) writeLine(ws, spec, row++, line, place);

  // The table header: one row, or two with group cells merged above their columns.
  const headerTop = row;
  const headerBottom = spec.twoRowHeader ? row + 1 : row;
  const headerCell = (r: number, c: number, text: string) => {
    const cell = ws.getCell(r, c);
    const t = textFor(spec, text);
    cell.value = t.value;
    cell.font = { name: t.font, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  for (let i = 0; i < spec.columns.length; i++) {
    const c = spec.columns[i];
    const colNo = i + 1;
    if (!spec.twoRowHeader) {
      headerCell(headerTop, colNo, c.header);
      continue;
    }
    if (c.group) {
      const first = spec.columns.findIndex((x) => x.group === c.group);
      if (first === i) {
        let last = i;
        while (spec.columns[last + 1]?.group === c.group) last++;
        headerCell(headerTop, colNo, c.group);
        if (last > i) ws.mergeCells(headerTop, colNo, headerTop, last + 1);
      }
      headerCell(headerBottom, colNo, c.header);
    } else {
      headerCell(headerTop, colNo, c.header);
      ws.mergeCells(headerTop, colNo, headerBottom, colNo);
    }
  }
  for (let r = headerTop; r <= headerBottom; r++) {
    for (let c = 1; c <= spec.columns.length; c++) ws.getCell(r, c).border = THIN;
  }
  place.headerRow = headerBottom;
  row = headerBottom + 1;

  if (spec.numbering) {
    for (let c = 1; c <= spec.columns.length; c++) {
      const cell = ws.getCell(row, c);
      cell.value = `(${c})`;
      cell.font = { name: textFor(spec, '').font, size: 11, italic: true };
      cell.alignment = { horizontal: 'center' };
      cell.border = THIN;
    }
    row++;
  }

  // The nominees.
  const expected: ExpectedFinding[] = [];
  spec.persons.forEach((p, index) => {
    place.rows.push(row);
    spec.columns.forEach((c, i) => {
      const cell = ws.getCell(row, i + 1);
      const v = valueFor(spec, c.key, p, index);
      const font = textFor(spec, '').font;
      if (typeof v === 'string') cell.value = textFor(spec, v).value;
      else if (v !== null) cell.value = v;
      if (v instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      cell.font = { name: font, size: 12 };
      const centred = c.key === 'stt' || c.key.startsWith('ngaySinh') || c.key === 'gioiTinh' || c.key === 'capHoc' || c.key === 'namCongTac';
      cell.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'top', wrapText: true };
      cell.border = THIN;
    });
    for (const [ruleId, key] of p.expect ?? []) {
      expected.push({ ruleId, cell: `${columnLetters(columnOf(spec, key, p) - 1)}${row}` });
    }
    row++;
  });

  for (const line of spec.bottom) writeLine(ws, spec, row++, line, place);

  for (const name of spec.extraSheets ?? []) wb.addWorksheet(name);

  const fileLevel: ExpectedFinding[] = spec.fileFindings.map(([ruleId, where]) => {
    if (where === 'dateLine' && !place.dateCell) throw new Error(`${spec.file}: no date line for ${ruleId}`);
    return { ruleId, cell: where === 'dateLine' ? place.dateCell : null };
  });

  const submission: ExpectedSubmission = {
    unit: spec.unit,
    unitSource: spec.unitSource,
    sheet: spec.sheet,
    nominees: spec.persons.length,
    headerRow: place.headerRow,
    rows: place.rows,
    date: spec.date ? formatDate(spec.date) : null,
    dateCell: place.dateCell,
    legacy: spec.encoding === 'tcvn3' || spec.encoding === 'vni' ? spec.encoding : null,
  };
  return { spec, workbook: wb, expected: [...fileLevel, ...sortByCell(expected)], submission };
}

function cellOrder(cell: string): [number, number] {
  const { row, col } = parseCell(cell)!;
  return [row, col];
}

function sortByCell(list: ExpectedFinding[]): ExpectedFinding[] {
  return [...list].sort((a, b) => {
    const [ra, ca] = cellOrder(a.cell!);
    const [rb, cb] = cellOrder(b.cell!);
    return ra - rb || ca - cb || a.ruleId.localeCompare(b.ruleId);
  });
}

/** The .xlsx bytes of a workbook, re-zipped with fixed timestamps so they never change between runs. */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = unzipSync(raw);
  return zipSync(entries, { level: 6, mtime: FIXED_TIME });
}

export interface ExamplesManifest {
  files: string[];
  expected: Record<string, ExpectedFinding[]>;
  submissions: Record<string, ExpectedSubmission>;
  merge: { missingUnits: string[]; submissions: number; nominees: number };
}

/** Writes every example and the expectation files into `outDir`. */
export async function buildExamples(outDir: string): Promise<ExamplesManifest> {
  await mkdir(outDir, { recursive: true });
  const manifest: ExamplesManifest = {
    files: [],
    expected: {},
    submissions: {},
    merge: { missingUnits: MISSING_UNITS, submissions: 0, nominees: 0 },
  };
  const built = EXAMPLES.map(buildExample);
  for (const b of built) {
    await writeFile(path.join(outDir, b.spec.file), await xlsxBytes(b.workbook));
    manifest.files.push(b.spec.file);
    manifest.expected[b.spec.file] = b.expected;
    manifest.submissions[b.spec.file] = b.submission;
    manifest.merge.submissions++;
    manifest.merge.nominees += b.submission.nominees;
  }
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  await writeFile(path.join(outDir, 'expected.json'), json(manifest.expected));
  await writeFile(path.join(outDir, 'expected-submissions.json'), json(manifest.submissions));
  await writeFile(path.join(outDir, 'expected-merge.json'), json(manifest.merge));
  await writeFile(path.join(outDir, 'README.md'), readme(built, manifest));
  return manifest;
}

function readme(built: BuiltExample[], manifest: ExamplesManifest): string {
  const out: string[] = [];
  out.push('# Ví dụ / Example submissions');
  out.push('');
  out.push('Danh sách đề cử mẫu của các Phòng GD&ĐT và Khối thi đua, mỗi tệp một kiểu trình bày khác nhau như ngoài thực tế,');
  out.push('dùng cho `npm run demo` và cho các bài kiểm thử. Tên người, trường và thành tích là giả định.');
  out.push('');
  out.push('Sample nomination lists, each laid out differently as real ones are; used by `npm run demo` and by the tests.');
  out.push('Names, schools and achievements are invented. **Generated** by `npm run examples` (scripts/make-examples.ts,');
  out.push('scripts/examples/data.ts): edit the script, not the files. The script is deterministic (same bytes on every run).');
  out.push('');
  out.push('Machine-checkable expectations, written by the same script:');
  out.push('- `expected.json`: for every file, every finding it must produce: `{ "file.xlsx": [{ "ruleId", "cell" }] }`;');
  out.push('  `cell` is the A1 address on the sheet, or null for a finding about the whole submission. An empty list means');
  out.push('  the file must check clean (not even a warning). Cross-file findings (DUPLICATE_PERSON, DUPLICATE_SUBMISSION)');
  out.push('  are listed under each file involved and appear when the files are checked together.');
  out.push('- `expected-submissions.json`: what reading each file must give: unit id (null: not identifiable) and where it');
  out.push('  was found, sheet, number of nominees and their rows, last header row, date and date-line cell, legacy encoding.');
  out.push(`- \`expected-merge.json\`: a merge of the whole folder must report SUBMISSION_MISSING for ${MISSING_UNITS.join(', ')}.`);
  out.push('');
  out.push('Conventions for cells: a field finding sits on the offending cell; QUOTA_TOTAL_EXCEEDED on the name of the first');
  out.push('nominee over the quota; QUOTA_LEVEL_DUPLICATE on the level cell of each nominee after the first of that level;');
  out.push('QUOTA_MANAGER_EXCEEDED on the position of each manager after the first; QUOTA_LEVEL_NOT_ALLOWED on the level cell;');
  out.push('SUBMISSION_LATE on the date line; TEXT_LEGACY_ENCODING on the first data cell holding legacy text; DUPLICATE_PERSON');
  out.push('on the name cell in every file involved; QUOTA_LEVEL_MISSING, UNIT_UNKNOWN and DUPLICATE_SUBMISSION have no cell.');
  out.push('Quotas are checked per submission (the two Đắk Song files are each within 3). Ages are counted on the');
  out.push('submission\'s date (else the nomination lists\' deadline); the blank achievement summary is CRITERIA_EVIDENCE_MISSING only (no');
  out.push('FIELD_REQUIRED as well).');
  out.push('');
  out.push('| file | unit | nominees | findings |');
  out.push('|---|---|---|---|');
  for (const b of built) {
    const f = manifest.expected[b.spec.file];
    const list = f.length ? f.map((x) => `${x.ruleId}${x.cell ? ` ${x.cell}` : ''}`).join(', ') : '— (clean)';
    out.push(`| ${b.spec.file} | ${b.spec.unit ?? '(unknown)'} | ${b.spec.persons.length} | ${list} |`);
  }
  out.push('');
  for (const b of built) {
    const s = b.spec;
    const sub = manifest.submissions[s.file];
    out.push(`## ${s.file}`);
    out.push('');
    out.push(s.summary);
    out.push('');
    out.push(`Sheet "${s.sheet}", header row ${sub.headerRow}, nominees on rows ${sub.rows.join(', ')}` + (sub.dateCell ? `, date line ${sub.dateCell} (${sub.date}).` : ', no date line.'));
    out.push('');
    for (const l of s.layout) out.push(`- ${l}`);
    if (s.faults.length) {
      out.push('');
      out.push('Made to be wrong:');
      for (const l of s.faults) out.push(`- ${l}`);
    }
    out.push('');
    const f = manifest.expected[s.file];
    out.push(f.length ? `Findings: ${f.map((x) => `\`${x.ruleId}\` ${x.cell ?? '(no cell)'}`).join('; ')}.` : 'Findings: none.');
    out.push('');
  }
  return out.join('\n');
}
