import type { Finding, Severity } from '../../src/check/finding';
import { clearMarks, markFindings, MARK_FILL, MARKS_SHEET, NOTE_PREFIX } from '../../src/office/marks';
import { readAllSheetGrids } from '../../src/office/read';
import { supportUpTo } from '../../src/office/support';
import { FakeWorkbook, type SyncRecord } from './fake-excel';

const SHEET = 'Danh sách';

function finding(cell: string | null, severity: Severity = 'error', sheet: string | null = SHEET, message = `Lỗi ở ${cell}`): Finding {
  return {
    ruleId: severity === 'error' ? 'FIELD_REQUIRED' : 'FIELD_OUT_OF_RANGE',
    severity,
    file: 'Book1.xlsx',
    sheet,
    cell,
    row: cell ? Number(cell.replace(/^[A-Z]+/, '')) : null,
    message,
    messageEn: `Problem at ${cell}`,
  };
}

/** A sheet with values in A1:C{rows} and a few fills of the user's own. */
function workbook(apiVersion: string, rows = 20): FakeWorkbook {
  const wb = new FakeWorkbook({ apiVersion });
  wb.addSheet(SHEET);
  const s = wb.sheet(SHEET);
  for (let r = 0; r < rows; r++) for (let c = 0; c < 3; c++) s.ensure(r, c).v = c === 0 ? r + 1 : `Ô ${r}-${c}`;
  wb.set(SHEET, 'B2', { fill: { color: '#92D050', pattern: 'Solid' } });
  wb.set(SHEET, 'C3', { fill: { color: '#FFFFFF', pattern: 'Solid' } }); // a deliberate white fill
  return wb;
}

function snapshot(wb: FakeWorkbook): string {
  return JSON.stringify(
    wb.sheets.filter((s) => s.name !== MARKS_SHEET).map((s) => [s.name, s.visibility, [...s.cells.entries()].sort()]),
  );
}

function valuesOf(wb: FakeWorkbook): string {
  return JSON.stringify(wb.sheets.filter((s) => s.name !== MARKS_SHEET).map((s) => [...s.cells.entries()].map(([k, c]) => [k, c.v, c.f]).sort()));
}

const MB = 1024 * 1024;

/** `n` findings over the cells of B7:H…, as a district's 10,000-row list would give. */
function manyFindings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => finding(`${'BCDEFGH'[i % 7]}${7 + Math.floor(i / 7)}`, i % 5 === 0 ? 'warning' : 'error', SHEET, `Thiếu thông tin bắt buộc ở cột ${'BCDEFGH'[i % 7]} (dòng ${7 + Math.floor(i / 7)}).`));
}

const largest = (syncs: SyncRecord[]) => Math.max(...syncs.map((s) => s.requestBytes));

