/// <reference types="office-js" />
/**
 * A fake Excel.RequestContext that behaves like the real one where it matters to office/:
 * - commands are queued and run only at `sync()`, in order; an error stops the batch there;
 * - a property cannot be read before `load` and `sync` (PropertyNotLoaded), and a member that
 *   Excel does not have throws at once (so a misspelt method fails the test);
 * - members of a newer ExcelApi set than the fake's version fail at sync with ApiNotFound;
 * - every sync is counted and its request and response sizes measured (JSON, UTF-8). The request
 *   is built as Office.js builds it: an Actions array (Instantiate, Query, Method, SetProperty)
 *   and an ObjectPaths map holding every object path the actions touch, with its parents and
 *   arguments, each instantiated once per request; so ids, names and framing are counted too.
 *   Over the limit (5 MB by default, like Excel on the web) the sync fails with Excel's codes,
 *   and an oversized request applies nothing.
 */
import type { CellValue } from '../../src/sheet/grid';
import { a1, columnIndex } from '../../src/sheet/address';
import { compareVersions } from '../../src/office/support';

export interface FakeCell {
  v?: CellValue;
  /** Formula without "=". */
  f?: string;
  fmt?: string;
  fill?: { color: string; pattern: string };
  font?: string;
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message };
  }
}

let nextId = 1;

export class FakeSheet {
  readonly id = `{${String(nextId++).padStart(8, '0')}-FAKE}`;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly cells = new Map<string, FakeCell>();
  merges: Box[] = [];
  columnWidths = new Map<number, number>();
  /** Protect Sheet: every change to its cells is refused with AccessDenied. */
  protected = false;
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  ensure(row: number, col: number): FakeCell {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) {
      c = {};
      this.cells.set(k, c);
    }
    return c;
  }
  tidy(row: number, col: number): void {
    const c = this.cell(row, col);
    if (c && c.v === undefined && c.f === undefined && !c.fmt && !c.fill && !c.font) this.cells.delete(`${row},${col}`);
  }
}

export interface FakeNote {
  id: string;
  sheet: FakeSheet;
  row: number;
  col: number;
  content: string;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  /** Entries of the request's Actions array and ObjectPaths map. */
  actions: number;
  objectPaths: number;
}

/** The workbook behind the fake: tests build it, run office/ code against it, then look at it. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  selection: { sheet: string; address: string } | null = null;
  comments: FakeNote[] = [];
  notes: FakeNote[] = [];
  name = 'Book1.xlsx';
  /** Highest ExcelApi version this Excel has. */
  apiVersion: string;
  /** Request and response limit, as Excel on the web's 5 MB. */
  payloadLimit = 5 * 1024 * 1024;
  /** A request limit of its own, when it should differ from payloadLimit. */
  requestLimitBytes: number | undefined;
  readonly syncs: SyncRecord[] = [];
  /** What insertWorksheetsFromBase64 adds (tests set it); default: one sheet named "Inserted". */
  onInsertBase64: (b64: string) => FakeSheet[] = () => [new FakeSheet('Inserted')];
  readonly insertedBase64: string[] = [];

  constructor(opts: { apiVersion?: string; requestLimitBytes?: number } = {}) {
    this.apiVersion = opts.apiVersion ?? '1.18';
    this.requestLimitBytes = opts.requestLimitBytes;
  }

  get requestLimit(): number {
    return this.requestLimitBytes ?? this.payloadLimit;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    this.active ??= s;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  findSheet(nameOrId: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase() || s.id === nameOrId);
  }

  /** Sets one cell: set('Sheet1', 'C5', 'text') or set('Sheet1', 'C5', { v: 45000, fmt: 'dd/mm/yyyy' }). */
  set(sheet: string, address: string, value: CellValue | FakeCell): void {
    const { row, col } = parseCellAddress(address);
    const cell = this.sheet(sheet).ensure(row, col);
    if (value !== null && typeof value === 'object') Object.assign(cell, value);
    else cell.v = value;
  }

  /** Writes a block of values from `address` (top-left). */
  setRows(sheet: string, address: string, rows: CellValue[][]): void {
    const { row, col } = parseCellAddress(address);
    const s = this.sheet(sheet);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null || v === '') return;
        s.ensure(row + i, col + j).v = v;
      }),
    );
  }

  get(sheet: string, address: string): FakeCell | undefined {
    const { row, col } = parseCellAddress(address);
    return this.sheet(sheet).cell(row, col);
  }

  /** The fill colour Excel would report for a cell ('#FFFFFF' when none). */
  fillOf(sheet: string, address: string): string {
    return this.get(sheet, address)?.fill?.color ?? '#FFFFFF';
  }

  supports(version: string): boolean {
    return compareVersions(version, this.apiVersion) <= 0;
  }

  /** A new request context, as Excel.run would give. */
  context(): Excel.RequestContext {
    return new FakeContext(this) as unknown as Excel.RequestContext;
  }

  get syncCount(): number {
    return this.syncs.length;
  }
}


