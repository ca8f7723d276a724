/** The named cell styles of the generated workbooks: Times New Roman, Decree 30 sizes. */
import { formulaLike, type BookFont, type BookStyle } from '../book/model';

export const FONT: BookFont = { name: 'Times New Roman', size: 12 };

const ALL_THIN = { top: 'thin', left: 'thin', bottom: 'thin', right: 'thin' } as const;
const HEAD_FILL = 'FFD9E2F3';
const ERROR_FILL = 'FFF8CBAD';
const WARNING_FILL = 'FFFFE699';
const OK_FILL = 'FFC6E0B4';
const INFO_FILL = 'FFDDEBF7';

function statusStyles(prefix: string, size: number): Record<string, BookStyle> {
  const name = (n: string) => (prefix ? `${prefix}${n[0].toUpperCase()}${n.slice(1)}` : n);
  const cell = (fill: string | undefined, bold = false, italic = false): BookStyle => ({
    font: { size, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) },
    ...(fill ? { fill } : {}),
    border: ALL_THIN,
    align: { horizontal: 'center', vertical: prefix ? 'middle' : 'top', wrap: true },
  });
  return {
    [name('statusOk')]: cell(OK_FILL),
    [name('statusError')]: cell(ERROR_FILL, true),
    [name('statusWarning')]: cell(WARNING_FILL),
    [name('statusInfo')]: cell(INFO_FILL),
    [name('statusNone')]: cell(undefined, false, true),
  };
}

const TD: BookStyle = { font: { size: 12 }, border: ALL_THIN, align: { horizontal: 'left', vertical: 'top', wrap: true }, numFmt: '@' };
const TD_CENTER: BookStyle = { font: { size: 12 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'top', wrap: true }, numFmt: '@' };

export const STYLES: Record<string, BookStyle> = {
  // Official header block (Decree 30/2020/NĐ-CP, appendix I).
  agencyParent: { font: { size: 13 }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  agencyName: { font: { size: 13, bold: true, underline: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  motto1: { font: { size: 12, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  motto2: { font: { size: 13, bold: true, underline: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  docNumber: { font: { size: 13 }, align: { horizontal: 'center', vertical: 'middle' } },
  dateLine: { font: { size: 13, italic: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  title: { font: { size: 14, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  subtitle: { font: { size: 14, bold: true }, align: { horizontal: 'center', vertical: 'top', wrap: true } },
  titleRule: { border: { bottom: 'thin' } },
  note: { font: { size: 12, italic: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  section: { font: { size: 13, bold: true }, align: { horizontal: 'left', vertical: 'middle', wrap: true } },
  para: { font: { size: 13 }, align: { horizontal: 'justify', vertical: 'top', wrap: true } },
  bullet: { font: { size: 13 }, align: { horizontal: 'left', vertical: 'top', wrap: true, indent: 1 } },
  label: { font: { size: 13, bold: true }, align: { horizontal: 'right', vertical: 'middle' } },
  labelValue: { font: { size: 13, bold: true }, align: { horizontal: 'left', vertical: 'middle' }, numFmt: '@' },

  // Tables.
  th: { font: { size: 12, bold: true }, fill: HEAD_FILL, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  thSmall: { font: { size: 11, bold: true }, fill: HEAD_FILL, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  thVertical: { font: { size: 11, bold: true }, fill: HEAD_FILL, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true, rotate: 90 } },
  thNum: { font: { size: 11, italic: true }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle' } },
  td: TD,
  tdCenter: TD_CENTER,
  // The same, for text a spreadsheet would take for a formula (see textStyle).
  tdQuoted: { ...TD, quotePrefix: true },
  tdCenterQuoted: { ...TD_CENTER, quotePrefix: true },
  tdNum: { font: { size: 12 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'top' }, numFmt: '0' },
  tdDate: { font: { size: 12 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'top' }, numFmt: 'dd/mm/yyyy' },
  tdInt: { font: { size: 12 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'top' }, numFmt: '0' },
  total: { font: { size: 12, bold: true }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true }, numFmt: '0' },
  totalLabel: { font: { size: 12, bold: true }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle' } },
  ...statusStyles('', 12),
  ...statusStyles('s', 11),
  sTd: { font: { size: 11 }, border: ALL_THIN, align: { horizontal: 'left', vertical: 'middle', wrap: true }, numFmt: '@' },
  sTdCenter: { font: { size: 11 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true }, numFmt: '@' },
  sTdNum: { font: { size: 11 }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle' }, numFmt: '0' },
  sTotal: { font: { size: 11, bold: true }, border: ALL_THIN, align: { horizontal: 'center', vertical: 'middle', wrap: true }, numFmt: '0' },
  listTitle: { font: { size: 14, bold: true }, align: { horizontal: 'center', vertical: 'middle' } },

  // Signature block and recipients.
  recipientsTitle: { font: { size: 12, bold: true, italic: true }, align: { horizontal: 'left', vertical: 'top' } },
  recipient: { font: { size: 11 }, align: { horizontal: 'left', vertical: 'top' } },
  signAuthority: { font: { size: 13, bold: true }, align: { horizontal: 'center', vertical: 'top' } },
  signHint: { font: { size: 13, italic: true }, align: { horizontal: 'center', vertical: 'top' } },
  signName: { font: { size: 13, bold: true }, align: { horizontal: 'center', vertical: 'top' } },

  // The hidden lists sheet.
  listsHead: { font: { size: 12, bold: true }, fill: HEAD_FILL, border: ALL_THIN },
  listsItem: { font: { size: 12 }, numFmt: '@' },
};

/** Style of a status cell by the worst severity present; `small` for the report's table. */
export function statusStyle(kind: 'ok' | 'error' | 'warning' | 'info' | 'none', small = false): string {
  const name = { ok: 'statusOk', error: 'statusError', warning: 'statusWarning', info: 'statusInfo', none: 'statusNone' }[kind];
  return small ? `s${name[0].toUpperCase()}${name.slice(1)}` : name;
}

/**
 * The style for a value read from a file: `td` or `tdCenter`, with the quote prefix when the value
 * is text a spreadsheet would take for a formula ("=HYPERLINK(…)", "+84…", "-"), so that editing the
 * cell or saving the sheet as CSV cannot turn it into one.
 */
export function textStyle(style: 'td' | 'tdCenter', value: string | number | null): string {
  return typeof value === 'string' && formulaLike(value) ? `${style}Quoted` : style;
}