describe('marking at scale, under Excel on the web’s 5 MB request limit', () => {
  test.each([
    ['with notes', '1.18', 20_000, 11, 8],
    ['fills only', '1.9', 0, 10, 6],
  ])('20,000 flagged cells, %s: marked and cleared, each request under 4 MB, few syncs', async (_, api, wantNotes, maxMarkSyncs, maxClearSyncs) => {
    const wb = new FakeWorkbook({ apiVersion: api, requestLimitBytes: 5 * MB });
    wb.addSheet(SHEET);
    wb.set(SHEET, 'C7', { v: 'x', fill: { color: '#92D050', pattern: 'Solid' } });
    const before = snapshot(wb);
    const support = supportUpTo(api);
    const s = await markFindings(wb.context(), manyFindings(20_000), { support, lang: 'vi' });
    expect(s).toMatchObject({ cells: 20_000, notes: wantNotes, unmarked: [] });
    expect(s.syncs).toBe(wb.syncCount);
    expect(wb.syncCount).toBeLessThanOrEqual(maxMarkSyncs);
    expect(largest(wb.syncs)).toBeLessThanOrEqual(4 * MB);
    expect(wb.fillOf(SHEET, 'H2863')).toBe(MARK_FILL.error);
    expect(wb.notes).toHaveLength(wantNotes);

    const marked = wb.syncCount;
    const c = await clearMarks(wb.context(), { support });
    expect(c).toMatchObject({ cells: 20_000, notes: wantNotes });
    const clearing = wb.syncs.slice(marked);
    expect(clearing.length).toBeLessThanOrEqual(maxClearSyncs);
    expect(largest(clearing)).toBeLessThanOrEqual(4 * MB);
    expect(snapshot(wb)).toBe(before);
    expect(wb.notes).toHaveLength(0);
    expect(wb.findSheet(MARKS_SHEET)).toBeUndefined();
  });

  test('a host that refuses smaller requests than we estimate: the batch is halved and resent, all marked', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.18', requestLimitBytes: 1 * MB });
    wb.addSheet(SHEET);
    const before = snapshot(wb);
    const s = await markFindings(wb.context(), manyFindings(5_000), { support: supportUpTo('1.18'), lang: 'vi' });
    expect(s).toMatchObject({ cells: 5_000, notes: 5_000, unmarked: [] });
    const refused = wb.syncs.filter((x) => x.requestBytes > 1 * MB);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(4); // later chunks are made smaller, not refused again
    expect(wb.syncCount).toBeLessThanOrEqual(25);
    expect(wb.notes).toHaveLength(5_000); // each added once: a refused request applied nothing
    await clearMarks(wb.context(), { support: supportUpTo('1.18'), maxPayloadBytes: 4 * MB });
    expect(snapshot(wb)).toBe(before);
  });

  test('a cell whose note alone is over the limit is left unmarked and reported; the others are marked', async () => {
    const wb = workbook('1.18');
    wb.requestLimitBytes = 8_000;
    const before = snapshot(wb);
    const huge = finding('A5', 'error', SHEET, `Tóm tắt thành tích quá dài: ${'rất dài '.repeat(1500)}`);
    const s = await markFindings(wb.context(), [finding('A4'), huge, finding('A6')], { support: supportUpTo('1.18'), lang: 'vi', maxPayloadBytes: 6_000 });
    expect(s).toMatchObject({ cells: 2, notes: 2, unmarked: [`${SHEET}!A5`] });
    expect(wb.fillOf(SHEET, 'A5')).toBe('#FFFFFF');
    expect(wb.fillOf(SHEET, 'A6')).toBe(MARK_FILL.error);
    expect(wb.notes.map((n) => n.content)).toEqual([`${NOTE_PREFIX} Lỗi ở A4`, `${NOTE_PREFIX} Lỗi ở A6`]);
    await clearMarks(wb.context(), { support: supportUpTo('1.18') });
    expect(snapshot(wb)).toBe(before);
  });

  test('an error after some requests went through says the sheet is half marked, and clearing undoes it', async () => {
    const wb = workbook('1.18', 200);
    const before = snapshot(wb);
    const ctx = wb.context();
    const sync = ctx.sync.bind(ctx);
    // The sheet gets protected between two write requests (someone else, or a macro).
    (ctx as { sync: () => Promise<void> }).sync = async () => {
      if (wb.notes.length > 0) wb.sheet(SHEET).protected = true;
      return sync();
    };
    const findings = Array.from({ length: 200 }, (_, i) => finding(`B${i + 1}`));
    const err = (await markFindings(ctx, findings, { support: supportUpTo('1.18'), lang: 'vi', maxPayloadBytes: 40_000 }).catch((e: unknown) => e)) as Error & { messageEn: string };
    expect(err.message).toMatch(/được bảo vệ.*Một phần các ô đã được đánh dấu: bấm “Gỡ dấu” để trả lại như cũ/);
    expect(err.messageEn).toMatch(/Some cells were marked already/);
    wb.sheet(SHEET).protected = false;
    await clearMarks(wb.context(), { support: supportUpTo('1.18') });
    expect(snapshot(wb)).toBe(before);
    expect(wb.notes).toHaveLength(0);
  });
});