export function parseCellAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new FakeOfficeError('InvalidArgument', `bad cell address ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

function parseBoxAddress(address: string): Box {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [p, q] = local.split(':');
  const a = parseCellAddress(p);
  const b = q === undefined ? a : parseCellAddress(q);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function boxText(b: Box): string {
  const p = a1(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? p : `${p}:${a1(b.bottom, b.right)}`;
}

function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function editable(sheet: FakeSheet): FakeSheet {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', 'The cell or chart you are trying to change is protected.');
  return sheet;
}

function utf8(s: string): number {
  return new TextEncoder().encode(s).length;
}

// ---------------------------------------------------------------------------------------------
// The request context and its client objects

/** Office.js's ObjectPathType and ActionType numbers. */
const PATH_TYPE = { GlobalObject: 1, Method: 3, Property: 4, Indexer: 5 } as const;
const ACTION_TYPE = { Instantiate: 1, Query: 2, Method: 3, SetProperty: 4 } as const;

/** One object path (office.js's ObjectPathInfo): how the server finds an object from its parent. */
interface PathInfo {
  id: number;
  type: keyof typeof PATH_TYPE;
  name: string;
  parent: PathInfo | null;
  args: unknown[];
}

/**
 * What an operation sends. 'Instantiate' adds no action of its own: only its object's path (as a
 * method returning an object, e.g. worksheets.add, does in Office.js).
 */
interface ActionSpec {
  type: keyof typeof ACTION_TYPE;
  obj: Client;
  name?: string;
  args?: unknown[];
  select?: string[];
}

interface Op {
  action: ActionSpec;
  minSet: string;
  run: () => void;
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** ArgumentInfo as Office.js writes it: client objects travel as references to their paths. */
function argumentInfo(args: unknown[], ensure: (p: PathInfo) => void): Record<string, unknown> {
  if (args.length === 0) return {};
  const refs: number[] = [];
  let anyRef = false;
  const values = args.map((a) => {
    if (a instanceof Client) {
      ensure(a._pi);
      refs.push(a._pi.id);
      anyRef = true;
      return null;
    }
    refs.push(0);
    return a === undefined ? null : a;
  });
  return anyRef ? { Arguments: values, ReferencedObjectPathIds: refs } : { Arguments: values };
}

/** The request body Office.js would send for these operations, and its counts. */
function requestBody(ops: Op[], nextId: () => number): { json: string; actions: number; objectPaths: number } {
  const paths: Record<number, unknown> = {};
  const actions: unknown[] = [];
  const instantiated = new Set<number>();
  const ensure = (p: PathInfo): void => {
    if (instantiated.has(p.id)) return;
    instantiated.add(p.id);
    if (p.parent) ensure(p.parent);
    const info: Record<string, unknown> = { Id: p.id, ObjectPathType: PATH_TYPE[p.type], Name: p.name };
    if (p.parent) info.ParentObjectPathId = p.parent.id;
    if (p.type !== 'GlobalObject' && p.type !== 'Property') info.ArgumentInfo = argumentInfo(p.args, ensure);
    paths[p.id] = info;
    actions.push({ Id: nextId(), ActionType: ACTION_TYPE.Instantiate, Name: '', ObjectPathId: p.id });
  };
  for (const { action: a } of ops) {
    ensure(a.obj._pi);
    if (a.type === 'Instantiate') continue;
    const info: Record<string, unknown> = { Id: nextId(), ActionType: ACTION_TYPE[a.type], Name: a.name ? pascal(a.name) : '', ObjectPathId: a.obj._pi.id };
    if (a.type === 'Query') info.QueryInfo = { Select: a.select ?? [], Expand: [], Skip: null, Top: null };
    else info.ArgumentInfo = argumentInfo(a.args ?? [], ensure);
    actions.push(info);
  }
  return { json: JSON.stringify({ Actions: actions, ObjectPaths: paths }), actions: actions.length, objectPaths: instantiated.size };
}

const NOT_LOADED = (p: string) =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

class FakeContext {
  readonly workbook: unknown;
  private queue: Op[] = [];
  /** Loads delivered at the end of a successful sync. */
  private deliveries: { obj: Client; prop: string; value: unknown }[] = [];
  private collectionDeliveries: { coll: Client; items: Client[] }[] = [];
  private nullDeliveries: { obj: Client; isNull: boolean }[] = [];
  private results: { result: FakeClientResult; value: unknown }[] = [];
  /** Office.js numbers object paths and actions from one counter per context. */
  private lastId = 0;

  constructor(readonly model: FakeWorkbook) {
    this.workbook = strict(new WorkbookObj(this)._via(null, 'GlobalObject', ''));
  }

  nextId(): number {
    return ++this.lastId;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  deliver(obj: Client, prop: string, value: unknown): void {
    this.deliveries.push({ obj, prop, value });
  }

  deliverItems(coll: Client, items: Client[]): void {
    this.collectionDeliveries.push({ coll, items });
  }

  deliverNull(obj: Client, isNull: boolean): void {
    this.nullDeliveries.push({ obj, isNull });
  }

  deliverResult(result: FakeClientResult, value: unknown): void {
    this.results.push({ result, value });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.deliveries = [];
    this.collectionDeliveries = [];
    this.nullDeliveries = [];
    this.results = [];
    const body = requestBody(ops, () => this.nextId());
    const requestBytes = utf8(body.json);
    const record: SyncRecord = { requestBytes, responseBytes: 0, ops: ops.length, actions: body.actions, objectPaths: body.objectPaths };
    this.model.syncs.push(record);
    await Promise.resolve();
    if (requestBytes > this.model.requestLimit) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    for (const op of ops) {
      if (!this.model.supports(op.minSet)) {
        throw new FakeOfficeError('ApiNotFound', `This API (ExcelApi ${op.minSet}) is not supported by this Excel (ExcelApi ${this.model.apiVersion}).`);
      }
      op.run(); // throws FakeOfficeError: the rest of the batch does not run, as in Excel
    }
    const response = [
      ...this.deliveries.map((d) => d.value),
      ...this.collectionDeliveries.map((d) => d.items.length),
      ...this.results.map((r) => r.value),
    ];
    record.responseBytes = utf8(JSON.stringify(response));
    if (record.responseBytes > this.model.payloadLimit) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const d of this.collectionDeliveries) d.coll._items = d.items;
    for (const d of this.nullDeliveries) d.obj._isNull = d.isNull;
    for (const d of this.deliveries) {
      d.obj._loaded.set(d.prop, d.value);
      d.obj._synced = true;
    }
    for (const r of this.results) {
      r.result._value = r.value;
      r.result._ready = true;
    }
  }
}

/** Wraps a client object so that any member Excel does not have throws at once. */
function strict<T extends Client | FakeClientResult>(obj: T): T {
  const api = new Set((obj.constructor as unknown as { api: string[] }).api);
  const kind = obj.constructor.name.replace(/Obj$/, '');
  const proxy = new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop.startsWith('_') || prop === 'constructor') return Reflect.get(target, prop, receiver);
      if (!api.has(prop)) throw new TypeError(`fake Excel: Excel.${kind} has no member '${prop}'`);
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
    set(target, prop, value) {
      if (typeof prop === 'symbol' || prop.startsWith('_')) return Reflect.set(target, prop, value);
      if (!api.has(prop)) throw new TypeError(`fake Excel: Excel.${kind} has no member '${prop}'`);
      return Reflect.set(target, prop, value, target);
    },
  });
  (obj as { _self?: unknown })._self = proxy;
  return proxy;
}

type Props = Record<string, { set?: string; read: () => unknown; write?: (v: unknown) => void }>;

abstract class Client {
  _loaded = new Map<string, unknown>();
  _synced = false;
  _isNull: boolean | undefined;
  _items: Client[] | undefined;
  _self: unknown;
  private _pathInfo: PathInfo | undefined;
  constructor(
    readonly _ctx: FakeContext,
    readonly _path: string,
  ) {}

  /** This object's path in the request; every client object is given one where it is made. */
  get _pi(): PathInfo {
    if (!this._pathInfo) throw new Error(`fake Excel: ${this.constructor.name} (${this._path}) has no object path`);
    return this._pathInfo;
  }

  /** Sets how Office.js reaches this object: from `parent` by a method, property or indexer. */
  _via(parent: Client | null, type: PathInfo['type'], name: string, args: unknown[] = []): this {
    this._pathInfo = { id: this._ctx.nextId(), type, name: type === 'Indexer' ? '' : pascal(name), parent: parent ? parent._pi : null, args };
    return this;
  }

  abstract _props(): Props;
  /** Navigation properties: load('format/fill/color') goes through these. */
  _nav(_name: string): Client | undefined {
    return undefined;
  }

  _read(prop: string): unknown {
    if (!this._loaded.has(prop)) throw NOT_LOADED(prop);
    return this._loaded.get(prop);
  }

  _write(prop: string, value: unknown): void {
    const spec = this._props()[prop];
    if (!spec?.write) throw new FakeOfficeError('InvalidArgument', `${prop} is read-only`);
    const write = spec.write;
    this._ctx.enqueue({ action: { type: 'SetProperty', obj: this, name: prop, args: [value] }, minSet: spec.set ?? '1.1', run: () => write(value) });
  }

  _call(name: string, args: unknown[], minSet: string, run: () => void): void {
    this._ctx.enqueue({ action: { type: 'Method', obj: this, name, args }, minSet, run });
  }

  /** Queues the creation of `obj` (a method that returns an object): its path is the request. */
  _create(obj: Client, minSet: string, run: () => void): void {
    this._ctx.enqueue({ action: { type: 'Instantiate', obj }, minSet, run });
  }

  /** Queues a check that only needs the object's path (a newer method's requirement set). */
  _check(minSet: string): void {
    this._ctx.enqueue({ action: { type: 'Instantiate', obj: this }, minSet, run: () => undefined });
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw NOT_LOADED('isNullObject');
    return this._isNull;
  }

  load(names?: string | string[]): this {
    const list = (Array.isArray(names) ? names : (names ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
    const own: string[] = [];
    const nested = new Map<string, string[]>();
    for (const n of list) {
      const i = n.indexOf('/');
      if (i < 0) own.push(n);
      else {
        const head = n.slice(0, i);
        nested.set(head, [...(nested.get(head) ?? []), n.slice(i + 1)]);
      }
    }
    for (const [head, rest] of nested) {
      if (head === 'items' && this._isCollection()) this._loadItems(rest);
      else {
        const child = this._nav(head);
        if (!child) throw new TypeError(`fake Excel: cannot load '${head}/…' on ${this.constructor.name}`);
        child.load(rest);
      }
    }
    const props = this._props();
    for (const p of own) {
      if (!props[p]) throw new TypeError(`fake Excel: ${this.constructor.name} has no loadable property '${p}'`);
    }
    this._ctx.enqueue({
      action: { type: 'Query', obj: this, select: own },
      minSet: own.reduce((m, p) => (compareVersions(props[p].set ?? '1.1', m) > 0 ? (props[p].set ?? '1.1') : m), '1.1'),
      run: () => {
        const isNull = this._resolveNull();
        this._ctx.deliverNull(this, isNull);
        if (isNull) return;
        for (const p of own) this._ctx.deliver(this, p, props[p].read());
        if (own.length === 0) this._ctx.deliver(this, '__touched', true);
      },
    });
    return (this._self ?? this) as this;
  }

  _isCollection(): boolean {
    return false;
  }
  _loadItems(_props: string[]): void {
    throw new TypeError('not a collection');
  }
  /** True when this proxy is a null object (resolving also validates the path). */
  abstract _resolveNull(): boolean;
}

class FakeClientResult {
  static api = ['value'];
  _value: unknown;
  _ready = false;
  get value(): unknown {
    if (!this._ready) throw NOT_LOADED('value');
    return this._value;
  }
}

// --- Workbook

class WorkbookObj extends Client {
  static api = ['worksheets', 'comments', 'notes', 'name', 'insertWorksheetsFromBase64', 'load'];
  private _sheets?: WorksheetCollectionObj;
  private _comments?: NoteCollectionObj;
  private _notes?: NoteCollectionObj;
  constructor(ctx: FakeContext) {
    super(ctx, 'workbook');
  }
  _props(): Props {
    return { name: { set: '1.7', read: () => this._ctx.model.name } };
  }
  _resolveNull(): boolean {
    return false;
  }
  get name(): string {
    return this._read('name') as string;
  }
  get worksheets(): WorksheetCollectionObj {
    return (this._sheets ??= strict(new WorksheetCollectionObj(this._ctx)._via(this, 'Property', 'worksheets')));
  }
  get comments(): NoteCollectionObj {
    return (this._comments ??= strict(new NoteCollectionObj(this._ctx, 'comment')._via(this, 'Property', 'comments')));
  }
  get notes(): NoteCollectionObj {
    return (this._notes ??= strict(new NoteCollectionObj(this._ctx, 'note')._via(this, 'Property', 'notes')));
  }
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): FakeClientResult {
    const result = strict(new FakeClientResult());
    const model = this._ctx.model;
    this._call('insertWorksheetsFromBase64', [base64, options], '1.13', () => {
      model.insertedBase64.push(base64);
      const added = model.onInsertBase64(base64);
      for (const s of added) {
        let name = s.name;
        for (let i = 2; model.findSheet(name); i++) name = `${s.name} (${i})`;
        s.name = name;
        model.sheets.push(s);
      }
      this._ctx.deliverResult(result, added.map((s) => s.id));
    });
    return result;
  }
}

// --- Worksheets

class WorksheetCollectionObj extends Client {
  static api = ['getActiveWorksheet', 'getItem', 'getItemOrNullObject', 'add', 'items', 'load'];
  constructor(ctx: FakeContext) {
    super(ctx, 'workbook.worksheets');
  }
  _props(): Props {
    return {};
  }
  _resolveNull(): boolean {
    return false;
  }
  override _isCollection(): boolean {
    return true;
  }
  get items(): WorksheetObj[] {
    if (!this._items) throw NOT_LOADED('items');
    return this._items as WorksheetObj[];
  }
  override _loadItems(props: string[]): void {
    const ctx = this._ctx;
    ctx.enqueue({
      action: { type: 'Query', obj: this, select: props.map((p) => `Items/${p}`) },
      minSet: '1.1',
      run: () => {
        const items = ctx.model.sheets.map((s) => {
          const w = new WorksheetObj(ctx, `worksheets.getItem(${JSON.stringify(s.id)})`, () => s, false)._via(this, 'Indexer', '', [s.id]);
          const ps = w._props();
          for (const p of props) {
            if (!ps[p]) throw new TypeError(`fake Excel: Worksheet has no loadable property '${p}'`);
            ctx.deliver(w, p, ps[p].read());
          }
          ctx.deliverNull(w, false);
          return strict(w);
        });
        ctx.deliverItems(this, items);
      },
    });
  }
  getActiveWorksheet(): WorksheetObj {
    const model = this._ctx.model;
    return strict(
      new WorksheetObj(this._ctx, 'worksheets.getActiveWorksheet()', () => {
        if (!model.active) throw new FakeOfficeError('ItemNotFound', 'no active sheet');
        return model.active;
      }, false)._via(this, 'Method', 'getActiveWorksheet'),
    );
  }
  getItem(key: string): WorksheetObj {
    const model = this._ctx.model;
    return strict(
      new WorksheetObj(this._ctx, `worksheets.getItem(${JSON.stringify(key)})`, () => {
        const s = model.findSheet(key);
        if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet '${key}'.`);
        return s;
      }, false)._via(this, 'Method', 'getItem', [key]),
    );
  }
  getItemOrNullObject(key: string): WorksheetObj {
    const model = this._ctx.model;
    const w = new WorksheetObj(this._ctx, `worksheets.getItemOrNullObject(${JSON.stringify(key)})`, () => model.findSheet(key) ?? null, true)._via(this, 'Method', 'getItemOrNullObject', [key]);
    w._minSet = '1.4';
    return strict(w);
  }
  add(name: string): WorksheetObj {
    const model = this._ctx.model;
    let created: FakeSheet | null = null;
    const ws = new WorksheetObj(this._ctx, `worksheets.add(${JSON.stringify(name)})`, () => {
      if (!created) throw new FakeOfficeError('ItemNotFound', 'sheet not created');
      return created;
    }, false)._via(this, 'Method', 'add', [name]);
    this._create(ws, '1.1', () => {
      if (model.findSheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
      if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new FakeOfficeError('InvalidArgument', `bad sheet name '${name}'`);
      created = new FakeSheet(name);
      model.sheets.push(created);
    });
    return strict(ws);
  }
}

