/** Messages between the task pane and its engine worker. */
import type { EngineProgress, OpName, RequestOf } from './ops';

/** A job: one operation of ops.ts and its request (one message type per operation, derived). */
export type JobMessage = { [K in OpName]: { id: number; op: K; request: RequestOf<K> } }[OpName];

/** An error as it crosses the worker boundary: what errorText() shows (message, messageEn, info). */
export interface SerializedError {
  name: string;
  message: string;
  messageEn?: string;
  info?: { code?: string; message?: string; messageEn?: string };
  stack?: string;
}

export type WorkerReply =
  /** The worker has started and runs this build's code: sent once, before anything else. */
  | { kind: 'ready' }
  | { kind: 'progress'; id: number; progress: EngineProgress }
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; messageEn?: unknown; info?: unknown; stack?: unknown };
    const out: SerializedError = {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(err),
    };
    if (typeof e.messageEn === 'string') out.messageEn = e.messageEn;
    if (e.info && typeof e.info === 'object') {
      const i = e.info as Record<string, unknown>;
      out.info = {
        code: typeof i.code === 'string' ? i.code : undefined,
        message: typeof i.message === 'string' ? i.message : undefined,
        messageEn: typeof i.messageEn === 'string' ? i.messageEn : undefined,
      };
    }
    if (typeof e.stack === 'string') out.stack = e.stack;
    return out;
  }
  return { name: 'Error', message: String(err) };
}

/** Back to an Error on the page, keeping the fields the pane shows. */
export function deserializeError(s: SerializedError): Error {
  const err = new Error(s.message) as Error & { messageEn?: string; info?: SerializedError['info'] };
  err.name = s.name;
  if (s.messageEn) err.messageEn = s.messageEn;
  if (s.info) err.info = s.info;
  if (s.stack) err.stack = s.stack;
  return err;
}

/** The buffers of a result, moved to the page rather than copied (a workbook can be megabytes). */
export function transferablesOf(value: unknown): Transferable[] {
  return value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer
    ? [value.buffer]
    : [];
}
