/** The command-line face: `dien-hinh check|merge|template`. Exit 0 ok, 1 error findings, 2 misuse. */
import { RulebookError } from '../rules/index';
import type { Lang } from '../check/index';
import { runCheck } from './check';
import { runMerge } from './merge';
import { runTemplate } from './template';
import { runRules } from './rules';
import { runShortlistCommand } from './shortlist';
import { UsageError, type Io } from './common';
import { parseDateValue } from '../text/dates';
import { terminalText } from '../text/terminal';
import type { SimpleDate } from '../sheet/submission';

const HELP = `Điển hình — kiểm tra và tổng hợp danh sách đề cử nhà giáo tiêu biểu

Cách dùng / Usage:
  dien-hinh check PATH... [--json] [--rules FILE] [--lang vi|en]
      Kiểm tra các tệp .xlsx/.xlsm/.xls/.ods; với thư mục, đọc mọi tệp như thế trong thư mục
      và các thư mục con (bỏ qua tệp khoá ~$ của Office). / Checks .xlsx, .xlsm, .xls and .ods
      files; a folder is read with its subfolders.
  dien-hinh merge PATH... --out FILE [--json] [--rules FILE] [--lang vi|en] [--date dd/mm/yyyy]
      Kiểm tra rồi ghi bảng tổng hợp của Sở vào FILE (--date: ngày ghi trên báo cáo;
      không có thì để trống để ghi tay).
  dien-hinh template --out FILE [--unit NAME] [--rules FILE]
      Ghi mẫu danh sách đề cử chuẩn (điền sẵn đơn vị nếu có --unit).
  dien-hinh rules export --out FILE.xlsx [--rules FILE]
      Ghi bộ quy tắc đang dùng thành sổ Excel để Văn phòng sửa; mọi --rules nhận sổ đó
      như nhận tệp JSON (sổ có lỗi thì bị từ chối, liệt kê từng lỗi theo sheet và ô).
      Writes the rulebook in force as an editable workbook; every --rules accepts it.
  dien-hinh shortlist CONSOLIDATED.xlsx [--out FILE] [--json] [--rules FILE] [--lang vi|en] [--date dd/mm/yyyy]
      Kiểm tra các nhà giáo được đánh dấu (x) ở cột "Đề nghị Bộ" của trang "Tổng hợp" theo số lượng
      đề nghị Bộ (Quyết định 4996: tối đa 5 người, mỗi cấp học 1, tối đa 1 cán bộ quản lý); có --out
      và không có lỗi thì ghi tờ trình ("Tờ trình", "Danh sách đề nghị") vào FILE (--date: ngày tờ trình).
      Checks the teachers marked in "Đề nghị Bộ"; with --out and no error, writes the proposal.

Mã thoát / Exit status: 0 không có lỗi, 1 có lỗi, 2 dùng sai lệnh.
`;

interface Parsed {
  command: string;
  paths: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--rules', '--lang', '--out', '--unit', '--date']);
const BOOL_FLAGS = new Set(['--json', '--help', '-h']);
const ALLOWED: Record<string, Set<string>> = {
  check: new Set(['--json', '--rules', '--lang']),
  merge: new Set(['--json', '--rules', '--lang', '--out', '--date']),
  template: new Set(['--rules', '--out', '--unit', '--lang']),
  rules: new Set(['--rules', '--out']),
  shortlist: new Set(['--json', '--rules', '--lang', '--out', '--date']),
};

function parse(argv: string[]): Parsed {
  const [command = '', ...rest] = argv;
  const paths: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (VALUE_FLAGS.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
        if (value === undefined || value === '') throw new UsageError(`Thiếu giá trị cho ${name}. / ${name} needs a value.`);
        flags.set(name, value);
      } else if (BOOL_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`Tuỳ chọn không hợp lệ: ${a}. / Unknown option: ${a}.`);
      }
    } else {
      paths.push(a);
    }
  }
  return { command, paths, flags };
}

