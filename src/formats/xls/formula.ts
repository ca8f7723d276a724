/**
 * A formula's parsed tokens ([MS-XLS] 2.5.198, "Ptg") back to text like Excel shows it, without
 * the leading '=': what GridCell.f holds for an .xlsx. The checker only reports formulas, it never
 * evaluates one, so the text is for people: operators as stored (Excel keeps parentheses as tokens),
 * English function names, ',' between arguments. One pass over the tokens, a stack of texts; a token
 * this reader does not know stops it (null), and the caller still marks the cell as a formula.
 */
import { columnLetters } from '../../sheet/address';
import { f64, i16, latin1, u16, u32 } from './biff';

export interface FormulaContext {
  /** 8 for BIFF8 (Excel 97-2003), 5 for BIFF5/7 (Excel 5.0/95). */
  biff: 5 | 8;
  /** The cell the formula belongs to: relative references of shared formulas count from it. */
  row: number;
  col: number;
  /** A BIFF8 3-D reference's sheet part ("Sheet1", "Sheet1:Sheet3"), from EXTERNSHEET; null: unknown. */
  sheets(ixti: number): string | null;
  /** A BIFF5 3-D reference's sheet part, from the sheet indexes. */
  sheetsByIndex(first: number, last: number): string | null;
  /** A defined name, by its 1-based index. */
  name(index: number): string | null;
  /** An external name (add-in functions such as _xlfn.IFERROR): BIFF8 ixti and 1-based index. */
  externName(ixti: number, index: number): string | null;
  /** BIFF5 strings: bytes in the workbook's code page. */
  decode(bytes: Uint8Array): string;
}

/** A formula made of one tExp token: it is the shared or array formula whose top-left cell is given. */
export interface SharedRef {
  row: number;
  col: number;
}

/**
 * Function names by their built-in number ([MS-XLS] 2.5.198.17, Ftab), each with its number of
 * arguments when that is fixed (tFunc tokens do not store it); "id=NAME/args" or "id=NAME".
 */