describe('markFindings', () => {
  test('1,000 findings are marked in 3 syncs, no request over 4 MB, values untouched', async () => {
    const wb = workbook('1.18', 1000);
    const before = valuesOf(wb);
    const findings = Array.from({ length: 1000 }, (_, i) => finding(`B${i + 1}`, i % 3 === 0 ? 'warning' : 'error'));
    const summary = await markFindings(wb.context(), findings, { support: supportUpTo('1.18'), lang: 'vi' });
    expect(wb.syncCount).toBeLessThanOrEqual(3);
    expect(summary).toMatchObject({ cells: 1000, notes: 1000, noteKind: 'note', skipped: 0 });
    for (const s of wb.syncs) expect(s.requestBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(wb.fillOf(SHEET, 'B2')).toBe(MARK_FILL.error);
    expect(wb.fillOf(SHEET, 'B1')).toBe(MARK_FILL.warning);
    expect(wb.notes).toHaveLength(1000);
    expect(wb.notes[0].content).toBe(`${NOTE_PREFIX} Lỗi ở B1`);
    expect(valuesOf(wb)).toBe(before);
    const marks = wb.sheet(MARKS_SHEET);
    expect(marks.visibility).toBe('VeryHidden');
  });

  test('a small request budget splits the writes into several syncs, each within the limit', async () => {
    const wb = workbook('1.18', 1000);
    wb.payloadLimit = 64 * 1024;
    const findings = Array.from({ length: 1000 }, (_, i) => finding(`C${i + 1}`));
    const summary = await markFindings(wb.context(), findings, { support: supportUpTo('1.18'), lang: 'vi', maxPayloadBytes: 48 * 1024 });
    expect(summary.syncs).toBe(wb.syncCount);
    expect(wb.syncCount).toBeGreaterThan(3);
    for (const s of wb.syncs) expect(s.requestBytes).toBeLessThanOrEqual(64 * 1024);
    expect(wb.fillOf(SHEET, 'C1000')).toBe(MARK_FILL.error);
  });

  test('marks then clear restores every fill exactly and removes our notes, keeping the user’s', async () => {
    const wb = workbook('1.18');
    wb.notes.push({ id: 'user-1', sheet: wb.sheet(SHEET), row: 3, col: 1, content: 'Ghi chú của chị Hoa' });
    const before = snapshot(wb);
    const findings = [finding('B2'), finding('C3', 'warning'), finding('A5', 'info'), finding('B4'), finding('b4', 'warning')];
    const s = await markFindings(wb.context(), findings, { support: supportUpTo('1.18'), lang: 'en' });
    expect(s).toMatchObject({ cells: 4, notes: 3, keptForeignNotes: 1 });
    expect(wb.fillOf(SHEET, 'B4')).toBe(MARK_FILL.error); // the higher severity wins
    expect(wb.notes.find((n) => n.row === 3 && n.col === 1)?.content).toBe('Ghi chú của chị Hoa');
    expect(wb.notes.find((n) => n.row === 4 && n.col === 0)?.content).toBe(`${NOTE_PREFIX} Problem at A5`);
    const cleared = await clearMarks(wb.context(), { support: supportUpTo('1.18') });
    expect(cleared).toMatchObject({ cells: 4, notes: 3 });
    expect(snapshot(wb)).toBe(before);
    expect(wb.findSheet(MARKS_SHEET)).toBeUndefined();
    expect(wb.notes.map((n) => n.id)).toEqual(['user-1']);
  });

  test('marking again keeps the original fills, and cells no longer flagged get theirs back', async () => {
    const wb = workbook('1.18');
    const before = snapshot(wb);
    const support = supportUpTo('1.18');
    await markFindings(wb.context(), [finding('B2'), finding('B3')], { support, lang: 'vi' });
    await markFindings(wb.context(), [finding('B2', 'warning'), finding('C4')], { support, lang: 'vi' });
    expect(wb.fillOf(SHEET, 'B2')).toBe(MARK_FILL.warning);
    expect(wb.get(SHEET, 'B3')?.fill).toBeUndefined(); // restored to no fill
    expect(wb.notes.map((n) => n.content).sort()).toEqual([`${NOTE_PREFIX} Lỗi ở B2`, `${NOTE_PREFIX} Lỗi ở C4`]);
    await clearMarks(wb.context(), { support });
    expect(snapshot(wb)).toBe(before);
    expect(wb.notes).toHaveLength(0);
  });

  test('the marks survive a new session: clearing works from the record alone', async () => {
    const wb = workbook('1.13');
    const before = snapshot(wb);
    await markFindings(wb.context(), [finding('A1'), finding('B2')], { support: supportUpTo('1.13'), lang: 'vi' });
    expect(wb.comments.map((c) => c.content)).toEqual([`${NOTE_PREFIX} Lỗi ở A1`, `${NOTE_PREFIX} Lỗi ở B2`]);
    // a new Excel.run, as after reopening the file
    await clearMarks(wb.context(), { support: supportUpTo('1.13') });
    expect(snapshot(wb)).toBe(before);
    expect(wb.comments).toHaveLength(0);
  });

  test('Excel 2016 (ExcelApi 1.1): fills only, no notes, all within 3 syncs, restored exactly', async () => {
    const wb = workbook('1.1');
    const before = snapshot(wb);
    const support = supportUpTo('1.1');
    const s = await markFindings(wb.context(), [finding('B2'), finding('C3'), finding('A7')], { support, lang: 'vi' });
    expect(s).toMatchObject({ cells: 3, notes: 0, noteKind: null });
    expect(wb.syncCount).toBeLessThanOrEqual(3);
    expect(wb.fillOf(SHEET, 'A7')).toBe(MARK_FILL.error);
    await clearMarks(wb.context(), { support });
    // Without fill patterns (ExcelApi 1.9) a white fill cannot be told from no fill: it is cleared.
    const after = JSON.parse(snapshot(wb));
    const expected = JSON.parse(before);
    const c3 = (after[0][2] as [string, { fill?: unknown }][]).find(([k]) => k === '2,2')!;
    expect(c3[1].fill).toBeUndefined();
    expect(wb.fillOf(SHEET, 'B2')).toBe('#92D050');
    expect(after[0][2].filter(([k]: [string]) => k !== '2,2')).toEqual(expected[0][2].filter(([k]: [string]) => k !== '2,2'));
  });

  test('findings without a cell, or on a sheet of another file, are skipped', async () => {
    const wb = workbook('1.18');
    const s = await markFindings(wb.context(), [finding(null), finding('A1', 'error', 'Không có'), finding('A2', 'error', null), finding('A3')], {
      support: supportUpTo('1.18'),
      lang: 'vi',
    });
    expect(s).toMatchObject({ cells: 1, skipped: 3 });
  });

  test('nothing to mark and nothing marked: one sync, nothing written', async () => {
    const wb = workbook('1.18');
    const before = snapshot(wb);
    await markFindings(wb.context(), [], { support: supportUpTo('1.18'), lang: 'vi' });
    expect(wb.syncCount).toBe(1);
    expect(snapshot(wb)).toBe(before);
    const c = await clearMarks(wb.context(), { support: supportUpTo('1.18') });
    expect(c).toEqual({ cells: 0, notes: 0, syncs: 1 });
  });

  test('the marks sheet is not read as a submission', async () => {
    const wb = workbook('1.18');
    await markFindings(wb.context(), [finding('A1')], { support: supportUpTo('1.18'), lang: 'vi' });
    const { sheets } = await readAllSheetGrids(wb.context(), { support: supportUpTo('1.18') });
    expect(sheets.map((s) => s.name)).toEqual([SHEET]);
  });

  test('a protected sheet: the error reaches the caller in Vietnamese, and clearing still works', async () => {
    const wb = workbook('1.18');
    const before = snapshot(wb);
    wb.sheet(SHEET).protected = true;
    const err = (await markFindings(wb.context(), [finding('A1')], { support: supportUpTo('1.18'), lang: 'vi' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Không thể đánh dấu các ô có vấn đề: Excel không cho phép thay đổi: trang tính .* được bảo vệ/);
    expect((err as unknown as { code: string }).code).toBe('AccessDenied');
    wb.sheet(SHEET).protected = false;
    await clearMarks(wb.context(), { support: supportUpTo('1.18') });
    expect(snapshot(wb)).toBe(before);
    expect(wb.findSheet(MARKS_SHEET)).toBeUndefined();
  });
});
