/**
 * Hostile inputs, made here (not copied) and run through the command line one class at a time:
 * each must end within seconds with a complete report (exit 0 or 1), bounded memory, and no input
 * touched. Prints one line per case: exit code, seconds, peak memory (MB, /usr/bin/time), the size of
 * what it printed, and whether the case met the contract.
 *
 *   npm run hostile [-- CASE...] [--timeout S] [--keep]
 *
 * The workbooks are written by a minimal SpreadsheetML writer of this script's own (raw XML zipped by
 * fflate), not by the project's writer, so a bug in one cannot hide a bug in the other.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'dien-hinh.js');

// ---------------------------------------------------------------------------------------------
// A minimal .xlsx writer: shared strings, one or more sheets, optional merges and formulas.

interface RawSheet {
  name: string;
  /** The <sheetData> rows' XML, as pieces (joined once). */
  rows: string[];
  merges?: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

class Strings {
  private index = new Map<string, number>();
  private list: string[] = [];
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.list.length}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

function col(n: number): string {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A row of text cells (shared strings) starting at column A; `extra` is raw cell XML appended. */
function textRow(sst: Strings, r: number, values: (string | null)[], extra = ''): string {
  const cells = values.map((v, c) => (v === null ? '' : `<c r="${col(c)}${r}" t="s"><v>${sst.id(v)}</v></c>`)).join('');
  return `<row r="${r}">${cells}${extra}</row>`;
}

function xlsx(sheets: RawSheet[], sst: Strings): Uint8Array {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
  };
  sheets.forEach((s, i) => {
    const merges = s.merges && s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${s.rows.join('')}</sheetData>${merges}</worksheet>`);
  });
  files['xl/sharedStrings.xml'] = strToU8(sst.xml());
  return zipSync(files, { level: 6 });
}

const HEADER = ['TT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Thành tích nổi bật'];

/** The head of a real list: agency block, title naming the unit, header row (row 6). Rows of people from row 7. */
function listHead(sst: Strings, unit = 'Cư Jút'): string[] {
  return [
    textRow(sst, 1, [`UBND HUYỆN ${unit.toUpperCase()}`]),
    textRow(sst, 2, [`PHÒNG GIÁO DỤC VÀ ĐÀO TẠO`]),
    textRow(sst, 4, [`DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU NĂM 2025 — Phòng GD&ĐT huyện ${unit}`]),
    textRow(sst, 6, HEADER),
  ];
}

function person(sst: Strings, r: number, n: number, name = `Nguyễn Thị Lan ${n}`, extra = ''): string {
  return textRow(sst, r, [String(n), name, '05/09/1985', 'Nữ', 'Kinh', 'Giáo viên', 'Trường Tiểu học Trần Phú', 'Tiểu học', 'Giáo viên dạy giỏi cấp tỉnh.'], extra);
}

function list(people: number, opts: { unit?: string; name?: (i: number) => string; extra?: (r: number) => string } = {}): Uint8Array {
  const sst = new Strings();
  const rows = listHead(sst, opts.unit);
  for (let i = 0; i < people; i++) rows.push(person(sst, 7 + i, i + 1, opts.name?.(i) ?? `Nguyễn Thị Lan ${i + 1}`, opts.extra?.(7 + i) ?? ''));
  return xlsx([{ name: 'Danh sách', rows }], sst);
}

// ---------------------------------------------------------------------------------------------
// The cases: each makes its inputs in `dir` and says how to run it.

interface Case {
  name: string;
  what: string;
  /** `env`: added to the command's environment. */
  make(dir: string): { args: string[]; inputs: string[]; out?: string; env?: Record<string, string> };
  /** Extra condition on the run (besides exit 0/1, time and memory). */
  expect?: (r: Run, dir: string) => string | null;
}

interface Run {
  code: number | null;
  seconds: number;
  peakMb: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const write = (dir: string, name: string, bytes: Uint8Array | string) => {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
  return p;
};

/** What mac-ratio made (its sheet's size and ratio are checked, so the case cannot drift). */
let macRatio: { mb: number; ratio: number; people: number } | null = null;

const FORMULA_NAMES = ['=HYPERLINK("http://example.com/x","Bấm vào đây")', '+84 912 345 678', '-', '@SUM(1+1)', '\t=1+1', '-2+3'];

/** An entry's sizes, from the zip's central directory. */
function entrySizes(zip: Uint8Array, name: string): { size: number; compressed: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let p = 0; p + 46 <= zip.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const len = view.getUint16(p + 28, true);
    if (strFromU8(zip.subarray(p + 46, p + 46 + len)) === name) return { compressed: view.getUint32(p + 20, true), size: view.getUint32(p + 24, true) };
  }
  return { size: 0, compressed: 1 };
}

/** null when the JSON report refuses `name` exactly `times` times (FILE_UNREADABLE). */
function refusedTimes(r: Run, name: string, times: number): string | null {
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[] };
  const n = report.findings.filter((f) => f.ruleId === 'FILE_UNREADABLE' && path.basename(f.file) === name).length;
  return n === times ? null : `${name} refused ${n} time(s), not ${times}`;
}

/** null when every text of `texts` is on the first sheet of `file` as a shared string whose style has quotePrefix="1". */
function quotePrefixed(file: string, texts: string[]): string | null {
  if (!fs.existsSync(file)) return 'no workbook written';
  const parts = unzipSync(fs.readFileSync(file));
  const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const sst = [...strFromU8(parts['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const xfs = strFromU8(parts['xl/styles.xml']).split('<cellXfs')[1].match(/<xf [^>]*>/g) ?? [];
  const found = new Map<string, boolean>();
  for (const c of strFromU8(parts['xl/worksheets/sheet1.xml']).matchAll(/<c r="[A-Z]+\d+" s="(\d+)" t="s"><v>(\d+)<\/v>/g)) {
    const text = sst[Number(c[2])];
    if (texts.includes(text)) found.set(text, (found.get(text) ?? true) && xfs[Number(c[1])].includes('quotePrefix="1"'));
  }
  const bad = texts.filter((t) => found.get(t) !== true);
  return bad.length ? `not quote-prefixed text: ${bad.map((t) => JSON.stringify(t)).join(', ')}` : null;
}

const CASES: Case[] = [
  {
    name: 'redos-date-line',
    what: 'nominees whose names repeat "ngày tháng " after a character the fast fold does not know (the date-line pattern backtracked cubically)',
    make(dir) {
      const f = write(dir, 'redos.xlsx', list(1, { name: (i) => `中${i} ${'ngày tháng '.repeat(2000)}` }));
      return { args: ['check', f, '--json'], inputs: [f] };
    },
  },
  {
    name: 'sparse-xfd',
    what: 'one cell in column XFD on every row (work per row grew with the widest row)',
    make(dir) {
      const f = write(dir, 'xfd.xlsx', list(20000, { extra: (r) => `<c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c>` }));
      return { args: ['check', f, '--json'], inputs: [f] };
    },
  },
  {
    name: 'many-merges',
    what: '1,000,000 merged ranges below a 50,000-row list whose rows hold one cell (each row scanned every merge)',
    make(dir) {
      const sst = new Strings();
      const rows = listHead(sst);
      for (let i = 0; i < 50000; i++) rows.push(textRow(sst, 7 + i, [null, `Nguyễn Văn ${i}`]));
      const merges: string[] = [];
      for (let i = 0; i < 1_000_000; i++) merges.push(`${col(20 + (i % 1000))}${60000 + Math.floor(i / 1000) * 2}:${col(20 + (i % 1000))}${60001 + Math.floor(i / 1000) * 2}`);
      const f = write(dir, 'merges.xlsx', xlsx([{ name: 'Danh sách', rows, merges }], sst));
      return { args: ['check', f, '--json'], inputs: [f] };
    },
  },
  {
    name: 'same-unit-sheets',
    what: '10 files × 1,000 sheets from one unit (the duplicate-submission check was quadratic)',
    make(dir) {
      const files: string[] = [];
      for (let k = 0; k < 10; k++) {
        const sst = new Strings();
        const sheets: RawSheet[] = [];
        for (let s = 0; s < 1000; s++) sheets.push({ name: `DS ${s + 1}`, rows: [...listHead(sst), person(sst, 7, 1, `Trần Văn ${k}-${s}`)] });
        files.push(write(dir, `dup/${String(k).padStart(2, '0')}-cu-jut.xlsx`, xlsx(sheets, sst)));
      }
      return { args: ['check', path.join(dir, 'dup'), '--json'], inputs: files };
    },
  },
  {
    name: 'shared-formula',
    what: 'a shared formula whose master is 200 KB, referenced by 4,000 cells (expanded per cell: 4 GB, a 941 MB report)',
    make(dir) {
      const sst = new Strings();
      const rows = listHead(sst);
      const master = `"${'A'.repeat(200_000)}"&A1`;
      for (let i = 0; i < 4000; i++) {
        const r = 7 + i;
        const f = i === 0 ? `<f t="shared" ref="B7:B4006" si="0">${master}</f>` : `<f t="shared" si="0"/>`;
        rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>${sst.id(String(i + 1))}</v></c><c r="B${r}" t="str">${f}<v>Nguyễn Văn ${i}</v></c></row>`);
      }
      const file = write(dir, 'formula.xlsx', xlsx([{ name: 'Danh sách', rows }], sst));
      return { args: ['check', file, '--json'], inputs: [file] };
    },
    expect: (r) => (r.stdout.length > 20 * 1024 * 1024 ? `report of ${(r.stdout.length / 1048576).toFixed(0)} MB` : null),
  },
  {
    name: 'long-texts',
    what: '4,000 rows of 32,767-character values and a 2 MB sheet name (reports of over a gigabyte)',
    make(dir) {
      const long = 'Giáo viên dạy giỏi '.repeat(1725).slice(0, 32767);
      const sst = new Strings();
      const rows = listHead(sst);
      // The same few long values again and again: a small file (shared strings), a huge report.
      for (let i = 0; i < 4000; i++) rows.push(textRow(sst, 7 + i, [String(i + 1), long, `x${long}`.slice(0, 32767), long, long, `y${long}`.slice(0, 32767)]));
      let seed = 7;
      const noise = Array.from({ length: 2_000_000 }, () => String.fromCharCode(97 + (((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 26))).join('');
      const f = write(dir, 'long.xlsx', xlsx([{ name: noise, rows }], sst));
      const ok = write(dir, 'ok.xlsx', list(2));
      return { args: ['check', f, ok, '--json'], inputs: [f, ok] };
    },
    expect: (r) => (r.stdout.length > 50 * 1024 * 1024 ? `report of ${(r.stdout.length / 1048576).toFixed(0)} MB` : !r.stdout.includes('ok.xlsx') ? 'the other file is missing from the report' : null),
  },
  {
    name: 'two-big-files',
    what: 'two lists, each within every per-file limit, whose cells together pass the run budget (two 19.7 MB files exhausted the heap together); the budget made small by DIEN_HINH_RUN_BUDGET_CELLS, 5,000,000 cells by default',
    make(dir) {
      // 20,000 people of 9 cells: 180,000 cells kept per file, the budget 250,000.
      const a = write(dir, 'big/a.xlsx', list(20000, { name: (i) => `Nguyễn Thị Lan A${i}` }));
      const b = write(dir, 'big/b.xlsx', list(20000, { unit: 'Krông Nô', name: (i) => `Trần Văn Bình B${i}` }));
      return { args: ['check', a, b, '--json'], inputs: [a, b], env: { DIEN_HINH_RUN_BUDGET_CELLS: '250000' } };
    },
    expect: (r) => {
      let report: { submissions: { file: string; nominees: number; status: string }[]; findings: { file: string; ruleId: string; message: string }[] };
      try {
        report = JSON.parse(r.stdout);
      } catch {
        return null; // said by the runner
      }
      const first = report.submissions.find((s) => s.file.endsWith('a.xlsx'));
      if (!first || first.nominees !== 20000) return `the first file is not reported whole (${first ? first.nominees : 'missing'})`;
      const refused = report.findings.filter((f) => f.file.endsWith('b.xlsx'));
      if (refused.length !== 1 || refused[0].ruleId !== 'FILE_UNREADABLE' || !refused[0].message.includes('vượt giới hạn của một lần chạy')) {
        return `the second file is not refused for the run's limit: ${refused.map((f) => f.message.slice(0, 80)).join(' | ') || 'no finding'}`;
      }
      return null;
    },
  },
  {
    name: 'fifo-input',
    what: 'a FIFO named x.xlsx, alone and inside a folder (open blocked forever)',
    make(dir) {
      fs.mkdirSync(path.join(dir, 'fifo'), { recursive: true });
      const p = path.join(dir, 'fifo', 'x.xlsx');
      spawnSync('mkfifo', [p]);
      const ok = write(dir, 'fifo/ok.xlsx', list(2));
      return { args: ['check', path.join(dir, 'fifo'), p, '--json'], inputs: [ok] };
    },
    expect: (r) => (!r.stdout.includes('ok.xlsx') ? 'the other file is missing from the report' : refusedTimes(r, 'x.xlsx', 2)),
  },
  {
    name: 'folder-xlsx',
    what: 'a folder named x.xlsx, alone and inside a folder (searched as a folder, so it vanished from the report)',
    make(dir) {
      fs.mkdirSync(path.join(dir, 'in', 'x.xlsx', 'xl'), { recursive: true });
      write(dir, 'in/x.xlsx/xl/workbook.xml', '<workbook/>');
      const ok = write(dir, 'in/ok.xlsx', list(2));
      return { args: ['check', path.join(dir, 'in'), path.join(dir, 'in', 'x.xlsx'), '--json'], inputs: [ok] };
    },
    expect: (r) => (!r.stdout.includes('ok.xlsx') ? 'the other file is missing from the report' : refusedTimes(r, 'x.xlsx', 2)),
  },
  {
    name: 'fifo-out',
    what: 'a FIFO given as --out (the write blocked forever)',
    make(dir) {
      const f = write(dir, 'in.xlsx', list(2));
      const out = path.join(dir, 'out-fifo.xlsx');
      spawnSync('mkfifo', [out]);
      return { args: ['merge', f, '--out', out], inputs: [f] };
    },
    expect: (r, dir) => (r.code !== 2 ? `exit ${r.code}, not a refusal (2)` : !fs.lstatSync(path.join(dir, 'out-fifo.xlsx')).isFIFO() ? 'the FIFO was replaced' : null),
  },
  {
    name: 'folder-out',
    what: 'a folder given as --out',
    make(dir) {
      const f = write(dir, 'in.xlsx', list(2));
      fs.mkdirSync(path.join(dir, 'out.xlsx'));
      return { args: ['merge', f, '--out', path.join(dir, 'out.xlsx')], inputs: [f] };
    },
    expect: (r) => (r.code !== 2 ? `exit ${r.code}, not a refusal (2)` : null),
  },
  {
    name: 'symlink-out',
    what: '--out is a symlink to an input (the submission was overwritten)',
    make(dir) {
      const f = write(dir, 'in.xlsx', list(2));
      const link = path.join(dir, 'link.xlsx');
      fs.symlinkSync(f, link);
      return { args: ['merge', f, '--out', link], inputs: [f] };
    },
    expect: (r) => (r.code !== 2 ? `exit ${r.code}, not a refusal (2)` : null),
  },
  {
    name: 'hardlink-out',
    what: '--out is a hard link to an input',
    make(dir) {
      const f = write(dir, 'in.xlsx', list(2));
      const link = path.join(dir, 'hard.xlsx');
      fs.linkSync(f, link);
      return { args: ['merge', f, '--out', link], inputs: [f] };
    },
    expect: (r) => (r.code !== 2 ? `exit ${r.code}, not a refusal (2)` : null),
  },
  {
    name: 'symlinked-folder-out',
    what: 'the input reached through a symlinked folder, --out the same file by its real path',
    make(dir) {
      const f = write(dir, 'real/in.xlsx', list(2));
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
      return { args: ['merge', path.join(dir, 'alias'), '--out', f], inputs: [f] };
    },
    expect: (r) => (r.code !== 2 ? `exit ${r.code}, not a refusal (2)` : null),
  },
  {
    name: 'mac-ratio',
    what: 'a genuine-looking sheet of long repeated strings that inflates ~121:1 to ~54 MB (refused as a zip bomb)',
    make(dir) {
      let seed = 12345;
      const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16);
      const word = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + (rnd() % 26))).join('');
      // Every 80th phrase has a word of its own: deflate then gets ~121:1, like the Mac workbook.
      const long = () => {
        const segs: string[] = [];
        for (let i = 0; i < 600; i++) segs.push(i % 80 === 0 ? `Giáo viên ${word()} dạy giỏi cấp tỉnh ` : 'Giáo viên dạy giỏi cấp tỉnh ');
        return esc(segs.join('').slice(0, 32000));
      };
      const sst = new Strings();
      const rows = listHead(sst);
      const people = 2350;
      for (let i = 0; i < people; i++) rows.push(person(sst, 7 + i, i + 1, `Nguyễn Thị Lan ${i + 1}`, `<c r="J${7 + i}" t="inlineStr"><is><t>${long()}</t></is></c>`));
      const f = write(dir, 'mac.xlsx', xlsx([{ name: 'Danh sách', rows }], sst));
      const { size, compressed } = entrySizes(fs.readFileSync(f), 'xl/worksheets/sheet1.xml');
      macRatio = { mb: size / 1e6, ratio: size / compressed, people };
      return { args: ['check', f, '--json'], inputs: [f] };
    },
    expect: (r) => {
      const m = macRatio;
      if (!m || m.ratio < 110 || m.ratio > 135 || m.mb < 50 || m.mb > 60) return `the case is off: its sheet is ${m?.mb.toFixed(0)} MB at ${m?.ratio.toFixed(0)}:1, not ~54 MB at ~121:1`;
      const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; summary: { nominees: number } };
      if (report.findings.some((f) => f.ruleId === 'FILE_UNREADABLE')) return 'refused';
      return report.summary.nominees !== m.people ? `${report.summary.nominees} nominees read, not ${m.people}` : null;
    },
  },
  {
    name: 'formula-text',
    what: 'nominees named like formulas (=HYPERLINK…, +84…, -, @…, tab=…) merged: written as plain text, live again on F2+Enter or CSV export',
    make(dir) {
      const f = write(dir, 'in.xlsx', list(FORMULA_NAMES.length, { name: (i) => FORMULA_NAMES[i] }));
      return { args: ['merge', f, '--out', path.join(dir, 'out.xlsx')], inputs: [f] };
    },
    // The reader trims the tab; what is left still starts like a formula.
    expect: (_r, dir) => quotePrefixed(path.join(dir, 'out.xlsx'), FORMULA_NAMES.map((n) => n.trim())),
  },
  {
    name: 'terminal-escapes',
    what: 'escape sequences in a cell and a sheet name (they reached the terminal raw)',
    make(dir) {
      const evil = '\u001b[2J\u001b[H0 lỗi\u001b[8m';
      const sst = new Strings();
      const rows = [...listHead(sst), person(sst, 7, 1, `Lan${evil}`), textRow(sst, 8, ['2', `\u202Eabc`, 'không rõ'])];
      const f = write(dir, 'esc.xlsx', xlsx([{ name: `DS${'\u001b]0;pwned\u0007'}`, rows }], sst));
      return { args: ['check', f], inputs: [f] };
    },
    // eslint-disable-next-line no-control-regex
    expect: (r) => (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(r.stdout) ? 'control characters in the text report' : null),
  },
];

