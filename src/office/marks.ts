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
 * and the other notes' places; the writes, in more syncs only past the 5 MB request limit).
 */
import type { Finding, Lang, Severity } from '../check/finding';
import { normalizeAddress } from '../sheet/address';
import { runChunked, utf8Length, OP_OVERHEAD, type QueuedOp } from './batch';
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
const DEFAULT_BUDGET = 4 * 1024 * 1024;

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
  const budget = opts.maxPayloadBytes ?? DEFAULT_BUDGET;
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
    reads.push({ bytes: OP_OVERHEAD, apply: () => { recordRange = cache.get(MARKS_SHEET).getUsedRange(); recordRange.load('values'); } });
  }
  const withPattern = support.excelApi(FEATURE_SETS.fillPattern);
  const fills = new Map<string, Excel.RangeFill>();
  for (const [k, t] of targets) {
    reads.push({
      bytes: OP_OVERHEAD * 2 + utf8Length(t.sheet + t.address),
      apply: () => {
        const fill = cache.get(t.sheet).getRange(t.address).format.fill;
        fill.load(withPattern ? 'color,pattern' : 'color');
        fills.set(k, fill);
      },
    });
  }
  const foreign: { location: Excel.Range }[] = [];
  const scan = scanNotes(noteColls);
  if (targets.size > 0) {
    for (const item of scan.others) {
      reads.push({ bytes: OP_OVERHEAD * 2, apply: () => { const location = item.getLocation(); location.load('address'); foreign.push({ location }); } });
    }
  }
  const readSyncs = await runChunked(ctx, reads, budget, doing);

  const oldRecords = recordRange ? parseRecords((recordRange as Excel.Range).values) : [];
  const oldByKey = new Map(oldRecords.map((r) => [key(r.s, r.a), r]));
  const foreignCells = new Set(foreign.map((f) => keyOfLocation(f.location.address)));
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
  ops.push(...recordOps(ctx, cache, records, hasRecord, budget));
  for (const r of oldRecords) {
    if (targets.has(key(r.s, r.a)) || !names.has(r.s)) continue;
    ops.push({ bytes: OP_OVERHEAD + utf8Length(r.s + r.a), apply: () => restoreFill(cache.get(r.s).getRange(r.a).format.fill, r) });
  }
  for (const item of scan.ours) ops.push({ bytes: OP_OVERHEAD, apply: () => item.delete() });
  let notes = 0;
  let keptForeignNotes = 0;
  for (const [k, t] of targets) {
    const color = MARK_FILL[t.severity];
    ops.push({ bytes: OP_OVERHEAD + utf8Length(t.sheet + t.address + color), apply: () => { cache.get(t.sheet).getRange(t.address).format.fill.color = color; } });
    if (!kind) continue;
    if (foreignCells.has(k)) {
      keptForeignNotes++;
      continue;
    }
    const text = `${NOTE_PREFIX} ${t.messages.join('\n')}`;
    notes++;
    ops.push({
      bytes: OP_OVERHEAD * 2 + utf8Length(text + t.sheet + t.address),
      apply: () => {
        const cell = cache.get(t.sheet).getRange(t.address);
        if (kind === 'note') ctx.workbook.notes.add(cell, text);
        else ctx.workbook.comments.add(cell, text);
      },
    });
  }
  const writeSyncs = await runChunked(ctx, ops, budget, doing);
  const syncs = 1 + readSyncs + writeSyncs;
  return { cells: targets.size, notes, noteKind: kind, keptForeignNotes, skipped, syncs };
}

/** Writes the record sheet (or deletes it when nothing is marked any more). */
function recordOps(ctx: Excel.RequestContext, cache: SheetCache, records: MarkRecord[], exists: boolean, budget: number): QueuedOp[] {
  if (records.length === 0) {
    return exists ? [{ bytes: OP_OVERHEAD, apply: () => cache.get(MARKS_SHEET).delete() }] : [];
  }
  const rows: string[][] = [[HEADER], ...records.map((r) => [JSON.stringify(r)])];
  const ops: QueuedOp[] = [
    {
      bytes: OP_OVERHEAD * 2,
      apply: () => {
        if (exists) cache.get(MARKS_SHEET).getRange().clear();
        else {
          const ws = ctx.workbook.worksheets.add(MARKS_SHEET);
          ws.visibility = 'VeryHidden';
        }
      },
    },
  ];
  // Chunks of rows small enough for one request each.
  let first = 0;
  while (first < rows.length) {
    let last = first;
    let bytes = OP_OVERHEAD + utf8Length(rows[first][0]) + 4;
    while (last + 1 < rows.length && bytes + utf8Length(rows[last + 1][0]) + 4 <= budget / 2) {
      last++;
      bytes += utf8Length(rows[last][0]) + 4;
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
    ops.push({ bytes: OP_OVERHEAD + utf8Length(r.s + r.a), apply: () => restoreFill(cache.get(r.s).getRange(r.a).format.fill, r) });
  }
  for (const item of scan.ours) ops.push({ bytes: OP_OVERHEAD, apply: () => item.delete() });
  if (names.has(MARKS_SHEET)) ops.push({ bytes: OP_OVERHEAD, apply: () => cache.get(MARKS_SHEET).delete() });
  syncs += await runChunked(ctx, ops, budget, doing);
  return { cells, notes: scan.ours.length, syncs };
}
