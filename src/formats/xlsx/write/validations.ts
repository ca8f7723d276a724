/**
 * A worksheet's <dataValidations>: the book's validations as ExcelJS wrote them (its models, its
 * sorting by address, equal single-cell neighbours joined into ranges). Also two helpers the sheet
 * uses as well: a range's A1 reference and the deep equality of models.
 */
import type { CellRange, Validation } from '../../../book/model';
import { a1, columnIndex } from '../../../sheet/address';
import { attr, xmlEscape } from './escape';

/** A range's A1 reference ("B2:D4"; "B2" for one cell). */
export function rangeRef(r: CellRange): string {
  const tl = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${a1(r.bottom, r.right)}`;
}

/** Deep equality of plain models (column styles, validations); a field set to undefined counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface DvModel {
  type: Validation['type'];
  allowBlank: boolean;
  formulae: (string | number)[];
  operator?: string;
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: boolean;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
}

function dvModel(v: Validation): DvModel {
  const dv: DvModel = { type: v.type, allowBlank: v.allowBlank, formulae: v.formulae };
  if (v.operator) dv.operator = v.operator;
  if (v.prompt) {
    dv.showInputMessage = true;
    dv.promptTitle = v.prompt.title;
    dv.prompt = v.prompt.text;
  }
  if (v.error) {
    dv.showErrorMessage = true;
    dv.errorStyle = v.error.style;
    dv.errorTitle = v.error.title;
    dv.error = v.error.text;
  }
  return dv;
}

/** A one-cell A1 reference (as rangeRef writes it) -> its 0-based row and column. */
function parseCell(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** ExcelJS's optimiseDataValidations: sorted by address, equal single-cell neighbours joined into ranges. */
export function dataValidationsXml(validations: Validation[]): string {
  const model = new Map<string, DvModel>();
  for (const v of validations) model.set(rangeRef(v.range), dvModel(v));
  const list = [...model.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const marked = new Set<string>();
  const out: { dv: DvModel; sqref: string }[] = [];
  const same = (a: string, b: string) => model.has(b) && deepEqual(model.get(a), model.get(b));
  for (const address of list) {
    if (marked.has(address)) continue;
    const dv = model.get(address) as DvModel;
    if (address.includes(':')) {
      marked.add(address);
      out.push({ dv, sqref: address });
      continue;
    }
    const { row, col } = parseCell(address);
    let height = 1;
    while (same(address, a1(row + height, col))) height++;
    const colMatches = (c: number) => {
      for (let i = 0; i < height; i++) if (!same(address, a1(row + i, c))) return false;
      return true;
    };
    let width = 1;
    while (colMatches(col + width)) width++;
    for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) marked.add(a1(row + i, col + j));
    out.push({ dv, sqref: height > 1 || width > 1 ? `${address}:${a1(row + height - 1, col + width - 1)}` : address });
  }
  if (!out.length) return '';
  let x = `<dataValidations count="${out.length}">`;
  for (const { dv, sqref } of out) {
    x += '<dataValidation';
    if (dv.type !== 'any') {
      x += attr('type', dv.type);
      if (dv.operator && dv.type !== 'list' && dv.operator !== 'between') x += attr('operator', dv.operator);
      if (dv.allowBlank) x += ' allowBlank="1"';
    }
    if (dv.showInputMessage) x += ' showInputMessage="1"';
    if (dv.promptTitle) x += attr('promptTitle', dv.promptTitle);
    if (dv.prompt) x += attr('prompt', dv.prompt);
    if (dv.showErrorMessage) x += ' showErrorMessage="1"';
    if (dv.errorStyle) x += attr('errorStyle', dv.errorStyle);
    if (dv.errorTitle) x += attr('errorTitle', dv.errorTitle);
    if (dv.error) x += attr('error', dv.error);
    x += attr('sqref', sqref);
    if (!dv.formulae.length) {
      x += '/>';
      continue;
    }
    x += '>';
    dv.formulae.forEach((f, i) => {
      let text: string;
      if (dv.type === 'date') {
        // A serial went through a JavaScript Date (whole milliseconds) and back.
        const ms = typeof f === 'number' ? Math.trunc((f - 25569) * 86400000) : new Date(f).getTime();
        text = String(25569 + ms / 86400000);
      } else text = String(f);
      x += `<formula${i + 1}>${xmlEscape(text)}</formula${i + 1}>`;
    });
    x += '</dataValidation>';
  }
  return `${x}</dataValidations>`;
}
