/** The rulebook's schema (zod), with cross-references checked, so a broken file is refused at its place. */
import { z } from 'zod';

const text = z.string().min(1);
const aliases = z.array(z.string());
const count = z.number().int().min(0);

const level = z.object({
  code: text,
  name: text,
  nameEn: text,
  aliases,
  schoolPatterns: aliases,
});

const position = z.object({ name: text, nameEn: text, aliases, manager: z.boolean() });

const unit = z.object({
  id: text,
  name: text,
  kind: z.enum(['phong', 'khoi']),
  aliases,
  parentAgency: z.string().optional(),
  place: z.string().optional(),
});

const kindTexts = z.object({
  parentAgency: z.string().optional(),
  agencyName: z.string().optional(),
  signerTitle: z.string().optional(),
  recipients: z.array(z.string()).optional(),
});

const documents = z.object({
  listTitle: z.string().optional(),
  reportIntro: z.string().optional(),
  kinds: z.object({ phong: kindTexts.optional(), khoi: kindTexts.optional() }).optional(),
});

const quota = z.object({
  total: count,
  managers: count,
  perLevel: count.nullable(),
  levels: z.array(text),
  requireEachLevel: z.boolean(),
});

const kind = z.object({ label: text, labelEn: text, quota });

const column = z.object({
  key: text,
  label: text,
  labelEn: text,
  type: z.enum(['text', 'date', 'number', 'level', 'position', 'gender']),
  required: z.boolean(),
  aliases,
  width: z.number().positive(),
  hint: z.string().optional(),
});

const range = z.object({ min: z.number(), max: z.number() });

export const rulebookSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: text,
    name: text,
    period: z.object({ from: z.number().int(), to: z.number().int() }),
    year: z.number().int().min(1900).max(2200),
    agency: z.object({
      parent: text,
      name: text,
      place: text,
      reportSymbol: text,
      signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }),
      recipients: z.array(z.string()),
    }),
    titles: z.object({ template: text, report: text, reportSubtitle: z.string() }),
    nationalHeading: z.object({ motto1: text, motto2: text }),
    deadline: z.object({ day: z.number().int().min(1).max(31), month: z.number().int().min(1).max(12) }),
    levels: z.array(level).min(1),
    positions: z.array(position).min(1),
    kinds: z.object({ phong: kind, khoi: kind }),
    units: z.array(unit),
    columns: z.array(column).min(1),
    noDiscipline: z.array(z.string()),
    evidence: z.array(text),
    ranges: z.object({ age: range, yearsOfService: range }),
    shortlist: z.object({ total: count, managers: count, levels: z.array(text) }),
    documents: documents.optional(),
  })
  .passthrough()
  .superRefine((rb, ctx) => {
    const codes = new Set(rb.levels.map((l) => l.code));
    const keys = new Set(rb.columns.map((c) => c.key));
    const unknownLevel = (path: (string | number)[], code: string) =>
      ctx.addIssue({ code: 'custom', path, message: `unknown-level:${code}` });
    for (const k of ['phong', 'khoi'] as const) {
      rb.kinds[k].quota.levels.forEach((c, i) => codes.has(c) || unknownLevel(['kinds', k, 'quota', 'levels', i], c));
    }
    rb.shortlist.levels.forEach((c, i) => codes.has(c) || unknownLevel(['shortlist', 'levels', i], c));
    rb.evidence.forEach((key, i) => {
      if (!keys.has(key)) ctx.addIssue({ code: 'custom', path: ['evidence', i], message: `unknown-column:${key}` });
    });
    for (const need of ['hoTen', 'ngaySinh', 'chucVu', 'donVi', 'capHoc']) {
      if (!keys.has(need)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `missing-column:${need}` });
    }
    const seenUnit = new Set<string>();
    rb.units.forEach((u, i) => {
      if (seenUnit.has(u.id)) ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate-id:${u.id}` });
      seenUnit.add(u.id);
    });
    const seenKey = new Set<string>();
    rb.columns.forEach((c, i) => {
      if (seenKey.has(c.key)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'key'], message: `duplicate-id:${c.key}` });
      seenKey.add(c.key);
    });
    if (rb.period.from > rb.period.to) ctx.addIssue({ code: 'custom', path: ['period'], message: 'period-order' });
    for (const r of ['age', 'yearsOfService'] as const) {
      if (rb.ranges[r].min > rb.ranges[r].max) ctx.addIssue({ code: 'custom', path: ['ranges', r], message: 'range-order' });
    }
  });
