/** Building blocks of the sheets' layouts: the official heading, the signature block, column sets. */
import type { Column, Line } from './model';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO2 = 'Độc lập - Tự do - Hạnh phúc';

export function dateLine(place: string, date: { y: number; m: number; d: number }, padDay = false): string {
  const d = padDay ? String(date.d).padStart(2, '0') : String(date.d);
  return `${place}, ngày ${d} tháng ${date.m} năm ${date.y}`;
}

/**
 * The heading of an administrative document (Decree 30/2020): agency block on the left, national
 * motto on the right, the place-and-date line under the motto, then the title.
 */
export function officialHeading(opts: {
  width: number;
  parent: string;
  agency: string;
  dateLine: string | null;
  title: string;
  subtitle?: string;
  /** Columns of the left block (default 3). */
  left?: number;
}): Line[] {
  const w = opts.width;
  const left = opts.left ?? 3;
  const right = Math.max(left + 1, w - Math.max(4, Math.floor(w / 2)) + 1);
  const lines: Line[] = [
    [
      { from: 1, to: left, text: opts.parent, style: 'agency' },
      { from: right, to: w, text: MOTTO, style: 'motto' },
    ],
    [
      { from: 1, to: left, text: opts.agency, style: 'agencyName' },
      { from: right, to: w, text: MOTTO2, style: 'motto2' },
    ],
    opts.dateLine ? [{ from: right, to: w, text: opts.dateLine, style: 'dateLine' }] : [],
    [],
    [{ from: 1, to: w, text: opts.title, style: 'title' }],
  ];
  if (opts.subtitle) lines.push([{ from: 1, to: w, text: opts.subtitle, style: 'subtitle' }]);
  lines.push([]);
  return lines;
}

/** "Người lập biểu" on the left, the signer on the right, names after room for the signatures. */
export function signature(opts: {
  width: number;
  clerk?: string;
  title: string;
  role?: string;
  signer: string;
  /** Extra lines before the signature (a "Nơi nhận" block, a date line…). */
  before?: Line[];
}): Line[] {
  const w = opts.width;
  const right = Math.max(4, w - Math.max(3, Math.floor(w / 3)) + 1);
  const lines: Line[] = [[], ...(opts.before ?? [])];
  const head: Line = [{ from: right, to: w, text: opts.title, style: 'sigTitle' }];
  if (opts.clerk) head.unshift({ from: 2, to: 3, text: 'Người lập biểu', style: 'sigTitle' });
  lines.push(head);
  if (opts.role) lines.push([{ from: right, to: w, text: opts.role, style: 'sigTitle' }]);
  lines.push([], [], []);
  const names: Line = [{ from: right, to: w, text: opts.signer, style: 'sigName' }];
  if (opts.clerk) names.unshift({ from: 2, to: 3, text: opts.clerk, style: 'sigName' });
  lines.push(names);
  return lines;
}

export const col = (key: string, header: string, width: number, group?: string): Column =>
  group ? { key, header, width, group } : { key, header, width };
