/**
 * Rules on what one submission may hold, by its kind of unit (the rulebook's quotas): too many
 * nominees (QUOTA_TOTAL_EXCEEDED), a level the unit may not nominate for (QUOTA_LEVEL_NOT_ALLOWED),
 * too many for one level (QUOTA_LEVEL_DUPLICATE), a level with nobody (QUOTA_LEVEL_MISSING), too many
 * managers (QUOTA_MANAGER_EXCEEDED).
 */
import { cappedList } from '../messages';
import type { SheetContext } from './context';
import { valueCell, type Nomination } from '../../sheet/submission';

/** The quota rules of one sheet, after its rows; none when its unit is unknown. */
export function quotaRules(ctx: SheetContext): void {
  const { unit, nominations } = ctx.sub;
  if (!unit) return;
  const rb = ctx.rulebook;
  const kind = rb.kinds[unit.kind];
  const q = kind.quota;
  const levelName = (code: string) => rb.levels.find((l) => l.code === code)?.name ?? code;
  const levelEn = (code: string) => rb.levels.find((l) => l.code === code)?.nameEn ?? code;
  if (nominations.length > q.total) {
    const extra = nominations[q.total];
    ctx.add('QUOTA_TOTAL_EXCEEDED', ctx.cellOf('hoTen', extra.row), { unit: unit.name, count: nominations.length, max: q.total });
  }
  const byLevel = new Map<string, Nomination[]>();
  for (const n of nominations) {
    if (!n.level) continue;
    if (!q.levels.includes(n.level)) {
      const cell = ctx.levelCell(n);
      ctx.add('QUOTA_LEVEL_NOT_ALLOWED', cell, {
        kind: kind.label,
        kindEn: kind.labelEn,
        level: levelName(n.level),
        levelEn: levelEn(n.level),
        levels: q.levels.map(levelName).join(', '),
        levelsEn: q.levels.map(levelEn).join(', '),
      });
      continue;
    }
    const list = byLevel.get(n.level) ?? [];
    list.push(n);
    byLevel.set(n.level, list);
  }
  if (q.perLevel !== null) {
    for (const [code, list] of byLevel) {
      if (list.length <= q.perLevel) continue;
      const rows = cappedList(list.map((n) => n.row));
      const params = { level: levelName(code), levelEn: levelEn(code), count: list.length, rows: rows.vi, rowsEn: rows.en, max: q.perLevel };
      for (const n of list.slice(q.perLevel)) {
        const cell = ctx.levelCell(n);
        ctx.add('QUOTA_LEVEL_DUPLICATE', cell, params);
      }
    }
  }
  if (q.requireEachLevel && nominations.length > 0) {
    for (const code of q.levels) {
      if (!byLevel.has(code)) {
        ctx.add('QUOTA_LEVEL_MISSING', null, {
          kind: kind.label,
          level: levelName(code),
          levelEn: levelEn(code),
          levels: q.levels.map(levelName).join(', '),
          levelsEn: q.levels.map(levelEn).join(', '),
        });
      }
    }
  }
  const managers = nominations.filter((n) => n.manager);
  if (managers.length > q.managers) {
    const rows = cappedList(managers.map((n) => n.row));
    const params = { count: managers.length, rows: rows.vi, rowsEn: rows.en, max: q.managers };
    for (const n of managers.slice(q.managers)) ctx.add('QUOTA_MANAGER_EXCEEDED', valueCell(n, 'chucVu'), params);
  }
}
