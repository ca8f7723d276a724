/** The text report prints what came from a file without its control characters; the JSON report keeps them. */
import { textReportPieces, toJsonReport } from '../../src/cli/common';
import type { Lang } from '../../src/check/index';
import type { CheckResult } from '../../src/check/result';
import type { Finding } from '../../src/check/finding';
import type { Submission } from '../../src/sheet/submission';

/** The whole text report, from its pieces. */
const formatText = (r: CheckResult, lang: Lang): string => [...textReportPieces(r, lang)].join('');

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const EVIL = '\u001b[2J\u001b[H0 lỗi\u001b[8m';
const FILE = `ds\u001b]0;pwned\u0007.xlsx`;
const SHEET = `DS\u202Ex\u009b31m`;

function result(): CheckResult {
  const sub = { file: FILE, sheet: SHEET, unit: null, nominations: [], status: 'invalid' } as unknown as Submission;
  const finding: Finding = {
    ruleId: 'FIELD_REQUIRED',
    severity: 'error',
    file: FILE,
    sheet: SHEET,
    cell: 'B7',
    row: 7,
    message: `Ô trống "${EVIL}"\nTổng cộng: 0 lỗi`,
    messageEn: `Empty "${EVIL}"`,
    value: EVIL,
  } as Finding;
  return { submissions: [sub], findings: [finding], summary: { submissions: 1, nominees: 0, errors: 1, warnings: 0, infos: 0 } };
}

describe('formatText', () => {
  test.each(['vi', 'en'] as const)('no control or bidi character reaches the terminal (%s)', (lang) => {
    const text = formatText(result(), lang);
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain('ds.xlsx');
    expect(text).toContain('DSx');
  });

  test('a value cannot start a line of its own (a fake summary)', () => {
    const lines = formatText(result(), 'vi').split('\n');
    expect(lines.filter((l) => l.startsWith('Tổng cộng:'))).toHaveLength(1);
    expect(lines.at(-2)).toMatch(/^Tổng cộng: 1 danh sách, 0 người được đề cử, 1 lỗi/);
  });

  test('the JSON report stays faithful (JSON escapes control characters itself)', () => {
    const json = JSON.stringify(toJsonReport(result(), 'vi'));
    expect(JSON.parse(json).findings[0].value).toBe(EVIL);
    // eslint-disable-next-line no-control-regex
    expect(json).not.toMatch(/[\u0000-\u001f]/);
  });
});
