/**
 * streamSubmissions (src/sheet/row-stream.ts) driven by a reader that streams grids row by row:
 * it gives readSubmissions' submissions, whatever the format reader behind the stream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultRulebook } from '../../src/rules/index';
import { readSubmissions } from '../../src/sheet/read';
import { streamSubmissions, type SheetVisitor } from '../../src/sheet/row-stream';
import type { WorkbookGrid } from '../../src/sheet/grid';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { ROOT } from '../helpers/paths';

/** A format reader of grids: each sheet's rows one at a time, the grid itself when the sink asks for it. */
function driveGrids(wb: WorkbookGrid, log: string[] = []): (visitor: SheetVisitor) => void {
  return (visitor) => {
    visitor.start?.({ date1904: !!wb.date1904 });
    for (const grid of wb.sheets) {
      const sink = visitor.stream({ name: grid.name, hidden: !!grid.hidden }, grid.merges);
      grid.rows.forEach((cells, r) => {
        if (cells) sink.row(r, cells);
      });
      if (!sink.end()) {
        log.push(grid.name);
        visitor.grid(grid);
      }
    }
  };
}

describe('streamSubmissions', () => {
  const dir = path.join(ROOT, 'examples');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx'));

  it('gives readSubmissions’ submissions on every example', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const wb = readXlsx(new Uint8Array(fs.readFileSync(path.join(dir, f))));
      expect({ f, subs: streamSubmissions(f, defaultRulebook, driveGrids(wb)) }).toEqual({ f, subs: readSubmissions(f, wb, defaultRulebook) });
    }
  });

  it('asks for a TCVN3 sheet as a grid, and reads it with its encoding', () => {
    const wb = readXlsx(new Uint8Array(fs.readFileSync(path.join(dir, '05-dak-rlap-tcvn3.xlsx'))));
    const asked: string[] = [];
    const subs = streamSubmissions('x.xlsx', defaultRulebook, driveGrids(wb, asked));
    expect(asked).toHaveLength(1);
    expect(subs[0].legacy).toBe('tcvn3');
    expect(subs).toEqual(readSubmissions('x.xlsx', wb, defaultRulebook));
  });

  it('the 1904 date system given by start() is the one the rows are read with', () => {
    const f = files[0];
    const wb = readXlsx(new Uint8Array(fs.readFileSync(path.join(dir, f))));
    const wb1904 = { ...wb, date1904: true };
    expect(streamSubmissions(f, defaultRulebook, driveGrids(wb1904))).toEqual(readSubmissions(f, wb1904, defaultRulebook));
  });

  it('a workbook with no table gives the one empty submission, named from its sheets or the file', () => {
    const wb: WorkbookGrid = { sheets: [{ name: 'Ghi chú', rows: [[{ v: 'Ghi chú' }]], merges: [] }] };
    const subs = streamSubmissions('Phong_GD_Cu_Jut.xlsx', defaultRulebook, driveGrids(wb));
    expect(subs).toEqual(readSubmissions('Phong_GD_Cu_Jut.xlsx', wb, defaultRulebook));
    expect(subs).toHaveLength(1);
    expect(subs[0].unit?.id).toBe('cu-jut');
  });
});
