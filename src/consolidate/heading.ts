/** The official header block and signature block of Decree 30/2020/NĐ-CP, laid out on sheet columns. */
import { SheetWriter } from '../book/model';
import { estimateLines, lineHeight, textUnits } from '../book/text-width';

export interface Spans {
  /** First and last column of the left block (agency, "Nơi nhận"). */
  left: [number, number];
  /** First and last column of the right block (national heading, date line, signature). */
  right: [number, number];
}

/**
 * The left block takes the first columns up to `leftMin` width units, the right block the last
 * columns from `rightMin` units, without overlapping.
 */
export function headingSpans(widths: number[], leftMin: number, rightMin: number): Spans {
  const n = widths.length;
  let a = 0;
  let sum = widths[0] ?? 0;
  while (sum < leftMin && a < n - 2) sum += widths[++a];
  let b = n - 1;
  sum = widths[b] ?? 0;
  while (sum < rightMin && b > a + 1) sum += widths[--b];
  return { left: [0, a], right: [b, n - 1] };
}

export function spanWidth(widths: number[], from: number, to: number): number {
  let s = 0;
  for (let c = from; c <= to; c++) s += widths[c] ?? 0;
  return s;
}

/** Widths the two blocks need to keep each line of the heading on one line. */
export function headingNeeds(t: HeadingTexts): { left: number; right: number } {
  return {
    left: Math.max(textUnits(t.parent, 13), textUnits(t.name, 13, true), t.number ? textUnits(t.number, 13) : 0) + 2,
    right: Math.max(textUnits(t.motto1, 12, true), textUnits(t.motto2, 13, true), textUnits(t.dateLine, 13, false) * 1.04) + 2,
  };
}

export interface HeadingTexts {
  parent: string;
  name: string;
  motto1: string;
  motto2: string;
  /** "Số: …/BC-SGDĐT", under the agency block; omitted when null. */
  number: string | null;
  dateLine: string;
}

/** Writes the header block from `row`; returns the next free row. */
export function writeHeading(w: SheetWriter, row: number, widths: number[], spans: Spans, t: HeadingTexts): number {
  const [l0, l1] = spans.left;
  const [r0, r1] = spans.right;
  const leftW = spanWidth(widths, l0, l1);
  const rightW = spanWidth(widths, r0, r1);
  w.merge(row, l0, row, l1, t.parent, 'agencyParent');
  w.merge(row, r0, row, r1, t.motto1, 'motto1');
  w.height(row, Math.max(lineHeight(estimateLines(t.parent, leftW, 13), 13), lineHeight(estimateLines(t.motto1, rightW, 12, true), 12)));
  w.merge(row + 1, l0, row + 1, l1, t.name, 'agencyName');
  w.merge(row + 1, r0, row + 1, r1, t.motto2, 'motto2');
  w.height(row + 1, Math.max(lineHeight(estimateLines(t.name, leftW, 13, true), 13), lineHeight(1, 13)));
  w.height(row + 2, 8);
  if (t.number !== null) w.merge(row + 3, l0, row + 3, l1, t.number, 'docNumber');
  w.merge(row + 3, r0, row + 3, r1, t.dateLine, 'dateLine');
  w.height(row + 3, lineHeight(estimateLines(t.dateLine, rightW, 13), 13));
  return row + 4;
}

export interface SignatureTexts {
  recipients: string[] | null;
  /** Lines above the space for the signature ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký tên, đóng dấu)"). */
  lines: { text: string; style: 'signAuthority' | 'signHint' }[];
  name: string;
}

/** Writes "Nơi nhận" on the left and the signature on the right from `row`; returns the next free row. */
export function writeSignature(w: SheetWriter, row: number, spans: Spans, t: SignatureTexts): number {
  const [l0, l1] = spans.left;
  const [r0, r1] = spans.right;
  let r = row;
  for (const line of t.lines) {
    w.merge(r, r0, r, r1, line.text, line.style);
    r++;
  }
  r += 4; // room for the signature and the seal
  w.merge(r, r0, r, r1, t.name || null, 'signName');
  const signEnd = r + 1;
  let left = row;
  if (t.recipients) {
    w.merge(left, l0, left, l1, 'Nơi nhận:', 'recipientsTitle');
    left++;
    for (const rec of t.recipients) {
      const text = /^\s*[-–]/.test(rec) ? rec.trim() : `- ${rec.trim()}`;
      w.merge(left, l0, left, l1, text, 'recipient');
      left++;
    }
  }
  const end = Math.max(signEnd, left);
  for (let i = row; i < end; i++) w.height(i, 19);
  return end;
}