class WorksheetObj extends Client {
  static api = ['name', 'visibility', 'id', 'getUsedRange', 'getUsedRangeOrNullObject', 'getRange', 'activate', 'delete', 'load', 'isNullObject'];
  _minSet = '1.1';
  private _target: FakeSheet | null | undefined;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly _resolver: () => FakeSheet | null,
    readonly _nullable: boolean,
  ) {
    super(ctx, path);
  }
  /** Resolves at execution time and then stays bound to that sheet (Excel tracks it by id). */
  _sheet(): FakeSheet | null {
    if (this._target === undefined) {
      const t = this._resolver();
      if (t && !this._ctx.model.sheets.includes(t)) throw new FakeOfficeError('ItemNotFound', 'the worksheet was deleted');
      this._target = t;
    }
    if (this._target && !this._ctx.model.sheets.includes(this._target)) throw new FakeOfficeError('ItemNotFound', 'the worksheet was deleted');
    return this._target;
  }
  _sheetOrThrow(): FakeSheet {
    const s = this._sheet();
    if (!s) throw new FakeOfficeError('InvalidOperation', 'operation on a null object');
    return s;
  }
  _resolveNull(): boolean {
    return this._sheet() === null;
  }
  _props(): Props {
    const model = this._ctx.model;
    return {
      name: { read: () => this._sheetOrThrow().name },
      id: { read: () => this._sheetOrThrow().id },
      visibility: {
        read: () => this._sheetOrThrow().visibility,
        write: (v) => {
          const s = this._sheetOrThrow();
          if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw new FakeOfficeError('InvalidArgument', `visibility ${String(v)}`);
          if (v !== 'Visible' && model.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) {
            throw new FakeOfficeError('InvalidOperation', 'cannot hide the only visible sheet');
          }
          s.visibility = v;
        },
      },
    };
  }
  get name(): string {
    return this._read('name') as string;
  }
  get id(): string {
    return this._read('id') as string;
  }
  get visibility(): string {
    return this._read('visibility') as string;
  }
  set visibility(v: string) {
    this._write('visibility', v);
  }
  override load(names?: string | string[]): this {
    if (this._minSet !== '1.1') this._check(this._minSet);
    return super.load(names);
  }
  getUsedRange(valuesOnly?: boolean): RangeObj {
    const minSet = valuesOnly === undefined ? '1.1' : '1.2';
    const r = new RangeObj(this._ctx, `${this._path}.getUsedRange(${valuesOnly ?? ''})`, () => {
      const s = this._sheetOrThrow();
      return { sheet: s, box: usedBox(s, valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    }, false)._via(this, 'Method', 'getUsedRange', valuesOnly === undefined ? [] : [valuesOnly]);
    r._minSet = minSet;
    return strict(r);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeObj {
    const r = new RangeObj(this._ctx, `${this._path}.getUsedRangeOrNullObject(${valuesOnly ?? ''})`, () => {
      const s = this._sheetOrThrow();
      const box = usedBox(s, valuesOnly === true);
      return box ? { sheet: s, box } : null;
    }, true)._via(this, 'Method', 'getUsedRangeOrNullObject', valuesOnly === undefined ? [] : [valuesOnly]);
    r._minSet = '1.4';
    return strict(r);
  }
  getRange(address?: string): RangeObj {
    return strict(
      new RangeObj(this._ctx, `${this._path}.getRange(${JSON.stringify(address ?? '')})`, () => {
        const s = this._sheetOrThrow();
        return { sheet: s, box: address === undefined ? { top: 0, left: 0, bottom: 1048575, right: 16383 } : parseBoxAddress(address) };
      }, false)._via(this, 'Method', 'getRange', address === undefined ? [] : [address]),
    );
  }
  activate(): void {
    this._call('activate', [], '1.1', () => {
      const s = this._sheetOrThrow();
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'cannot activate a hidden sheet');
      this._ctx.model.active = s;
    });
  }
  delete(): void {
    const model = this._ctx.model;
    this._call('delete', [], '1.1', () => {
      const s = this._sheetOrThrow();
      if (s.visibility === 'Visible' && model.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
        throw new FakeOfficeError('InvalidOperation', 'cannot delete the only visible sheet');
      }
      model.sheets = model.sheets.filter((x) => x !== s);
      model.comments = model.comments.filter((c) => c.sheet !== s);
      model.notes = model.notes.filter((c) => c.sheet !== s);
      if (model.active === s) model.active = model.sheets.find((x) => x.visibility === 'Visible') ?? null;
    });
  }
}

/** The bounding box of the used cells, or null for an empty sheet. */
function usedBox(s: FakeSheet, valuesOnly: boolean): Box | null {
  let box: Box | null = null;
  for (const [k, c] of s.cells) {
    const has = c.v !== undefined || c.f !== undefined || (!valuesOnly && (c.fill || c.fmt || c.font));
    if (!has) continue;
    const [r, col] = k.split(',').map(Number);
    if (!box) box = { top: r, left: col, bottom: r, right: col };
    else {
      box.top = Math.min(box.top, r);
      box.left = Math.min(box.left, col);
      box.bottom = Math.max(box.bottom, r);
      box.right = Math.max(box.right, col);
    }
  }
  return box;
}

// --- Ranges

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

const MAX_RANGE_CELLS_READ = 5_000_000;

class RangeObj extends Client {
  static api = [
    'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'numberFormat', 'formulas', 'format',
    'getCell', 'getMergedAreasOrNullObject', 'select', 'clear', 'merge', 'load', 'isNullObject',
  ];
  _minSet = '1.1';
  private _format?: RangeFormatObj;
  private _target: RangeTarget | null | undefined;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly _resolver: () => RangeTarget | null,
    readonly _nullable: boolean,
  ) {
    super(ctx, path);
  }
  _range(): RangeTarget | null {
    if (this._target === undefined) this._target = this._resolver();
    return this._target;
  }
  _rangeOrThrow(): RangeTarget {
    const t = this._range();
    if (!t) throw new FakeOfficeError('InvalidOperation', 'operation on a null object');
    if (!this._ctx.model.sheets.includes(t.sheet)) throw new FakeOfficeError('ItemNotFound', 'the worksheet was deleted');
    return t;
  }
  _resolveNull(): boolean {
    return this._range() === null;
  }
  override load(names?: string | string[]): this {
    if (this._minSet !== '1.1') this._check(this._minSet);
    return super.load(names);
  }
  override _nav(name: string): Client | undefined {
    return name === 'format' ? (this.format as unknown as Client) : undefined;
  }
  private _grid<T>(f: (c: FakeCell | undefined) => T): T[][] {
    const { sheet, box } = this._rangeOrThrow();
    if ((box.bottom - box.top + 1) * (box.right - box.left + 1) > MAX_RANGE_CELLS_READ) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'range too large to read');
    }
    const out: T[][] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row: T[] = [];
      for (let c = box.left; c <= box.right; c++) row.push(f(sheet.cell(r, c)));
      out.push(row);
    }
    return out;
  }
  private _setGrid(v: unknown, apply: (cell: FakeCell, value: unknown, r: number, c: number) => void): void {
    const { sheet, box } = this._rangeOrThrow();
    editable(sheet);
    const h = box.bottom - box.top + 1;
    const w = box.right - box.left + 1;
    const scalar = !Array.isArray(v);
    if (!scalar) {
      const rows = v as unknown[][];
      if (rows.length !== h || rows.some((r) => !Array.isArray(r) || r.length !== w)) {
        throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${h}×${w}).`);
      }
    }
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const value = scalar ? v : (v as unknown[][])[r][c];
        apply(sheet.ensure(box.top + r, box.left + c), value, box.top + r, box.left + c);
        sheet.tidy(box.top + r, box.left + c);
      }
    }
  }
  _props(): Props {
    return {
      address: {
        read: () => {
          const { sheet, box } = this._rangeOrThrow();
          return `${sheetRef(sheet.name)}!${boxText(box)}`;
        },
      },
      rowIndex: { read: () => this._rangeOrThrow().box.top },
      columnIndex: { read: () => this._rangeOrThrow().box.left },
      rowCount: { read: () => this._rangeOrThrow().box.bottom - this._rangeOrThrow().box.top + 1 },
      columnCount: { read: () => this._rangeOrThrow().box.right - this._rangeOrThrow().box.left + 1 },
      values: {
        read: () => this._grid((c) => (c?.v === undefined || c.v === null ? '' : c.v)),
        write: (v) =>
          this._setGrid(v, (cell, value) => {
            if (value === null) return; // null leaves the cell as it is, as in Excel
            const text = cell.fmt === '@';
            if (typeof value === 'string' && !text && value.startsWith('=')) {
              cell.f = value.slice(1);
              cell.v = '#NAME?';
            } else if (typeof value === 'string' && !text && /^\(?-?\d+(\.\d+)?\)?$/.test(value.trim())) {
              const n = Number(value.replace(/[()]/g, ''));
              cell.v = value.trim().startsWith('(') ? -n : n;
              delete cell.f;
            } else {
              cell.v = value === '' ? undefined : (value as CellValue);
              delete cell.f;
            }
          }),
      },
      formulas: {
        read: () => this._grid((c) => (c?.f !== undefined ? `=${c.f}` : c?.v === undefined || c.v === null ? '' : c.v)),
      },
      numberFormat: {
        read: () => this._grid((c) => c?.fmt ?? 'General'),
        write: (v) =>
          this._setGrid(v, (cell, value) => {
            if (value === null) return;
            cell.fmt = value === 'General' ? undefined : String(value);
          }),
      },
    };
  }
  get address(): string {
    return this._read('address') as string;
  }
  get rowIndex(): number {
    return this._read('rowIndex') as number;
  }
  get columnIndex(): number {
    return this._read('columnIndex') as number;
  }
  get rowCount(): number {
    return this._read('rowCount') as number;
  }
  get columnCount(): number {
    return this._read('columnCount') as number;
  }
  get values(): unknown[][] {
    return this._read('values') as unknown[][];
  }
  set values(v: unknown[][]) {
    this._write('values', v);
  }
  get formulas(): unknown[][] {
    return this._read('formulas') as unknown[][];
  }
  get numberFormat(): unknown[][] {
    return this._read('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this._write('numberFormat', v);
  }
  get format(): RangeFormatObj {
    return (this._format ??= strict(new RangeFormatObj(this._ctx, `${this._path}.format`, this)._via(this, 'Property', 'format')));
  }
  getCell(row: number, column: number): RangeObj {
    return strict(
      new RangeObj(this._ctx, `${this._path}.getCell(${row},${column})`, () => {
        const { sheet, box } = this._rangeOrThrow();
        return { sheet, box: { top: box.top + row, left: box.left + column, bottom: box.top + row, right: box.left + column } };
      }, false)._via(this, 'Method', 'getCell', [row, column]),
    );
  }
  getMergedAreasOrNullObject(): RangeAreasObj {
    const areas = new RangeAreasObj(this._ctx, `${this._path}.getMergedAreasOrNullObject()`, () => {
      const { sheet, box } = this._rangeOrThrow();
      const hits = sheet.merges.filter((m) => m.top <= box.bottom && m.bottom >= box.top && m.left <= box.right && m.right >= box.left);
      if (hits.length > 512) throw new FakeOfficeError('GeneralException', 'too many merged areas');
      return hits.length ? { sheet, boxes: hits } : null;
    })._via(this, 'Method', 'getMergedAreasOrNullObject');
    return strict(areas);
  }
  select(): void {
    this._call('select', [], '1.1', () => {
      const { sheet, box } = this._rangeOrThrow();
      if (this._ctx.model.active !== sheet) throw new FakeOfficeError('InvalidSelection', 'select() on a sheet that is not active');
      this._ctx.model.selection = { sheet: sheet.name, address: boxText(box) };
    });
  }
  clear(): void {
    this._call('clear', [], '1.1', () => {
      const { sheet, box } = this._rangeOrThrow();
      editable(sheet);
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number);
        if (r >= box.top && r <= box.bottom && c >= box.left && c <= box.right) sheet.cells.delete(k);
      }
    });
  }
  merge(across?: boolean): void {
    this._call('merge', [across], '1.2', () => {
      const { sheet, box } = this._rangeOrThrow();
      editable(sheet);
      sheet.merges.push({ ...box });
    });
  }
}

class RangeAreasObj extends Client {
  static api = ['address', 'load', 'isNullObject'];
  private _target: { sheet: FakeSheet; boxes: Box[] } | null | undefined;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly _resolver: () => { sheet: FakeSheet; boxes: Box[] } | null,
  ) {
    super(ctx, path);
  }
  override load(names?: string | string[]): this {
    this._check('1.13');
    return super.load(names);
  }
  _areas() {
    if (this._target === undefined) this._target = this._resolver();
    return this._target;
  }
  _resolveNull(): boolean {
    return this._areas() === null;
  }
  _props(): Props {
    return {
      address: {
        read: () => {
          const t = this._areas()!;
          return t.boxes.map((b) => `${sheetRef(t.sheet.name)}!${boxText(b)}`).join(', ');
        },
      },
    };
  }
  get address(): string {
    return this._read('address') as string;
  }
}

class RangeFormatObj extends Client {
  static api = ['fill', 'font', 'columnWidth', 'load'];
  private _fill?: RangeFillObj;
  private _font?: RangeFontObj;
  constructor(
    ctx: FakeContext,
    path: string,
    readonly _rangeObj: RangeObj,
  ) {
    super(ctx, path);
  }
  _resolveNull(): boolean {
    return false;
  }
  override _nav(name: string): Client | undefined {
    if (name === 'fill') return this.fill as unknown as Client;
    if (name === 'font') return this.font as unknown as Client;
    return undefined;
  }
  _props(): Props {
    return {
      columnWidth: {
        read: () => {
          const { sheet, box } = this._rangeObj._rangeOrThrow();
          return sheet.columnWidths.get(box.left) ?? 48;
        },
        write: (v) => {
          const { sheet, box } = this._rangeObj._rangeOrThrow();
          editable(sheet);
          for (let c = box.left; c <= box.right; c++) sheet.columnWidths.set(c, Number(v));
        },
      },
    };
  }
  get fill(): RangeFillObj {
    return (this._fill ??= strict(new RangeFillObj(this._ctx, `${this._path}.fill`, this._rangeObj)._via(this, 'Property', 'fill')));
  }
  get font(): RangeFontObj {
    return (this._font ??= strict(new RangeFontObj(this._ctx, `${this._path}.font`, this._rangeObj)._via(this, 'Property', 'font')));
  }
  get columnWidth(): number {
    return this._read('columnWidth') as number;
  }
  set columnWidth(v: number) {
    this._write('columnWidth', v);
  }
}

/** The one value of a property over a range, or null when the cells differ (as Excel reports). */
function uniform<T>(rangeObj: RangeObj, f: (c: FakeCell | undefined) => T): T | null {
  const { sheet, box } = rangeObj._rangeOrThrow();
  let first: T | undefined;
  for (let r = box.top; r <= box.bottom; r++) {
    for (let c = box.left; c <= box.right; c++) {
      const v = f(sheet.cell(r, c));
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

function eachCell(rangeObj: RangeObj, f: (cell: FakeCell) => void): void {
  const { sheet, box } = rangeObj._rangeOrThrow();
  editable(sheet);
  for (let r = box.top; r <= box.bottom; r++) {
    for (let c = box.left; c <= box.right; c++) {
      f(sheet.ensure(r, c));
      sheet.tidy(r, c);
    }
  }
}

class RangeFillObj extends Client {
  static api = ['color', 'pattern', 'clear', 'load'];
  constructor(
    ctx: FakeContext,
    path: string,
    readonly _rangeObj: RangeObj,
  ) {
    super(ctx, path);
  }
  _resolveNull(): boolean {
    return false;
  }
  _props(): Props {
    return {
      color: {
        read: () => uniform(this._rangeObj, (c) => c?.fill?.color ?? '#FFFFFF'),
        write: (v) => {
          if (typeof v !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeOfficeError('InvalidArgument', `bad colour ${String(v)}`);
          eachCell(this._rangeObj, (cell) => {
            cell.fill = { color: v.toUpperCase(), pattern: 'Solid' };
          });
        },
      },
      pattern: {
        set: '1.9',
        read: () => uniform(this._rangeObj, (c) => c?.fill?.pattern ?? 'None'),
      },
    };
  }
  get color(): string {
    return this._read('color') as string;
  }
  set color(v: string) {
    this._write('color', v);
  }
  get pattern(): string {
    return this._read('pattern') as string;
  }
  clear(): void {
    this._call('clear', [], '1.1', () => eachCell(this._rangeObj, (cell) => delete cell.fill));
  }
}

class RangeFontObj extends Client {
  static api = ['name', 'load'];
  constructor(
    ctx: FakeContext,
    path: string,
    readonly _rangeObj: RangeObj,
  ) {
    super(ctx, path);
  }
  _resolveNull(): boolean {
    return false;
  }
  _props(): Props {
    return { name: { read: () => uniform(this._rangeObj, (c) => c?.font ?? 'Calibri') } };
  }
  get name(): string {
    return this._read('name') as string;
  }
}

// --- Notes and comments (one shape: content at a cell)

interface NoteIndex {
  length: number;
  members: Set<FakeNote>;
  cells: Set<string>;
}
/** Lookups over a notes list, so 20,000 notes stay fast; rebuilt when a test edits the list itself. */
const noteIndexes = new WeakMap<FakeNote[], NoteIndex>();
const noteCell = (sheet: FakeSheet, row: number, col: number) => `${sheet.id}:${row},${col}`;
function noteIndex(list: FakeNote[]): NoteIndex {
  let ix = noteIndexes.get(list);
  if (!ix || ix.length !== list.length) {
    ix = { length: list.length, members: new Set(list), cells: new Set(list.map((n) => noteCell(n.sheet, n.row, n.col))) };
    noteIndexes.set(list, ix);
  }
  return ix;
}

class NoteCollectionObj extends Client {
  static api = ['add', 'items', 'load'];
  constructor(
    ctx: FakeContext,
    readonly _kind: 'note' | 'comment',
  ) {
    super(ctx, `workbook.${_kind}s`);
  }
  get _minSet(): string {
    return this._kind === 'note' ? '1.18' : '1.10';
  }
  _list(): FakeNote[] {
    return this._kind === 'note' ? this._ctx.model.notes : this._ctx.model.comments;
  }
  _props(): Props {
    return {};
  }
  _resolveNull(): boolean {
    return false;
  }
  override _isCollection(): boolean {
    return true;
  }
  get items(): NoteObj[] {
    if (!this._items) throw NOT_LOADED('items');
    return this._items as NoteObj[];
  }
  override _loadItems(props: string[]): void {
    const ctx = this._ctx;
    ctx.enqueue({
      action: { type: 'Query', obj: this, select: props.map((p) => `Items/${p}`) },
      minSet: this._minSet,
      run: () => {
        const items = this._list().map((n) => {
          const o = new NoteObj(ctx, `${this._path}.getItem(${n.id})`, this, n)._via(this, 'Indexer', '', [n.id]);
          const ps = o._props();
          for (const p of props) {
            if (!ps[p]) throw new TypeError(`fake Excel: ${this._kind} has no loadable property '${p}'`);
            ctx.deliver(o, p, ps[p].read());
          }
          return strict(o);
        });
        ctx.deliverItems(this, items);
      },
    });
  }
  add(cellAddress: RangeObj | string, content: string): NoteObj {
    const model = this._ctx.model;
    const note: FakeNote = { id: `${this._kind}-${nextId++}`, sheet: null as unknown as FakeSheet, row: 0, col: 0, content };
    const obj = new NoteObj(this._ctx, `${this._path}.add()`, this, note)._via(this, 'Method', 'add', [cellAddress, content]);
    this._create(obj, this._minSet, () => {
      let sheet: FakeSheet;
      let box: Box;
      if (typeof cellAddress === 'string') {
        const bang = cellAddress.lastIndexOf('!');
        if (bang < 0) throw new FakeOfficeError('InvalidArgument', 'the address must include the sheet name');
        let sn = cellAddress.slice(0, bang);
        if (sn.startsWith("'")) sn = sn.slice(1, -1).replace(/''/g, "'");
        const s = model.findSheet(sn);
        if (!s) throw new FakeOfficeError('ItemNotFound', `no sheet ${sn}`);
        sheet = s;
        box = parseBoxAddress(cellAddress);
      } else {
        ({ sheet, box } = cellAddress._rangeOrThrow());
      }
      if (box.top !== box.bottom || box.left !== box.right) throw new FakeOfficeError('InvalidArgument', 'a note goes on one cell');
      editable(sheet);
      const ix = noteIndex(this._list());
      if (ix.cells.has(noteCell(sheet, box.top, box.left))) {
        throw new FakeOfficeError('InvalidOperation', `The cell already has a ${this._kind}.`);
      }
      Object.assign(note, { sheet, row: box.top, col: box.left });
      this._list().push(note);
      ix.members.add(note);
      ix.cells.add(noteCell(sheet, box.top, box.left));
      ix.length++;
    });
    return strict(obj);
  }
}

class NoteObj extends Client {
  static api = ['content', 'id', 'getLocation', 'delete', 'load'];
  constructor(
    ctx: FakeContext,
    path: string,
    readonly _coll: NoteCollectionObj,
    readonly _note: FakeNote,
  ) {
    super(ctx, path);
  }
  _alive(): FakeNote {
    if (!noteIndex(this._coll._list()).members.has(this._note)) throw new FakeOfficeError('ItemNotFound', `the ${this._coll._kind} no longer exists`);
    return this._note;
  }
  _resolveNull(): boolean {
    this._alive();
    return false;
  }
  _props(): Props {
    return {
      content: { read: () => this._alive().content },
      id: { read: () => this._alive().id },
    };
  }
  get content(): string {
    return this._read('content') as string;
  }
  get id(): string {
    return this._read('id') as string;
  }
  getLocation(): RangeObj {
    return strict(
      new RangeObj(this._ctx, `${this._path}.getLocation()`, () => {
        const n = this._alive();
        return { sheet: n.sheet, box: { top: n.row, left: n.col, bottom: n.row, right: n.col } };
      }, false)._via(this, 'Method', 'getLocation'),
    );
  }
  delete(): void {
    this._call('delete', [], this._coll._minSet, () => {
      const n = this._alive();
      const list = this._coll._list();
      const ix = noteIndex(list);
      list.splice(list.indexOf(n), 1);
      ix.members.delete(n);
      ix.cells.delete(noteCell(n.sheet, n.row, n.col));
      ix.length--;
    });
  }
}
