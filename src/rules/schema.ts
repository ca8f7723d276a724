/**
 * The rulebook's schema (zod), with cross-references checked, so a broken file is refused at its place.
 * The one description of a rulebook: its TypeScript types (./types) are inferred from these schemas.
 */
import { z } from 'zod';

const text = z.string().min(1);
const aliases = z.array(z.string());
const count = z.number().int().min(0);

/** The rulebook format this program writes; older files are migrated on reading (./migrate). */
export const SCHEMA_VERSION = 2;

/**
 * The id of a kind of unit: a key of `kinds` ("phong", "khoi", "xa", "truong-th"…), the `unit.kind` of
 * the JSON report. Letters, digits, "-" and "_" (checked with the kinds themselves).
 */
export const unitKindSchema = z.string().min(1);
export const KIND_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const levelSchema = z.object({
  /** Short code used in reports and lists: MN, TH, THCS, THPT, GDTX. */
  code: text,
  name: text,
  nameEn: text,
  /** Spellings accepted in a level cell (matched without accents or case). */
  aliases,
  /** Words in a school's name that imply this level ("Trường Mầm non Hoa Sen", "TH Trần Phú"). */
  schoolPatterns: aliases,
});

export const positionSchema = z.object({
  name: text,
  nameEn: text,
  aliases,
  /** A manager (cán bộ quản lý) counts against the managers quota. */
  manager: z.boolean(),
});

export const unitSchema = z.object({
  id: text,
  name: text,
  /** The id of its kind: a key of the rulebook's `kinds`. */
  kind: unitKindSchema,
  /** Other spellings by which sheets refer to the unit (place names, full names, without accents…). */
  aliases,
  /** Line 1 of the unit's own agency block ("UBND HUYỆN CƯ JÚT"); derived from the name when absent. */
  parentAgency: z.string().optional(),
  /** Place of the unit's date line ("Cư Jút"); derived from the name when absent. */
  place: z.string().optional(),
});

/** Texts of the documents a kind of unit sends (the standard template's header and signature). */
export const kindDocumentTextsSchema = z.object({
  /** Line 1 of the agency block when the unit names none ("SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐẮK NÔNG" above a block). */
  parentAgency: z.string().optional(),
  /** Line 2 of the agency block ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"); else the unit's name in capitals. */
  agencyName: z.string().optional(),
  /** The signer's title under the unit's list ("TRƯỞNG PHÒNG"). */
  signerTitle: z.string().optional(),
  /** "Nơi nhận" of the unit's list. */
  recipients: z.array(z.string()).optional(),
});

/** Texts of the generated documents (the consolidated workbook and the template); all optional. */
export const documentTextsSchema = z.object({
  /** Title of the consolidated list (sheet "Tổng hợp"). */
  listTitle: z.string().optional(),
  /** Opening paragraph of the report ("Thực hiện Kế hoạch…, Sở … tổng hợp như sau:"). */
  reportIntro: z.string().optional(),
  /** The proposal to the Ministry (`shortlist --out`): its title line after "TỜ TRÌNH", opening paragraph, recipients. */
  proposalSubject: z.string().optional(),
  proposalIntro: z.string().optional(),
  proposalRecipients: z.array(z.string()).optional(),
});

/** A day of the reporting year; `note` is said wherever the day is shown ("set it from the yearly letter"). */
export const deadlineSchema = z.object({
  day: z.number().int().min(1).max(31),
  month: z.number().int().min(1).max(12),
  note: z.string().optional(),
});

export const quotaSchema = z.object({
  /** At most this many nominees in one submission. */
  total: count,
  /** At most this many managers. */
  managers: count,
  /** At most this many nominees per level, or null for no per-level limit. */
  perLevel: count.nullable(),
  /** Level codes the unit may nominate for. */
  levels: z.array(text),
  /** Warn when a level of `levels` has nobody. */
  requireEachLevel: z.boolean(),
});

/**
 * A kind of unit, all of it data: its label, what one of its submissions may hold, and the texts of
 * the documents its units send (format 1 kept these under `documents.kinds`).
 */
export const kindSchema = z.object({ label: text, labelEn: text, quota: quotaSchema, documents: kindDocumentTextsSchema.optional() });

