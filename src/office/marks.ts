/// <reference types="office-js" />
/**
 * Marks findings in the sheet and takes the marks off again, leaving the user's values untouched.
 *
 * Each marked cell gets a fill by severity and, where the Excel has them, a note (ExcelApi 1.18)
 * or else a comment (1.10) starting with "[Điển hình]". Before the first mark, each cell's own fill
 * is recorded on a very hidden sheet, `_DienHinh_Marks`, one JSON record per row. Why a sheet:
 * it works from ExcelApi 1.1 (Office 2016), goes through the same batched requests as everything
 * else, and travels with the workbook, so marks can be removed after the file was closed and
 * reopened. It holds sheet names, addresses and colours only (no personal data), and is deleted
 * when the marks are cleared. A cell that already carries someone's note or comment keeps it (we
 * add none there); notes and comments we added are recognised by their "[Điển hình]" prefix.
 *
 * Round trips: marking takes 3 syncs (sheet list and notes; the record, the cells' current fills
 * and the other notes' places; the writes), more only when the requests would pass the 4 MB budget
 * (each marked cell costs about 0.6 KB of request, 1 KB with its note: see batch.ts). A cell whose
 * marking Excel refuses even alone (a huge note) is left unmarked and listed in the summary.
 */
import type { Finding, Lang, Severity } from '../check/finding';
import { normalizeAddress } from '../sheet/address';
import { jsonBytes, OBJECT_ARG, requestCost, runChunked, type QueuedOp, type RequestBudget } from './batch';
import { officeStep } from './errors';
import { FEATURE_SETS, type ExcelSupport } from './support';

export const MARKS_SHEET = '_DienHinh_Marks';
export const NOTE_PREFIX = '[Điển hình]';
/** Fills like Excel's own "Bad", "Neutral" and a light blue: readable, and clearly not the user's. */
export const MARK_FILL: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const HEADER =
  'Điển hình: màu nền gốc của các ô đã được đánh dấu, để gỡ dấu trả lại như cũ. Đừng sửa trang này. / Original fills of the cells marked by Dien hinh.';

/** One marked cell and what it looked like before. */
export interface MarkRecord {
  s: string;
  a: string;
  /** Fill colour before marking ("#RRGGBB"), or null when Excel reported none. */
  c: string | null;
  /** Fill pattern before marking ("None", "Solid"…), or null when unknown (before ExcelApi 1.9). */
  p: string | null;
}

export interface MarkOptions {
  support: ExcelSupport;
  lang: Lang;
  /** Add notes/comments where the Excel supports them (default true). */
  notes?: boolean;
  /** Request budget per sync in bytes (default 4 MB). */
  maxPayloadBytes?: number;
}

export interface MarkSummary {
  /** Cells filled. */
  cells: number;
  /** Notes or comments added. */
  notes: number;
  /** 'note', 'comment' or null: what this Excel could add. */
  noteKind: NoteKind | null;
  /** Cells that kept someone else's note or comment (no note added there). */
  keptForeignNotes: number;
  /** Findings not marked: no cell, or a sheet that is not in this workbook. */
  skipped: number;
  /** Cells ("Danh sách!B3") left unmarked because Excel refused even a request of their own. */
  unmarked: string[];
  syncs: number;
}

export interface ClearSummary {
  /** Cells whose fill was restored. */
  cells: number;
  /** Our notes/comments removed. */
  notes: number;
  syncs: number;
}

type NoteKind = 'note' | 'comment';
/** Under Excel on the web's 5 MB, with room for estimates that are a little low. */
const DEFAULT_BUDGET = 4 * 1024 * 1024;
/** A note's or comment's id as sent to reach it again (its real length is not loaded). */
const NOTE_ID = 'x'.repeat(40);
/** Cost of reaching a cell's fill (getRange, format, fill) and one action on it. */
const fillCost = (address: string, ...args: unknown[]) => requestCost(3, 1, [address, ...args]);
const PARTIAL_MARK = {
  vi: 'Một phần các ô đã được đánh dấu: bấm “Gỡ dấu” để trả lại như cũ, hoặc đánh dấu lại.',
  en: 'Some cells were marked already: press “Remove marks” to undo, or mark again.',
};
const PARTIAL_CLEAR = {
  vi: 'Một phần dấu đã được gỡ: bấm “Gỡ dấu” lần nữa để gỡ nốt.',
  en: 'Some marks were removed already: press “Remove marks” again to finish.',
};

