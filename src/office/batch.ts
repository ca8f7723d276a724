/// <reference types="office-js" />
/**
 * Queued writes, synced in chunks that stay under Excel on the web's 5 MB request limit: never a
 * sync per cell, never one giant request.
 */
import { officeStep, type Doing } from './errors';

export interface QueuedOp {
  /** Estimated request bytes of this operation. */
  bytes: number;
  /** Queues the operation on the context (no sync). */
  apply: () => void;
}

/** Rough request size of setting one property or calling one method. */
export const OP_OVERHEAD = 160;

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

/**
 * Applies `ops` in order and syncs whenever the next one would push the request past `budget`
 * bytes, then once at the end. Returns the number of syncs.
 */
export async function runChunked(ctx: Excel.RequestContext, ops: QueuedOp[], budget: number, doing: Doing): Promise<number> {
  let acc = 0;
  let syncs = 0;
  for (const op of ops) {
    if (acc > 0 && acc + op.bytes > budget) {
      await officeStep(doing, () => ctx.sync());
      syncs++;
      acc = 0;
    }
    op.apply();
    acc += op.bytes;
  }
  if (acc > 0) {
    await officeStep(doing, () => ctx.sync());
    syncs++;
  }
  return syncs;
}