const FUNCTIONS =
  '0=COUNT 1=IF 2=ISNA/1 3=ISERROR/1 4=SUM 5=AVERAGE 6=MIN 7=MAX 8=ROW 9=COLUMN 10=NA/0 11=NPV 12=STDEV 13=DOLLAR 14=FIXED ' +
  '15=SIN/1 16=COS/1 17=TAN/1 18=ATAN/1 19=PI/0 20=SQRT/1 21=EXP/1 22=LN/1 23=LOG10/1 24=ABS/1 25=INT/1 26=SIGN/1 27=ROUND/2 ' +
  '28=LOOKUP 29=INDEX 30=REPT/2 31=MID/3 32=LEN/1 33=VALUE/1 34=TRUE/0 35=FALSE/0 36=AND 37=OR 38=NOT/1 39=MOD/2 40=DCOUNT/3 ' +
  '41=DSUM/3 42=DAVERAGE/3 43=DMIN/3 44=DMAX/3 45=DSTDEV/3 46=VAR 47=DVAR/3 48=TEXT/2 49=LINEST 50=TREND 51=LOGEST 52=GROWTH ' +
  '56=PV 57=FV 58=NPER 59=PMT 60=RATE 61=MIRR/3 62=IRR 63=RAND/0 64=MATCH 65=DATE/3 66=TIME/3 67=DAY/1 68=MONTH/1 69=YEAR/1 ' +
  '70=WEEKDAY 71=HOUR/1 72=MINUTE/1 73=SECOND/1 74=NOW/0 75=AREAS/1 76=ROWS/1 77=COLUMNS/1 78=OFFSET 82=SEARCH 83=TRANSPOSE/1 ' +
  '86=TYPE/1 97=ATAN2/2 98=ASIN/1 99=ACOS/1 100=CHOOSE 101=HLOOKUP 102=VLOOKUP 105=ISREF/1 109=LOG 111=CHAR/1 112=LOWER/1 ' +
  '113=UPPER/1 114=PROPER/1 115=LEFT 116=RIGHT 117=EXACT/2 118=TRIM/1 119=REPLACE/4 120=SUBSTITUTE 121=CODE/1 124=FIND 125=CELL ' +
  '126=ISERR/1 127=ISTEXT/1 128=ISNUMBER/1 129=ISBLANK/1 130=T/1 131=N/1 140=DATEVALUE/1 141=TIMEVALUE/1 142=SLN/3 143=SYD/4 ' +
  '144=DDB 148=INDIRECT 162=CLEAN/1 163=MDETERM/1 164=MINVERSE/1 165=MMULT/2 167=IPMT 168=PPMT 169=COUNTA 183=PRODUCT 184=FACT/1 ' +
  '189=DPRODUCT/3 190=ISNONTEXT/1 193=STDEVP 194=VARP 195=DSTDEVP/3 196=DVARP/3 197=TRUNC 198=ISLOGICAL/1 199=DCOUNTA/3 ' +
  '204=USDOLLAR 205=FINDB 206=SEARCHB 207=REPLACEB/4 208=LEFTB 209=RIGHTB 210=MIDB/3 211=LENB/1 212=ROUNDUP/2 213=ROUNDDOWN/2 ' +
  '214=ASC/1 215=DBCS/1 216=RANK 219=ADDRESS 220=DAYS360 221=TODAY/0 222=VDB 227=MEDIAN 228=SUMPRODUCT 229=SINH/1 230=COSH/1 ' +
  '231=TANH/1 232=ASINH/1 233=ACOSH/1 234=ATANH/1 235=DGET/3 244=INFO/1 247=DB 252=FREQUENCY/2 261=ERROR.TYPE/1 269=AVEDEV ' +
  '270=BETADIST 271=GAMMALN/1 272=BETAINV 273=BINOMDIST/4 274=CHIDIST/2 275=CHIINV/2 276=COMBIN/2 277=CONFIDENCE/3 ' +
  '278=CRITBINOM/3 279=EVEN/1 280=EXPONDIST/3 281=FDIST/3 282=FINV/3 283=FISHER/1 284=FISHERINV/1 285=FLOOR/2 286=GAMMADIST/4 ' +
  '287=GAMMAINV/3 288=CEILING/2 289=HYPGEOMDIST/4 290=LOGNORMDIST/3 291=LOGINV/3 292=NEGBINOMDIST/3 293=NORMDIST/4 ' +
  '294=NORMSDIST/1 295=NORMINV/3 296=NORMSINV/1 297=STANDARDIZE/3 298=ODD/1 299=PERMUT/2 300=POISSON/3 301=TDIST/3 ' +
  '302=WEIBULL/4 303=SUMXMY2/2 304=SUMX2MY2/2 305=SUMX2PY2/2 306=CHITEST/2 307=CORREL/2 308=COVAR/2 309=FORECAST/3 310=FTEST/2 ' +
  '311=INTERCEPT/2 312=PEARSON/2 313=RSQ/2 314=STEYX/2 315=SLOPE/2 316=TTEST/4 317=PROB 318=DEVSQ 319=GEOMEAN 320=HARMEAN ' +
  '321=SUMSQ 322=KURT 323=SKEW 324=ZTEST 325=LARGE/2 326=SMALL/2 327=QUARTILE/2 328=PERCENTILE/2 329=PERCENTRANK 330=MODE ' +
  '331=TRIMMEAN/2 332=TINV/2 336=CONCATENATE 337=POWER/2 342=RADIANS/1 343=DEGREES/1 344=SUBTOTAL 345=SUMIF 346=COUNTIF/2 ' +
  '347=COUNTBLANK/1 350=ISPMT/4 351=DATEDIF/3 352=DATESTRING/1 353=NUMBERSTRING/2 354=ROMAN 358=GETPIVOTDATA/2 359=HYPERLINK ' +
  '360=PHONETIC/1 361=AVERAGEA 362=MAXA 363=MINA 364=STDEVPA 365=VARPA 366=STDEVA 367=VARA';

const FN_NAME = new Map<number, string>();
const FN_ARGS = new Map<number, number>();
for (const item of FUNCTIONS.split(' ')) {
  const [id, rest] = item.split('=');
  const [name, args] = rest.split('/');
  FN_NAME.set(Number(id), name);
  if (args !== undefined) FN_ARGS.set(Number(id), Number(args));
}

const BINARY = ['', '', '', '+', '-', '*', '/', '^', '&', '<', '<=', '=', '>=', '>', '<>', ' ', ',', ':'];

export const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** A sheet name as a reference prefix: quoted when it is not a plain word. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

function cellText(row: number, col: number, rowRel: boolean, colRel: boolean): string {
  return `${colRel ? '' : '$'}${columnLetters(col)}${rowRel ? '' : '$'}${row + 1}`;
}

function numberText(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15))).toUpperCase();
}

/**
 * Excel's own limit on a formula's text is 8,192 characters. Past twice that, the tokens are not a
 * real formula: names of 255 characters called by 5-byte tokens would otherwise turn a few bytes
 * of file into a lot of text.
 */
const MAX_TEXT = 16384;

/** Stops the decompilation: a token it does not know, or one that runs past the data. */
class Unknown extends Error {}

