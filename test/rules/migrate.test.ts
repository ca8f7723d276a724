import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultRulebook, loadRulebook, migrateRulebook, RulebookError, SCHEMA_VERSION, validateRulebook } from '../../src/rules/index';

/** The default rulebook written in format 1 (as the 2022–2025 tool shipped it). */
function asVersion1(): Record<string, unknown> {
  const rb = JSON.parse(JSON.stringify(defaultRulebook));
  const kindTexts: Record<string, unknown> = {};
  for (const [id, kind] of Object.entries(rb.kinds as Record<string, { documents?: unknown }>)) {
    kindTexts[id] = kind.documents;
    delete kind.documents;
  }
  return { ...rb, schemaVersion: 1, documents: { ...rb.documents, kinds: kindTexts } };
}

describe('rulebook format versions', () => {
  it('the program writes format 2, and the default rulebook is in it', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(defaultRulebook.schemaVersion).toBe(2);
    expect(defaultRulebook.kinds.phong.documents?.signerTitle).toBe('TRƯỞNG PHÒNG');
  });

  it('a format 1 file reads as the same rulebook: the kinds’ texts move from documents.kinds to each kind', () => {
    const v1 = asVersion1();
    const before = JSON.stringify(v1);
    expect(validateRulebook(v1)).toEqual(defaultRulebook);
    expect(loadRulebook(JSON.stringify(v1))).toEqual(defaultRulebook);
    expect(JSON.stringify(v1)).toBe(before); // the input is not changed
    const migrated = migrateRulebook(v1) as { schemaVersion: number; documents: Record<string, unknown> };
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.documents).not.toHaveProperty('kinds');
  });

  it('the format 1 file the tool shipped before (git history) still reads, as the same rulebook', () => {
    const file = path.join(__dirname, 'fixtures', 'dak-nong-2022-2025.v1.json');
    const read = loadRulebook(fs.readFileSync(file, 'utf8'));
    // Since then the default itself changed only in content: the lists' own deadline (30/6, with its
    // note; the old single deadline, 15/12, is read as the lists' one) and the proposal's texts.
    expect(read.deadlines).toEqual({ nominations: { day: 15, month: 12 }, reports: { day: 15, month: 12 } });
    const { proposalSubject: _s, proposalIntro: _i, proposalRecipients: _r, ...docs } = defaultRulebook.documents ?? {};
    expect({ ...read, deadlines: defaultRulebook.deadlines }).toEqual({ ...defaultRulebook, documents: docs });
  });

  it('a format 1 file without kind texts, or with mistakes, is judged after migration at the right place', () => {
    const bare = asVersion1();
    delete bare.documents;
    const rb = validateRulebook(bare);
    expect(rb.kinds.phong.documents).toBeUndefined();
    const bad = asVersion1() as { kinds: { phong: { quota: { total: unknown } } } };
    bad.kinds.phong.quota.total = 'ba';
    expect(() => validateRulebook(bad)).toThrow(expect.objectContaining({ path: 'kinds.phong.quota.total' }));
  });

  it('a newer format is refused with what to do, in both languages', () => {
    const e = (() => {
      try {
        validateRulebook({ ...defaultRulebook, schemaVersion: 3 });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(RulebookError);
    expect((e as RulebookError).message).toBe('Tệp quy tắc dùng định dạng phiên bản 3, mới hơn phiên bản chương trình này đọc được (2). Hãy cập nhật Điển hình.');
    expect((e as RulebookError).messageEn).toContain('newer than this program reads');
  });

  it('kinds are data: any id, each unit’s kind must be one of them', () => {
    const rb = JSON.parse(JSON.stringify(defaultRulebook));
    rb.kinds.xa = { label: 'UBND xã, phường', labelEn: 'Commune', quota: { total: 2, managers: 1, perLevel: 1, levels: ['MN', 'TH'], requireEachLevel: false } };
    rb.units.push({ id: 'xa-1', name: 'UBND xã Ví Dụ', kind: 'xa', aliases: [] });
    expect(validateRulebook(rb).units.at(-1)?.kind).toBe('xa');
    rb.units.push({ id: 'xa-2', name: 'UBND xã Khác', kind: 'phong gd', aliases: [] });
    expect(() => validateRulebook(rb)).toThrow(expect.objectContaining({ path: `units.${rb.units.length - 1}.kind` }));
    const badId = JSON.parse(JSON.stringify(defaultRulebook));
    badId.kinds['phòng'] = badId.kinds.phong;
    expect(() => validateRulebook(badId)).toThrow(/chỉ được gồm chữ không dấu/);
  });
});
