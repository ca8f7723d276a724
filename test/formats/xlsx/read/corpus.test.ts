/**
 * Every file of ../shared/corpus (real files from Apache POI's test suite and hostile inputs) must be
 * read or refused with an UnreadableError: never another exception, a hang or unbounded memory.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookGrid } from '../../../../src/sheet/grid';
import { readXlsx, UnreadableError } from '../../../../src/formats/xlsx/read/workbook';
import { CORPUS } from '../../../helpers/paths';

const MiB = 1024 * 1024;

function listCorpus(): string[] {
  // Fail loudly: a missing corpus must not turn into a silently skipped suite.
  if (!fs.existsSync(CORPUS)) throw new Error(`The test corpus is missing: ${CORPUS}`);
  const out: string[] = [];
  for (const dir of ['poi', 'attacks']) {
    const full = path.join(CORPUS, dir);
    if (!fs.existsSync(full)) throw new Error(`The test corpus folder is missing: ${full}`);
    for (const f of fs.readdirSync(full).sort()) if (/\.xls[xm]$/i.test(f)) out.push(`${dir}/${f}`);
  }
  return out;
}

const FILES = listCorpus();

function load(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(CORPUS, rel)));
}

type Outcome = { ok: true; wb: WorkbookGrid } | { ok: false; err: UnreadableError };

function attempt(bytes: Uint8Array): Outcome {
  try {
    return { ok: true, wb: readXlsx(bytes) };
  } catch (err) {
    if (!(err instanceof UnreadableError)) throw err;
    return { ok: false, err };
  }
}

/** Files refused on purpose, with the reason's code. Any other refusal is a regression. */
const EXPECTED_REFUSALS: Record<string, string> = {
  'poi/54764.xlsx': 'unsafe-xml',
  'poi/54764-2.xlsx': 'unsafe-xml',
  'poi/poc-xmlbomb.xlsx': 'unsafe-xml',
  'poi/poc-xmlbomb-empty.xlsx': 'unsafe-xml',
  'poi/poc-shared-strings.xlsx': 'cell-too-long',
  'poi/58616.xlsx': 'encrypted',
  'poi/protected_passtika.xlsx': 'encrypted',
  'poi/crash-9bf3cd4bd6f50a8a9339d363c2c7af14b536865c.xlsx': 'encrypted',
  'poi/duplicate-filename.xlsx': 'damaged',
  'poi/duplicate-filename-case-insensitive.xlsx': 'damaged',
  'poi/crash-274d6342e4842d61be0fb48eaadad6208ae767ae.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIFuzzer-5040805309710336.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-4828727001088000.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5089447305609216.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5185049589579776.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-6123461607817216.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-6419366255919104.xlsx': 'damaged',
  // Fuzzed bytes whose parts no longer match their CRC-32.
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5265527465181184.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-6448258963341312.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5025401116950528.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5542865479270400.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5636439151607808.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-6504225896792064.xlsx': 'damaged',
  'poi/clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-6594557414080512.xlsx': 'damaged',
  'attacks/plain-text-renamed.xlsx': 'not-zip',
  'attacks/poi-openxml4j-invalid.xlsx': 'not-xlsx',
  'attacks/truncated.xlsx': 'damaged',
  'attacks/zipbomb-300MiB-ws.xlsx': 'zip-bomb',
  'attacks/zipbomb-700MiB-ws.xlsx': 'zip-bomb',
  'attacks/zipbomb-700MiB-ws-nozip64.xlsx': 'zip-bomb',
};

/** Valid files that ExcelJS 4.4.0 fails on or hangs on: we must read them. */
const MUST_READ = [
  '1_NoIden.xlsx',
  '56278.xlsx',
  '57893-many-merges.xlsx',
  '58760.xlsx',
  '59021.xlsx',
  '59746_NoRowNums.xlsx',
  '61281.xlsx',
  '65016.xlsx',
  'BrNotClosed.xlsx',
  'ConditionalFormattingSamples.xlsx',
  'InlineString.xlsx',
  'craftonhills.edu_programreview_report.aspx_goalpriorityreport_0011d159-1eeb-4b63-8833-867b0926e5f3.xlsx',
  'dataValidationTableRange.xlsx',
  'sample-beta.xlsx',
  'xlsx-corrupted.xlsx',
  'xxe_in_schema.xlsx',
];