export const columnTypeSchema = z.enum(['text', 'date', 'number', 'level', 'position', 'gender']);

export const columnSchema = z.object({
  key: text,
  label: text,
  labelEn: text,
  type: columnTypeSchema,
  /** Must hold a value in every nomination. */
  required: z.boolean(),
  /** Header spellings accepted (matched without accents, case or punctuation). */
  aliases,
  /** Column width in the template and the consolidated list (characters). */
  width: z.number().positive(),
  /** Input hint shown in the template (Vietnamese). */
  hint: z.string().optional(),
});

export const agencySchema = z.object({
  /** Line 1 of the agency block: "UBND TỈNH ĐẮK NÔNG". */
  parent: text,
  /** Line 2: "SỞ GIÁO DỤC VÀ ĐÀO TẠO". */
  name: text,
  /** Place for the date line: "Đắk Nông". */
  place: text,
  /** Document symbol of the report: "BC-SGDĐT". */
  reportSymbol: text,
  signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }),
  recipients: z.array(z.string()),
});

const range = z.object({ min: z.number(), max: z.number() });

/** The rulebook's own fields (a file may hold more keys: they are kept, not typed). */
export const rulebookFieldsSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: text,
  name: text,
  /** The plan's period, e.g. 2022–2025. */
  period: z.object({ from: z.number().int(), to: z.number().int() }),
  /** The reporting year the rulebook is set for (deadline year). */
  year: z.number().int().min(1900).max(2200),
  agency: agencySchema,
  /** Titles of the template and the report. */
  titles: z.object({ template: text, report: text, reportSubtitle: z.string() }),
  nationalHeading: z.object({ motto1: text, motto2: text }),
  /**
   * Deadlines of the reporting year (a document dated after its day is late): the nomination lists'
   * (the plan says "at the end of the school year"; the Department sets the day in its yearly letter)
   * and the implementation reports' (15/12). A file with the older single `deadline` is read as its
   * nominations' deadline (see migrateDeadline in ./index).
   */
  deadlines: z.object({ nominations: deadlineSchema, reports: deadlineSchema }),
  levels: z.array(levelSchema).min(1),
  positions: z.array(positionSchema).min(1),
  /** The kinds of unit by id (the default: "phong", a district office; "khoi", an emulation block). */
  kinds: z.record(z.string(), kindSchema),
  units: z.array(unitSchema),
  columns: z.array(columnSchema).min(1),
  /** Values of the discipline column that mean "no disciplinary measure". */
  noDiscipline: z.array(z.string()),
  /** Columns that must hold evidence (the achievement summary at least). */
  evidence: z.array(text),
  ranges: z.object({ age: range, yearsOfService: range }),
  /** The Department's proposal to the Ministry (Quyết định 4996/QĐ-BGDĐT). */
  shortlist: z.object({ total: count, managers: count, levels: z.array(text) }),
  /** Texts of the generated documents; defaults are derived from the rest when absent. */
  documents: documentTextsSchema.optional(),
});

export const rulebookSchema = rulebookFieldsSchema
  .passthrough()
  .superRefine((rb, ctx) => {
    const codes = new Set(rb.levels.map((l) => l.code));
    const keys = new Set(rb.columns.map((c) => c.key));
    const unknownLevel = (path: (string | number)[], code: string) =>
      ctx.addIssue({ code: 'custom', path, message: `unknown-level:${code}` });
    const kindIds = Object.keys(rb.kinds);
    if (kindIds.length === 0) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'no-kinds' });
    for (const k of kindIds) {
      if (!KIND_ID.test(k)) ctx.addIssue({ code: 'custom', path: ['kinds', k], message: `kind-id:${k}` });
      rb.kinds[k].quota.levels.forEach((c, i) => codes.has(c) || unknownLevel(['kinds', k, 'quota', 'levels', i], c));
    }
    rb.units.forEach((u, i) => {
      if (!Object.prototype.hasOwnProperty.call(rb.kinds, u.kind)) ctx.addIssue({ code: 'custom', path: ['units', i, 'kind'], message: `unknown-kind:${u.kind}` });
    });
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