interface Target {
  sheet: string;
  address: string;
  severity: Severity;
  messages: string[];
}

function key(sheet: string, address: string): string {
  return `${sheet}\u0000${address}`;
}

function noteKindFor(support: ExcelSupport, wanted: boolean): NoteKind | null {
  if (!wanted) return null;
  if (support.excelApi(FEATURE_SETS.notes)) return 'note';
  if (support.excelApi(FEATURE_SETS.comments)) return 'comment';
  return null;
}

function collectTargets(findings: Finding[], lang: Lang): { targets: Map<string, Target>; skipped: number } {
  const targets = new Map<string, Target>();
  let skipped = 0;
  for (const f of findings) {
    if (!f.sheet || !f.cell) {
      skipped++;
      continue;
    }
    const address = normalizeAddress(f.cell);
    const k = key(f.sheet, address);
    let t = targets.get(k);
    if (!t) {
      t = { sheet: f.sheet, address, severity: f.severity, messages: [] };
      targets.set(k, t);
    }
    if (RANK[f.severity] > RANK[t.severity]) t.severity = f.severity;
    const msg = lang === 'en' ? f.messageEn : f.message;
    if (!t.messages.includes(msg)) t.messages.push(msg);
  }
  return { targets, skipped };
}

/** Our notes/comments in the workbook, and everybody else's. */
interface NoteScan {
  ours: (Excel.Note | Excel.Comment)[];
  others: (Excel.Note | Excel.Comment)[];
}

function queueNoteItems(ctx: Excel.RequestContext, support: ExcelSupport): (Excel.NoteCollection | Excel.CommentCollection)[] {
  const out: (Excel.NoteCollection | Excel.CommentCollection)[] = [];
  if (support.excelApi(FEATURE_SETS.notes)) {
    const n = ctx.workbook.notes;
    n.load('items/content');
    out.push(n);
  }
  if (support.excelApi(FEATURE_SETS.comments)) {
    const c = ctx.workbook.comments;
    c.load('items/content');
    out.push(c);
  }
  return out;
}

function scanNotes(collections: (Excel.NoteCollection | Excel.CommentCollection)[]): NoteScan {
  const scan: NoteScan = { ours: [], others: [] };
  for (const coll of collections) {
    for (const item of coll.items as (Excel.Note | Excel.Comment)[]) {
      (item.content.startsWith(NOTE_PREFIX) ? scan.ours : scan.others).push(item);
    }
  }
  return scan;
}

/** "'My sheet'!B3" / "Sheet1!B3" -> key(sheet, "B3"). */
function keyOfLocation(address: string): string {
  const bang = address.lastIndexOf('!');
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return key(sheet, normalizeAddress(address.slice(bang + 1)));
}

function parseRecords(values: unknown[][]): MarkRecord[] {
  const out: MarkRecord[] = [];
  for (const row of values) {
    const v = row[0];
    if (typeof v !== 'string' || !v.startsWith('{')) continue;
    let r: unknown;
    try {
      r = JSON.parse(v);
    } catch {
      continue; // the header or a damaged row: nothing to restore from it
    }
    const m = r as Partial<MarkRecord>;
    if (typeof m.s === 'string' && typeof m.a === 'string') {
      out.push({ s: m.s, a: m.a, c: typeof m.c === 'string' ? m.c : null, p: typeof m.p === 'string' ? m.p : null });
    }
  }
  return out;
}

/** Puts a cell's fill back: "no fill" is cleared (so gridlines show again), anything else set. */
function restoreFill(fill: Excel.RangeFill, rec: MarkRecord): void {
  const none = rec.p !== null ? rec.p === 'None' : rec.c === null || rec.c.toUpperCase() === '#FFFFFF';
  if (none || rec.c === null) fill.clear();
  else fill.color = rec.c;
}

class SheetCache {
  private readonly map = new Map<string, Excel.Worksheet>();
  constructor(private readonly ctx: Excel.RequestContext) {}
  get(name: string): Excel.Worksheet {
    let w = this.map.get(name);
    if (!w) {
      w = this.ctx.workbook.worksheets.getItem(name);
      this.map.set(name, w);
    }
    return w;
  }
}