/**
 * The text of the formula in `b[from, from + cce)`, or a SharedRef when it is one tExp token (the
 * caller looks the shared or array formula up), or null when it cannot be read.
 */
export function decompile(b: Uint8Array, from: number, cce: number, ctx: FormulaContext): string | SharedRef | null {
  const end = Math.min(b.length, from + cce);
  const big = ctx.biff === 8;
  const stack: string[] = [];
  const pop = (): string => {
    const v = stack.pop();
    if (v === undefined) throw new Unknown();
    return v;
  };
  const need = (p: number, n: number) => {
    if (p + n > end) throw new Unknown();
  };
  /** A reference's row and column words: BIFF8 keeps the flags with the column, BIFF5 with the row. */
  const ref = (rw: number, cl: number, relative: boolean): string => {
    let row: number;
    let col: number;
    let rowRel: boolean;
    let colRel: boolean;
    if (big) {
      rowRel = (cl & 0x8000) !== 0;
      colRel = (cl & 0x4000) !== 0;
      row = rw;
      col = cl & 0x3fff;
      if (relative) {
        if (rowRel) row = (ctx.row + ((rw << 16) >> 16) + 65536) % 65536;
        if (colRel) col = (ctx.col + (((cl & 0xff) << 24) >> 24) + 256) % 256;
      }
    } else {
      rowRel = (rw & 0x8000) !== 0;
      colRel = (rw & 0x4000) !== 0;
      row = rw & 0x3fff;
      col = cl;
      if (relative) {
        if (rowRel) row = (ctx.row + ((row << 18) >> 18) + 16384) % 16384;
        if (colRel) col = (ctx.col + ((cl << 24) >> 24) + 256) % 256;
      }
    }
    return cellText(row, col, rowRel, colRel);
  };
  const refSize = big ? 4 : 3;
  const areaSize = big ? 8 : 6;
  const readRef = (p: number, relative: boolean): string => (big ? ref(u16(b, p), u16(b, p + 2), relative) : ref(u16(b, p), b[p + 2], relative));
  const readArea = (p: number, relative: boolean): string =>
    big
      ? `${ref(u16(b, p), u16(b, p + 4), relative)}:${ref(u16(b, p + 2), u16(b, p + 6), relative)}`
      : `${ref(u16(b, p), b[p + 4], relative)}:${ref(u16(b, p + 2), b[p + 5], relative)}`;
  const sheet3d = (p: number): string => {
    const s = big ? ctx.sheets(u16(b, p)) : ctx.biff === 5 && i16(b, p) < 0 ? ctx.sheetsByIndex(i16(b, p + 10), i16(b, p + 12)) : null;
    return s === null ? '#REF!' : s;
  };

  try {
    let p = from;
    while (p < end) {
      const t = b[p++];
      // Tokens 0x20-0x7F come in three classes (reference, value, array) of the same layout.
      const base = t >= 0x20 ? (t & 0x1f) | 0x20 : t;
      switch (base) {
        case 0x01: // tExp: the whole formula is a shared or array formula
          need(p, 4);
          if (stack.length === 0 && p + 4 >= end) return { row: u16(b, p), col: big ? u16(b, p + 2) : b[p + 2] };
          throw new Unknown();
        case 0x03:
        case 0x04:
        case 0x05:
        case 0x06:
        case 0x07:
        case 0x08:
        case 0x09:
        case 0x0a:
        case 0x0b:
        case 0x0c:
        case 0x0d:
        case 0x0e:
        case 0x0f:
        case 0x10:
        case 0x11: {
          const right = pop();
          const left = pop();
          stack.push(left + BINARY[base] + right);
          break;
        }
        case 0x12:
          stack.push(`+${pop()}`);
          break;
        case 0x13:
          stack.push(`-${pop()}`);
          break;
        case 0x14:
          stack.push(`${pop()}%`);
          break;
        case 0x15:
          stack.push(`(${pop()})`);
          break;
        case 0x16:
          stack.push('');
          break;
        case 0x17: {
          // tStr
          need(p, 1);
          const cch = b[p];
          let s: string;
          if (big) {
            need(p, 2);
            const wide = (b[p + 1] & 1) === 1;
            const bytes = cch * (wide ? 2 : 1);
            need(p + 2, bytes);
            s = '';
            if (wide) for (let k = 0; k < cch; k++) s += String.fromCharCode(u16(b, p + 2 + 2 * k));
            else s = latin1(b, p + 2, p + 2 + cch);
            p += 2 + bytes;
          } else {
            need(p + 1, cch);
            s = ctx.decode(b.subarray(p + 1, p + 1 + cch));
            p += 1 + cch;
          }
          stack.push(`"${s.replace(/"/g, '""')}"`);
          break;
        }
        case 0x19: {
          // tAttr: SUM of one argument, CHOOSE's jump table, spaces and jumps (nothing to show)
          need(p, 3);
          const grbit = b[p];
          const w = u16(b, p + 1);
          p += 3;
          if (grbit & 0x04) p += 2 * (w + 1);
          if (grbit & 0x10) stack.push(`SUM(${pop()})`);
          break;
        }
        case 0x1c:
          need(p, 1);
          stack.push(ERROR_TEXT[b[p]] ?? '#N/A');
          p += 1;
          break;
        case 0x1d:
          need(p, 1);
          stack.push(b[p] ? 'TRUE' : 'FALSE');
          p += 1;
          break;
        case 0x1e:
          need(p, 2);
          stack.push(String(u16(b, p)));
          p += 2;
          break;
        case 0x1f:
          need(p, 8);
          stack.push(numberText(f64(b, p)));
          p += 8;
          break;
        case 0x20: // tArray: the constants follow the tokens; not shown
          need(p, 7);
          stack.push('{…}');
          p += 7;
          break;
        case 0x21:
        case 0x22: {
          // tFunc (fixed arguments), tFuncVar (count given)
          let argc: number;
          let id: number;
          if (base === 0x21) {
            need(p, 2);
            id = u16(b, p);
            p += 2;
            const fixed = FN_ARGS.get(id);
            if (fixed === undefined) throw new Unknown();
            argc = fixed;
          } else {
            need(p, 3);
            argc = b[p] & 0x7f;
            id = u16(b, p + 1) & 0x7fff;
            p += 3;
          }
          if (argc > stack.length) throw new Unknown();
          const args = stack.splice(stack.length - argc, argc);
          let name: string | undefined;
          // 255: a user-defined or add-in function, named by its first argument.
          if (id === 255) name = args.shift();
          else name = FN_NAME.get(id);
          if (name === undefined) throw new Unknown();
          stack.push(`${name}(${args.join(',')})`);
          break;
        }
        case 0x23: {
          // tName
          need(p, big ? 4 : 14);
          const s = ctx.name(big ? u32(b, p) : u16(b, p));
          p += big ? 4 : 14;
          stack.push(s ?? '#NAME?');
          break;
        }
        case 0x24:
        case 0x2c:
          need(p, refSize);
          stack.push(readRef(p, base === 0x2c));
          p += refSize;
          break;
        case 0x25:
        case 0x2d:
          need(p, areaSize);
          stack.push(readArea(p, base === 0x2d));
          p += areaSize;
          break;
        case 0x26:
        case 0x27:
        case 0x28: // tMemArea, tMemErr, tMemNoMem: precomputed areas; the tokens that follow say it all
          need(p, 6);
          p += 6;
          break;
        case 0x29:
        case 0x2e:
        case 0x2f:
          need(p, 2);
          p += 2;
          break;
        case 0x2a:
          need(p, refSize);
          stack.push('#REF!');
          p += refSize;
          break;
        case 0x2b:
          need(p, areaSize);
          stack.push('#REF!');
          p += areaSize;
          break;
        case 0x39: {
          // tNameX: a name from another book, or an add-in function name
          need(p, big ? 6 : 24);
          const s = big ? ctx.externName(u16(b, p), u16(b, p + 2)) : null;
          p += big ? 6 : 24;
          stack.push(s ?? '#NAME?');
          break;
        }
        case 0x3a:
        case 0x3c: {
          const head = big ? 2 : 14;
          need(p, head + refSize);
          const prefix = sheet3d(p);
          stack.push(base === 0x3c || prefix === '#REF!' ? '#REF!' : sheetPrefixed(prefix, readRef(p + head, false)));
          p += head + refSize;
          break;
        }
        case 0x3b:
        case 0x3d: {
          const head = big ? 2 : 14;
          need(p, head + areaSize);
          const prefix = sheet3d(p);
          stack.push(base === 0x3d || prefix === '#REF!' ? '#REF!' : sheetPrefixed(prefix, readArea(p + head, false)));
          p += head + areaSize;
          break;
        }
        default:
          throw new Unknown();
      }
      // Each text is checked as it is made, so none kept is longer than the limit.
      if (stack.length > 0 && stack[stack.length - 1].length > MAX_TEXT) throw new Unknown();
    }
  } catch (err) {
    if (err instanceof Unknown) return null;
    throw err;
  }
  return stack.length === 1 ? stack[0] : null;
}

function sheetPrefixed(sheets: string, ref: string): string {
  return sheetPrefix(sheets) + ref;
}
