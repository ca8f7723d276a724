/**
 * The rulebook as a workbook, through the command line: `rules export`, `--rules quy-tac.xlsx` on
 * every command, edits made outside the project (the sheet XML edited by hand, as another program
 * would write it) applied by `check`, and a broken workbook refused whole with each mistake's cell.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { main } from '../../src/cli/main';
import { defaultRulebook } from '../../src/rules/index';
import { EXAMPLES } from '../helpers/paths';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
let exported: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-rules-'));
  exported = path.join(dir, 'quy-tac.xlsx');
  const r = await run('rules', 'export', '--out', exported);
  expect(r.code).toBe(0);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The workbook's parts, and the path of the sheet of that name (through workbook.xml and its relationships). */
function openParts(file: string) {
  const parts = unzipSync(fs.readFileSync(file));
  const wbXml = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const sheetPath = (name: string) => {
    const m = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(wbXml);
    if (!m) throw new Error(`no sheet ${name}`);
    const t = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
    if (!t) throw new Error(`no target for ${m[1]}`);
    return `xl/${t[1].replace(/^\/?xl\//, '')}`;
  };
  return {
    parts,
    edit(name: string, change: (xml: string) => string) {
      const p = sheetPath(name);
      const before = strFromU8(parts[p]);
      const after = change(before);
      expect(after).not.toBe(before);
      parts[p] = strToU8(after);
    },
    save(out: string) {
      fs.writeFileSync(out, zipSync(parts));
    },
  };
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;

/** Sets the value of an existing cell: a number, or text written inline. */
function setCell(xml: string, ref: string, value: number | string): string {
  const re = new RegExp(`<c r="${ref}"(?: [^>]*)?(?:/>|>.*?</c>)`);
  expect(re.test(xml)).toBe(true);
  return xml.replace(re, typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : inline(ref, value));
}

/** Adds a row of inline texts after the last row of sheetData. */
function addRow(xml: string, row: number, cells: string[]): string {
  const body = cells.map((t, i) => (t ? inline(`${String.fromCharCode(65 + i)}${row}`, t) : '')).join('');
  return xml.replace('</sheetData>', `<row r="${row}">${body}</row></sheetData>`);
}

describe('dien-hinh rules export', () => {
  it('writes the rulebook in force as a workbook, and every command reads it as it reads JSON', async () => {
    const parts = unzipSync(fs.readFileSync(exported));
    const wbXml = strFromU8(parts['xl/workbook.xml']);
    const names = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['Hướng dẫn', 'Chung', 'Đơn vị', 'Loại đơn vị', 'Cấp học', 'Chức vụ', 'Cột', 'Đề nghị Bộ']);
    const json = path.join(dir, 'default.json');
    fs.writeFileSync(json, JSON.stringify(defaultRulebook));
    const files = [path.join(EXAMPLES, '02-cu-jut.xlsx'), path.join(EXAMPLES, '10-khoi-thi-dua-1.xlsx')];
    const a = await run('check', ...files, '--json', '--rules', exported);
    const b = await run('check', ...files, '--json', '--rules', json);
    expect(a.code).toBe(1);
    expect(a.out).toBe(b.out);
    const t = await run('template', '--out', path.join(dir, 'mau.xlsx'), '--unit', 'Cư Jút', '--rules', exported);
    expect(t.code).toBe(0);
    const again = await run('rules', 'export', '--out', path.join(dir, 'again.xlsx'), '--rules', exported);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'again.xlsx'))).toEqual(fs.readFileSync(exported));
  });

  it('is misused without --out or with another subcommand (exit 2)', async () => {
    expect((await run('rules', 'export')).code).toBe(2);
    expect((await run('rules', 'import', '--out', path.join(dir, 'x.xlsx'))).code).toBe(2);
    expect((await run('rules', 'export', '--out', path.join(dir, 'x.xlsx'), '--json')).code).toBe(2);
  });
});