/** Marks every finding that has a cell on a sheet of this workbook. */
export async function markFindings(ctx: Excel.RequestContext, findings: Finding[], opts: MarkOptions): Promise<MarkSummary> {
  const support = opts.support;
  // Shared by the reads and the writes: a host that refused one request has taught us its limit.
  const budget: RequestBudget = { bytes: opts.maxPayloadBytes ?? DEFAULT_BUDGET };
  const kind = noteKindFor(support, opts.notes ?? true);
  const { targets, skipped: noCell } = collectTargets(findings, opts.lang);
  const doing = { vi: 'đánh dấu các ô có vấn đề', en: 'mark the cells with problems' };

  // Sync 1: which sheets exist; the notes/comments already there.
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  const noteColls = kind ? queueNoteItems(ctx, support) : [];
  await officeStep(doing, () => ctx.sync());
  const names = new Set(sheets.items.map((w) => w.name));
  const hasRecord = names.has(MARKS_SHEET);
  let skipped = noCell;
  for (const [k, t] of targets) {
    if (!names.has(t.sheet) || t.sheet === MARKS_SHEET) {
      targets.delete(k);
      skipped++;
    }
  }

  // Sync 2: the previous record, the current fills of the cells to mark, where others' notes are
  // (more syncs only when thousands of cells would make one request too big).
  const cache = new SheetCache(ctx);
  let recordRange: Excel.Range | null = null;
  const reads: QueuedOp[] = [];
  if (hasRecord) {
    reads.push({ bytes: requestCost(2, 1, [MARKS_SHEET]), apply: () => { recordRange = cache.get(MARKS_SHEET).getUsedRange(); recordRange.load('values'); } });
  }
  const withPattern = support.excelApi(FEATURE_SETS.fillPattern);
  const fills = new Map<string, Excel.RangeFill>();
  for (const [k, t] of targets) {
    reads.push({
      bytes: fillCost(t.address, 'color', 'pattern'),
      apply: () => {
        const fill = cache.get(t.sheet).getRange(t.address).format.fill;
        fill.load(withPattern ? 'color,pattern' : 'color');
        fills.set(k, fill);
      },
    });
  }
  // By index: a resent request queues the load again and replaces the one never delivered.
  const foreign = new Map<number, Excel.Range>();
  const scan = scanNotes(noteColls);
  if (targets.size > 0) {
    scan.others.forEach((item, i) => {
      reads.push({ bytes: requestCost(2, 1, [NOTE_ID, 'address']), apply: () => { const location = item.getLocation(); location.load('address'); foreign.set(i, location); } });
    });
  }
  const readSyncs = (await runChunked(ctx, reads, budget, doing)).syncs;

  const oldRecords = recordRange ? parseRecords((recordRange as Excel.Range).values) : [];
  const oldByKey = new Map(oldRecords.map((r) => [key(r.s, r.a), r]));
  const foreignCells = new Set([...foreign.values()].map((location) => keyOfLocation(location.address)));
  const records: MarkRecord[] = [];
  for (const [k, t] of targets) {
    const old = oldByKey.get(k);
    if (old) records.push(old);
    else {
      const fill = fills.get(k)!;
      records.push({ s: t.sheet, a: t.address, c: fill.color ?? null, p: withPattern ? (fill.pattern ?? null) : null });
    }
  }

  // The writes: the record first (so a failure part-way still leaves what is needed to clear),
  // then cells no longer flagged get their fill back, then the new marks.
  const ops: QueuedOp[] = [];
  ops.push(...recordOps(ctx, cache, records, hasRecord, budget.bytes));
  for (const r of oldRecords) {
    if (targets.has(key(r.s, r.a)) || !names.has(r.s)) continue;
    ops.push({ bytes: fillCost(r.a, r.c), apply: () => restoreFill(cache.get(r.s).getRange(r.a).format.fill, r) });
  }
  for (const item of scan.ours) ops.push({ bytes: requestCost(1, 1, [NOTE_ID]), apply: () => item.delete() });
  // One operation per cell, its fill and its note together: a cell is marked whole or not at all.
  const cellOps = new Map<QueuedOp, { target: Target; note: boolean }>();
  let notes = 0;
  let keptForeignNotes = 0;
  for (const [k, t] of targets) {
    const color = MARK_FILL[t.severity];
    const foreignNote = kind !== null && foreignCells.has(k);
    if (foreignNote) keptForeignNotes++;
    const text = kind && !foreignNote ? `${NOTE_PREFIX} ${t.messages.join('\n')}` : null;
    if (text !== null) notes++;
    const op: QueuedOp = {
      bytes: fillCost(t.address, color) + (text === null ? 0 : requestCost(1, 0, [OBJECT_ARG, text])),
      skippable: true,
      apply: () => {
        const cell = cache.get(t.sheet).getRange(t.address);
        cell.format.fill.color = color;
        if (text === null) return;
        if (kind === 'note') ctx.workbook.notes.add(cell, text);
        else ctx.workbook.comments.add(cell, text);
      },
    };
    cellOps.set(op, { target: t, note: text !== null });
    ops.push(op);
  }
  const written = await runChunked(ctx, ops, budget, doing, PARTIAL_MARK);
  const unmarked: string[] = [];
  for (const op of written.skipped) {
    const c = cellOps.get(op)!; // only the cells' operations are skippable
    unmarked.push(`${c.target.sheet}!${c.target.address}`);
    if (c.note) notes--;
  }
  const syncs = 1 + readSyncs + written.syncs;
  return { cells: targets.size - unmarked.length, notes, noteKind: kind, keptForeignNotes, skipped, unmarked, syncs };
}

