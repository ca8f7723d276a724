/// <reference types="office-js" />
/**
 * Queued writes, synced in chunks that stay under Excel on the web's 5 MB request limit: never a
 * sync per cell, never one giant request.
 *
 * Sizes follow what Office.js really sends: a JSON body with an Actions array and an ObjectPaths
 * map. Every object reached (getRange, .format, .fill…) is an object path plus an Instantiate
 * action, in each request that uses it; setting a property or calling a method is one more action.
 * So one filled cell costs 3 paths and 4 actions, about 550 bytes, not the few dozen its address
 * and colour take. Estimates can still be wrong (ids grow, hosts differ): a request Excel refuses
 * as too large applies nothing, so it is split in halves and sent again.
 */
import { officeError, OfficeOpError, type Doing } from './errors';

export interface QueuedOp {
  /** Estimated request bytes of this operation (see requestCost). */
  bytes: number;
  /** Queues the operation on the context (no sync). May run again if its request is resent. */
  apply: () => void;
  /**
   * True when the work can go on without this operation if Excel refuses it even alone (the
   * caller reports it); otherwise that refusal is an error.
   */
  skippable?: boolean;
}

/** One object path in the request, with six- or seven-digit ids: "123456":{"Id":…,"Name":"Format",…}. */
export const PATH_BYTES = 100;
/** One action, with its ids: {"Id":…,"ActionType":1,"Name":"","ObjectPathId":…}. */
export const ACTION_BYTES = 70;
/** The ArgumentInfo wrapper of a path or action that has arguments. */
const ARGS_BYTES = 30;
/** An object passed as an argument (a range to notes.add): a reference to its path. */
export const OBJECT_ARG = Symbol('object argument');
const OBJECT_ARG_BYTES = 20;

/** UTF-8 length of a string, as it travels in the request. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as JSON in the request (quotes, escapes and all). */
export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

/**
 * Request bytes of an operation that reaches `paths` new objects (each also instantiated by an
 * action), adds `actions` actions of its own, and sends `args` (strings, numbers, arrays, or
 * OBJECT_ARG for an object).
 */
export function requestCost(paths: number, actions: number, args: unknown[] = []): number {
  let n = paths * (PATH_BYTES + ACTION_BYTES) + actions * ACTION_BYTES;
  if (args.length > 0) n += ARGS_BYTES;
  for (const a of args) n += a === OBJECT_ARG ? OBJECT_ARG_BYTES : jsonBytes(a);
  return n;
}

export interface ChunkedRun {
  /** Syncs made, the refused ones included. */
  syncs: number;
  /** Skippable operations Excel refused even alone, in order. */
  skipped: QueuedOp[];
}

/**
 * Bytes one request may take, by our estimate. Lowered in place when Excel refuses a request,
 * so the next run on the same host (marking's writes after its reads) starts from what worked.
 */
export interface RequestBudget {
  bytes: number;
}

/** Refused requests one run may split and resend before it gives up: bounded, whatever happens. */
const MAX_REFUSALS = 40;

function isRequestTooLarge(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded';
}

/**
 * Applies `ops` in order and syncs whenever the next one would push the request past `budget`
 * bytes, then once at the end. A request refused as too large is cut into pieces of at most half
 * its estimate and sent again (later chunks get that smaller budget too); an operation refused
 * alone is skipped when skippable, else an error. When an error stops the run after some requests went through, `partial` is added to the
 * message, so the user knows the work is half done.
 */
export async function runChunked(
  ctx: Excel.RequestContext,
  ops: QueuedOp[],
  budget: number | RequestBudget,
  doing: Doing,
  partial?: Doing,
): Promise<ChunkedRun> {
  const limit: RequestBudget = typeof budget === 'number' ? { bytes: budget } : budget;
  let syncs = 0;
  let applied = 0;
  let refusals = 0;
  const skipped: QueuedOp[] = [];

  const fail = (err: unknown): OfficeOpError => {
    const e = officeError(err, doing);
    if (!partial || applied === 0) return e;
    return new OfficeOpError(`${e.message} ${partial.vi}`, `${e.messageEn} ${partial.en}`, e.code, e.cause);
  };

  const send = async (batch: QueuedOp[]): Promise<void> => {
    for (const op of batch) op.apply();
    try {
      syncs++;
      await ctx.sync();
      applied += batch.length;
      return;
    } catch (err) {
      if (!isRequestTooLarge(err)) throw fail(err);
      // Excel applied none of it: safe to send again in smaller pieces.
      if (++refusals > MAX_REFUSALS) throw fail(err);
      if (batch.length === 1) {
        if (!batch[0].skippable) throw fail(err);
        skipped.push(batch[0]);
        return;
      }
      // Our estimate was too low for this host: at most half of it per request from here on.
      const estimate = batch.reduce((n, op) => n + op.bytes, 0);
      limit.bytes = Math.max(1, Math.min(limit.bytes, Math.floor(estimate / 2)));
      await sendAll(batch, true);
    }
  };

  /** Sends `list` in chunks under the budget (in two at least when `split`). */
  const sendAll = async (list: QueuedOp[], split: boolean): Promise<void> => {
    const most = split ? Math.ceil(list.length / 2) : list.length;
    let i = 0;
    while (i < list.length) {
      let j = i;
      let acc = 0;
      while (j < list.length && (j === i || (acc + list[j].bytes <= limit.bytes && j - i < most))) acc += list[j++].bytes;
      await send(list.slice(i, j));
      i = j;
    }
  };

  await sendAll(ops, false);
  return { syncs, skipped };
}