describe('a rulebook workbook edited outside the project', () => {
  it('a quota changed and a unit added in the sheet XML are what check applies', async () => {
    const files = [path.join(EXAMPLES, '08-krong-no.xlsx'), path.join(EXAMPLES, '13-phong-gd-lak.xlsx')];
    const before = JSON.parse((await run('check', ...files, '--json', '--rules', exported)).out);
    expect(before.submissions.map((s: { unit: unknown }) => s.unit)).toEqual([{ name: 'Phòng GD&ĐT huyện Krông Nô', kind: 'phong' }, null]);
    expect(before.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['UNIT_UNKNOWN']);

    const wb = openParts(exported);
    // Loại đơn vị: row 2 is `phong`, column D its total (3 -> 2).
    wb.edit('Loại đơn vị', (xml) => setCell(xml, 'D2', 2));
    // Đơn vị: a 15th unit, with the spelling the Lắk sheet uses.
    wb.edit('Đơn vị', (xml) => addRow(xml, 16, ['lak', 'Phòng GD&amp;ĐT huyện Lắk', 'phong', 'Lắk\nUBND HUYỆN LẮK', 'UBND HUYỆN LẮK', 'Lắk']));
    const edited = path.join(dir, 'edited.xlsx');
    wb.save(edited);

    const r = await run('check', ...files, '--json', '--rules', edited);
    const after = JSON.parse(r.out);
    expect(after.submissions.map((s: { unit: unknown }) => s.unit)).toEqual([
      { name: 'Phòng GD&ĐT huyện Krông Nô', kind: 'phong' },
      { name: 'Phòng GD&ĐT huyện Lắk', kind: 'phong' },
    ]);
    const quota = after.findings.filter((f: { ruleId: string }) => f.ruleId === 'QUOTA_TOTAL_EXCEEDED');
    expect(quota.map((f: { file: string }) => path.basename(f.file))).toEqual(['08-krong-no.xlsx', '13-phong-gd-lak.xlsx']);
    expect(quota[0].message).toContain('vượt số lượng cho phép (2)');
    expect(after.findings.some((f: { ruleId: string }) => f.ruleId === 'UNIT_UNKNOWN')).toBe(false);
  });

  it('a broken workbook is refused whole (exit 2), every mistake listed at its sheet and cell', async () => {
    const wb = openParts(exported);
    wb.edit('Đơn vị', (xml) => setCell(xml, 'C14', 'phong gd'));
    wb.edit('Loại đơn vị', (xml) => setCell(setCell(xml, 'E2', 'một'), 'G3', 'MN, TH, ĐH'));
    wb.edit('Chức vụ', (xml) => setCell(xml, 'D2', 'có lẽ'));
    wb.edit('Chung', (xml) => setCell(xml, 'C3', ''));
    const broken = path.join(dir, 'broken.xlsx');
    wb.save(broken);
    const r = await run('check', path.join(EXAMPLES, '08-krong-no.xlsx'), '--rules', broken);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.split('\n');
    expect(lines[0]).toBe('Sổ quy tắc "broken.xlsx" có 5 lỗi, chưa dùng được (không áp dụng một phần nào):');
    expect(lines.slice(1, 6).sort()).toEqual(
      [
        "  Chung!C3: ô này không được để trống",
        "  Chức vụ!D2: cần 'Có' hoặc 'Không', ô đang ghi 'có lẽ'",
        "  Loại đơn vị!E2: cần một số, ô đang ghi 'một'",
        "  Loại đơn vị!G3: cấp học 'ĐH' không có trong sheet Cấp học",
        "  Đơn vị!C14: loại đơn vị 'phong gd' không có trong sheet Loại đơn vị",
      ].sort(),
    );
    expect(r.err).toContain("The rulebook workbook \"broken.xlsx\" has 5 mistake(s)");
    expect(r.err).toContain("Đơn vị!C14: kind of unit 'phong gd' is not in the sheet Loại đơn vị");
  });

  it('a file that is no workbook, or a workbook without the rulebook sheets, is refused (exit 2)', async () => {
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a zip');
    const a = await run('check', path.join(EXAMPLES, '08-krong-no.xlsx'), '--rules', junk);
    expect(a.code).toBe(2);
    expect(a.err).toContain('Không đọc được sổ quy tắc');
    const b = await run('check', path.join(EXAMPLES, '08-krong-no.xlsx'), '--rules', path.join(EXAMPLES, '08-krong-no.xlsx'));
    expect(b.code).toBe(2);
    expect(b.err).toContain("thiếu sheet 'Chung'");
  });
});