/** Writes the record sheet (or deletes it when nothing is marked any more). */
function recordOps(ctx: Excel.RequestContext, cache: SheetCache, records: MarkRecord[], exists: boolean, budget: number): QueuedOp[] {
  if (records.length === 0) {
    return exists ? [{ bytes: requestCost(1, 1, [MARKS_SHEET]), apply: () => cache.get(MARKS_SHEET).delete() }] : [];
  }
  const rows: string[][] = [[HEADER], ...records.map((r) => [JSON.stringify(r)])];
  const ops: QueuedOp[] = [
    {
      bytes: requestCost(3, 2, [MARKS_SHEET, 'VeryHidden']),
      apply: () => {
        if (exists) cache.get(MARKS_SHEET).getRange().clear();
        else {
          const ws = ctx.workbook.worksheets.add(MARKS_SHEET);
          ws.visibility = 'VeryHidden';
        }
      },
    },
  ];
  // Chunks of rows small enough for one request each (as JSON: the records' quotes are escaped).
  let first = 0;
  while (first < rows.length) {
    let last = first;
    let bytes = requestCost(1, 1, ['A1:A1048576']) + jsonBytes(rows[first]) + 1;
    while (last + 1 < rows.length && bytes + jsonBytes(rows[last + 1]) + 1 <= budget / 2) {
      last++;
      bytes += jsonBytes(rows[last]) + 1;
    }
    const part = rows.slice(first, last + 1);
    const address = `A${first + 1}:A${last + 1}`;
    ops.push({ bytes, apply: () => { cache.get(MARKS_SHEET).getRange(address).values = part; } });
    first = last + 1;
  }
  return ops;
}

/** Takes every mark off: fills restored from the record, our notes/comments removed, record deleted. */
export async function clearMarks(ctx: Excel.RequestContext, opts: { support: ExcelSupport; maxPayloadBytes?: number }): Promise<ClearSummary> {
  const support = opts.support;
  const budget = opts.maxPayloadBytes ?? DEFAULT_BUDGET;
  const doing = { vi: 'gỡ dấu trên các ô', en: 'remove the marks' };
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  const noteColls = queueNoteItems(ctx, support);
  await officeStep(doing, () => ctx.sync());
  let syncs = 1;
  const names = new Set(sheets.items.map((w) => w.name));
  const scan = scanNotes(noteColls);
  const cache = new SheetCache(ctx);
  let records: MarkRecord[] = [];
  if (names.has(MARKS_SHEET)) {
    const used = cache.get(MARKS_SHEET).getUsedRange();
    used.load('values');
    await officeStep(doing, () => ctx.sync());
    syncs++;
    records = parseRecords(used.values);
  }
  const ops: QueuedOp[] = [];
  let cells = 0;
  for (const r of records) {
    if (!names.has(r.s)) continue; // the sheet was deleted or renamed since: nothing to restore
    cells++;
    ops.push({ bytes: fillCost(r.a, r.c), apply: () => restoreFill(cache.get(r.s).getRange(r.a).format.fill, r) });
  }
  for (const item of scan.ours) ops.push({ bytes: requestCost(1, 1, [NOTE_ID]), apply: () => item.delete() });
  // Last, so that a clear cut short can be run again from the record.
  if (names.has(MARKS_SHEET)) ops.push({ bytes: requestCost(1, 1, [MARKS_SHEET]), apply: () => cache.get(MARKS_SHEET).delete() });
  syncs += (await runChunked(ctx, ops, budget, doing, PARTIAL_CLEAR)).syncs;
  return { cells, notes: scan.ours.length, syncs };
}