describe('the corpus', () => {
  it('is there', () => {
    expect(FILES.length).toBeGreaterThan(300);
    for (const name of MUST_READ) expect(FILES).toContain(`poi/${name}`);
    for (const name of Object.keys(EXPECTED_REFUSALS)) expect(FILES).toContain(name);
  });

  it.each(FILES)('%s is read or refused, quickly', (rel) => {
    const t0 = Date.now();
    const outcome = attempt(load(rel));
    expect(Date.now() - t0).toBeLessThan(10_000);
    if (outcome.ok) {
      expect(EXPECTED_REFUSALS[rel]).toBeUndefined();
      for (const s of outcome.wb.sheets) {
        expect(typeof s.name).toBe('string');
        expect(Array.isArray(s.rows)).toBe(true);
      }
    } else {
      const { info } = outcome.err;
      // A refusal wrapping an unexpected exception is a bug of ours, not a verdict on the file.
      expect((outcome.err as { cause?: unknown }).cause).toBeUndefined();
      expect({ rel, code: info.code }).toEqual({ rel, code: EXPECTED_REFUSALS[rel] });
      expect(info.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
      expect(info.messageEn.length).toBeGreaterThan(20);
    }
  });
});

describe('files ExcelJS cannot read', () => {
  it.each(MUST_READ)('%s is read', (name) => {
    const outcome = attempt(load(`poi/${name}`));
    if (!outcome.ok) throw new Error(`${name} refused: ${outcome.err.info.messageEn}`);
    expect(outcome.wb.sheets.length).toBeGreaterThan(0);
  });

  it('gets the values out', () => {
    const get = (name: string) => {
      const o = attempt(load(`poi/${name}`));
      if (!o.ok) throw o.err;
      return o.wb;
    };
    const noRowNums = get('59746_NoRowNums.xlsx').sheets[0];
    expect(noRowNums.rows[0][0]?.v).toBe('Checked');
    expect(noRowNums.rows[0][10]?.v).toBe('Study File ID');
    expect(noRowNums.rows[1][0]?.v).toBe(true);
    expect(noRowNums.rows[1][3]?.v).toBe(644.24222);

    const eris = get('59021.xlsx').sheets[0];
    expect(eris.name).toBe('ERIS Rates & Codes');
    expect(eris.rows[1][0]?.v).toBe('Abkhazia - Fixed');
    expect(eris.rows[1][2]?.v).toBe(0.1345);

    expect(get('InlineString.xlsx').sheets[0].rows[0][0]?.v).toBe('\u{1f61c}more text');

    const beta = get('sample-beta.xlsx').sheets[0];
    expect(beta.rows[0][0]?.v).toBe('Lorem');
    expect(beta.rows[9][1]).toMatchObject({ v: 4995, f: 'SUM(B1:B9)' });

    const corrupted = get('xlsx-corrupted.xlsx');
    expect(corrupted.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Sheet2']);
    expect(corrupted.sheets[0].rows[0][0]?.v).toBe('test');

    expect(get('xxe_in_schema.xlsx').sheets[0].rows[8][2]?.v).toBe('/Test/Test');
    expect(get('57893-many-merges.xlsx').sheets[0].merges.length).toBe(50_000);
    expect(get('56278.xlsx').sheets.length).toBe(10);
    expect(get('65016.xlsx').sheets.map((s) => s.name)).toEqual(['26 Mar 2014 11_11_02', 'Splits', 'SplitChart']);
  });

  it('reads the far-away cell sparsely', () => {
    for (const f of ['attacks/far-cell-XFD1048576.xlsx', 'attacks/far-cell-nozip64.xlsx']) {
      const o = attempt(load(f));
      if (!o.ok) throw o.err;
      const rows = o.wb.sheets[0].rows;
      expect(rows[1048575][16383]?.v).toBe(1);
      expect(Object.keys(rows).length).toBe(2);
    }
  });
});

/** The same bomb, with its central directory and local header claiming a small size. */
function understate(bytes: Uint8Array, part: string, size: number): Uint8Array {
  const out = bytes.slice();
  const dv = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let p = dv.getUint32(eocd + 16, true);
  const count = dv.getUint16(eocd + 10, true);
  for (let k = 0; k < count; k++) {
    const nl = dv.getUint16(p + 28, true);
    const name = new TextDecoder().decode(out.subarray(p + 46, p + 46 + nl));
    if (name === part) {
      dv.setUint32(p + 24, size, true);
      dv.setUint32(dv.getUint32(p + 42, true) + 22, size, true);
    }
    p += 46 + nl + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

describe('zip bombs', () => {
  const bombs = FILES.filter((f) => f.includes('zipbomb'));

  it.each([...bombs.map((f) => [f, false] as const), ...bombs.map((f) => [f, true] as const)])(
    '%s is refused without being inflated (declared sizes understated: %s)',
    (rel, lying) => {
      let bytes = load(rel);
      if (lying) bytes = understate(bytes, 'xl/worksheets/sheet1.xml', 300_000);
      global.gc?.();
      const before = process.memoryUsage();
      const t0 = Date.now();
      const outcome = attempt(bytes);
      const after = process.memoryUsage();
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.err.info.code).toBe('zip-bomb');
      // Inflating would take 300–700 MiB; the refusal must come long before.
      expect(after.rss - before.rss).toBeLessThan(150 * MiB);
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(100 * MiB);
    },
  );
});
