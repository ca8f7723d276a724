/** The engine on the page's own thread: for where no worker can start (or `?engine=main`). */
import { engineFromRunner, throwIfCancelled, type Engine, type JobOptions } from './index';
import { runOp, type OpName, type RequestOf, type ResultOf } from './ops';

/** A macrotask: lets the browser paint and handle a click before the next file. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs an operation on this thread; cancellation takes effect between files. */
export async function runOnThisThread<K extends OpName>(op: K, request: RequestOf<K>, opts: JobOptions | undefined): Promise<ResultOf<K>> {
  throwIfCancelled(opts?.signal);
  const out = await runOp(op, request, {
    progress: (p) => opts?.onProgress?.(p),
    between: async () => {
      await yieldToPage();
      throwIfCancelled(opts?.signal);
    },
  });
  throwIfCancelled(opts?.signal);
  return out;
}

export const mainThreadEngine: Engine = engineFromRunner(() => 'main', runOnThisThread);