// ---------------------------------------------------------------------------------------------

function runCli(args: string[], timeoutS: number, env?: Record<string, string>): Run {
  const t0 = process.hrtime.bigint();
  // GNU timeout kills the whole process group at the deadline: spawnSync's own timeout would kill
  // /usr/bin/time only, leaving the command itself running (blocked on a FIFO: for ever).
  const r = spawnSync('timeout', ['-s', 'KILL', String(timeoutS), '/usr/bin/time', '-f', '%M', process.execPath, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: (timeoutS + 10) * 1000,
    killSignal: 'SIGKILL',
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = (r.stderr ?? '').trimEnd().split('\n');
  const kb = Number(lines[lines.length - 1]);
  return {
    code: r.status,
    seconds,
    peakMb: Number.isFinite(kb) ? kb / 1024 : NaN,
    stdout: r.stdout ?? '',
    stderr: lines.slice(0, -1).join('\n'),
    timedOut: r.status === 124 || r.status === 137 || r.signal === 'SIGKILL' || (r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--timeout');
  const timeoutS = at >= 0 ? Number(args[at + 1]) : 60;
  const keep = args.includes('--keep');
  const only = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  const cases = only.length ? CASES.filter((c) => only.includes(c.name)) : CASES;
  // Build the bundle once, so its time is in no case's figures.
  spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT });
  let failed = 0;
  process.stdout.write(`${'case'.padEnd(22)} ${'exit'.padStart(4)} ${'s'.padStart(7)} ${'peakMB'.padStart(7)} ${'outKB'.padStart(8)}  verdict\n`);
  for (const c of cases) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dh-hostile-${c.name}-`));
    const made = c.make(dir);
    const before = made.inputs.map((f) => fs.readFileSync(f));
    const r = runCli(made.args, timeoutS, made.env);
    const problems: string[] = [];
    if (r.timedOut) problems.push(`killed after ${timeoutS} s`);
    else if (r.code !== 0 && r.code !== 1 && !c.expect) problems.push(`exit ${r.code}: ${r.stderr.split('\n')[0].slice(0, 120)}`);
    if (!r.timedOut && r.seconds > 10) problems.push(`took ${r.seconds.toFixed(1)} s`);
    if (r.peakMb > 1024) problems.push(`peak ${r.peakMb.toFixed(0)} MB`);
    made.inputs.forEach((f, i) => {
      if (!fs.existsSync(f) || !fs.readFileSync(f).equals(before[i])) problems.push(`input changed: ${path.basename(f)}`);
    });
    const leftovers = fs.readdirSync(dir, { recursive: true }).map(String).filter((n) => /\.tmp$/.test(n));
    if (leftovers.length) problems.push(`temporary files left: ${leftovers.join(', ')}`);
    if (!r.timedOut && args.includes('--json') === false && made.args.includes('--json') && (r.code === 0 || r.code === 1)) {
      try {
        JSON.parse(r.stdout);
      } catch {
        problems.push('the JSON report does not parse');
      }
    }
    const extra = !r.timedOut && c.expect ? c.expect(r, dir) : null;
    if (extra) problems.push(extra);
    if (problems.length) failed++;
    process.stdout.write(
      `${c.name.padEnd(22)} ${String(r.code ?? '-').padStart(4)} ${r.seconds.toFixed(2).padStart(7)} ${r.peakMb.toFixed(0).padStart(7)} ${(r.stdout.length / 1024).toFixed(0).padStart(8)}  ${problems.length ? `FAIL: ${problems.join('; ')}` : 'ok'}\n`,
    );
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`  (kept: ${dir})\n`);
  }
  process.stdout.write(`\n${cases.length - failed} passed, ${failed} failed\n`);
  process.exitCode = failed ? 1 : 0;
}

main();