function str(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** --date dd/mm/yyyy, a real day; undefined when not given. */
function dateOption(p: Parsed): SimpleDate | undefined {
  const dateText = str(p, '--date');
  if (!dateText) return undefined;
  const parsed = parseDateValue(dateText);
  if (!parsed.ok || parsed.date.d === undefined) throw new UsageError(`--date cần một ngày có thật dạng dd/mm/yyyy, không phải "${dateText}". / --date takes a real date as dd/mm/yyyy.`);
  return parsed.date;
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const p = parse(argv);
    if (!p.command || p.command === '--help' || p.command === '-h' || p.command === 'help' || p.flags.has('--help') || p.flags.has('-h')) {
      io.stdout(HELP);
      return p.command && p.command !== 'help' && !p.command.startsWith('-') && !ALLOWED[p.command] ? 2 : 0;
    }
    const allowed = ALLOWED[p.command];
    if (!allowed) throw new UsageError(`Lệnh không hợp lệ: ${p.command}. / Unknown command: ${p.command}.`);
    for (const f of p.flags.keys()) {
      if (!allowed.has(f)) throw new UsageError(`Lệnh ${p.command} không có tuỳ chọn ${f}. / ${p.command} has no option ${f}.`);
    }
    const langFlag = str(p, '--lang') ?? 'vi';
    if (langFlag !== 'vi' && langFlag !== 'en') throw new UsageError(`--lang chỉ nhận vi hoặc en. / --lang takes vi or en.`);
    const lang = langFlag as Lang;
    const rules = str(p, '--rules');
    const json = p.flags.has('--json');
    switch (p.command) {
      case 'check':
        if (p.paths.length === 0) throw new UsageError('Hãy chỉ ra ít nhất một tệp hoặc thư mục. / Name at least one file or folder.');
        return await runCheck({ paths: p.paths, json, rules, lang }, io);
      case 'merge': {
        if (p.paths.length === 0) throw new UsageError('Hãy chỉ ra ít nhất một tệp hoặc thư mục. / Name at least one file or folder.');
        const out = str(p, '--out');
        if (!out) throw new UsageError('Lệnh merge cần --out FILE. / merge needs --out FILE.');
        return await runMerge({ paths: p.paths, out, json, rules, lang, reportDate: dateOption(p) }, io);
      }
      case 'shortlist': {
        if (p.paths.length !== 1) throw new UsageError('Lệnh shortlist cần đúng một bảng tổng hợp (.xlsx). / shortlist takes exactly one consolidated workbook.');
        return await runShortlistCommand({ file: p.paths[0], out: str(p, '--out'), json, rules, lang, date: dateOption(p) }, io);
      }
      case 'template': {
        if (p.paths.length > 0) throw new UsageError(`Lệnh template không nhận đường dẫn: ${p.paths.join(' ')}. / template takes no paths.`);
        const out = str(p, '--out');
        if (!out) throw new UsageError('Lệnh template cần --out FILE. / template needs --out FILE.');
        return await runTemplate({ out, unit: str(p, '--unit'), rules }, io);
      }
      case 'rules': {
        const [action = '', ...extra] = p.paths;
        if (extra.length > 0) throw new UsageError(`Lệnh rules không nhận đường dẫn: ${extra.join(' ')}. / rules takes no paths.`);
        return await runRules({ action, out: str(p, '--out'), rules }, io);
      }
    }
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      // The message may quote paths and file names: no control characters reach the terminal.
      io.stderr(e.help ? `${terminalText(e.message, true)}\n\n${HELP}` : `${terminalText(e.message, true)}\n`);
      return 2;
    }
    if (e instanceof RulebookError) {
      io.stderr(`${e.message}\n${e.messageEn}\n`);
      return 2;
    }
    throw e;
  }
}

/** The commands themselves, for the bench (which measures exactly what the bin runs). */
export { runCheck, runMerge };

// Run when executed directly (tsx src/cli/main.ts, or the bin), not when imported by tests.
const invokedDirectly = typeof require !== 'undefined' ? require.main === module : process.argv[1]?.endsWith('main.ts');
if (invokedDirectly || process.env.DIEN_HINH_CLI === '1') {
  main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Lỗi không mong đợi / Unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
