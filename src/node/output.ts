/**
 * Writing a command's output file safely: never onto one of its inputs (by any name: a symlink, a
 * hard link, a symlinked folder), never into a FIFO, folder or device, and never half-written
 * (a temporary file in the same folder, renamed into place once complete).
 */
import { constants as fsConstants, promises as fs, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileKind } from './files';

/** The output cannot be written there: the reason in Vietnamese and English. */
export class OutputRefused extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
    this.name = 'OutputRefused';
  }
}

/** Where the output goes, once checked. */
export interface OutputTarget {
  /** The path as given (for messages). */
  given: string;
  /** The physical path written: symlinks resolved, so the check and the write see the same file. */
  path: string;
  /** The permissions of the file replaced, kept on the new one. */
  mode?: number;
}

/** The inputs by physical path and by device and inode (hard links have one inode, many names). */
export interface InputIds {
  real: Map<string, string>;
  ids: Map<string, string>;
}

const idOf = (st: BigIntStats): string | null => (st.ino === 0n ? null : `${st.dev}:${st.ino}`);

/** The identities of the inputs that exist (a missing one cannot be overwritten by name alone). */
export async function inputIds(inputs: readonly string[]): Promise<InputIds> {
  const real = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const file of inputs) {
    real.set(path.resolve(file), file);
    try {
      real.set(await fs.realpath(file), file);
      const id = idOf(await fs.stat(file, { bigint: true }));
      if (id) ids.set(id, file);
    } catch {
      // Missing or unreadable: reported as such by the check, and not written over.
    }
  }
  return { real, ids };
}

/** The physical path of `p`, which may not exist yet: its nearest existing folder resolved, the rest appended. */
async function physicalPath(p: string): Promise<string> {
  const tail: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(await fs.realpath(cur), ...tail);
    } catch (e) {
      const parent = path.dirname(cur);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === cur) throw e;
      tail.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

async function lstatOrNull(p: string): Promise<BigIntStats | null> {
  try {
    return await fs.lstat(p, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function refuseIfInput(given: string, st: BigIntStats | null, real: string, inputs: InputIds): void {
  const id = st && idOf(st);
  const input = (id ? inputs.ids.get(id) : undefined) ?? inputs.real.get(real);
  if (input !== undefined) {
    throw new OutputRefused(
      `Tệp kết quả "${given}" chính là tệp đầu vào "${input}" (cùng một tệp, có thể qua liên kết); ghi vào đó sẽ xoá mất tệp đầu vào. Hãy chọn tên khác.`,
      `The output "${given}" is the input "${input}" (the same file, perhaps through a link); writing it would destroy that input. Choose another name.`,
    );
  }
}

/**
 * Checks `--out`: a new name or an existing regular file, and none of `inputs` under any name.
 * Throws OutputRefused; nothing is created. A path that cannot even be looked at (its folder is a
 * file, no permission) is no input either: it is given back as is, for the write to fail on it.
 */
export async function checkOutput(given: string, inputs: InputIds, shown = given): Promise<OutputTarget> {
  const abs = path.resolve(given);
  let st: BigIntStats | null;
  let real: string;
  try {
    st = await lstatOrNull(abs);
    if (st?.isSymbolicLink()) {
      st = await fs.stat(abs, { bigint: true }).catch(() => {
        throw new OutputRefused(
          `Tệp kết quả "${shown}" là một liên kết tượng trưng không trỏ tới tệp nào. Hãy chọn tên khác.`,
          `The output "${shown}" is a broken symbolic link. Choose another name.`,
        );
      });
    }
    if (st && !st.isFile()) {
      const kind = fileKind(st);
      throw new OutputRefused(
        `Tệp kết quả "${shown}" ${kind.vi}; chỉ ghi được vào một tệp thông thường hoặc một tên mới.`,
        `The output "${shown}" ${kind.en}; only a regular file or a new name can be written.`,
      );
    }
    real = st ? await fs.realpath(abs) : await physicalPath(abs);
  } catch (e) {
    if (e instanceof OutputRefused) throw e;
    return { given: shown, path: abs };
  }
  refuseIfInput(shown, st, real, inputs);
  return { given: shown, path: real, mode: st ? Number(st.mode & 0o7777n) : undefined };
}

/** A name for the temporary file beside the output: hidden, and not named like a workbook. */
function tempName(dir: string): string {
  return path.join(dir, `.dien-hinh-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Exclusive create: never an existing file, nor through a symlink planted at the name. */
const CREATE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL;

/**
 * Writes `pieces` (gathered writes: no joined copy) to a temporary file in the target's folder, then
 * renames it over the target: a failure leaves the target as it was, and the temporary file is
 * removed. The target is checked again just before the rename (it may have changed meanwhile).
 */
export async function writeOutput(target: OutputTarget, pieces: Uint8Array[], inputs: InputIds): Promise<void> {
  const dir = path.dirname(target.path);
  await fs.mkdir(dir, { recursive: true });
  const tmp = tempName(dir);
  const handle = await fs.open(tmp, CREATE_FLAGS, 0o666);
  let open = true;
  try {
    let rest = pieces;
    while (rest.length > 0) {
      const { bytesWritten } = await handle.writev(rest);
      rest = remaining(rest, bytesWritten);
    }
    if (target.mode !== undefined) {
      try {
        await handle.chmod(target.mode);
      } catch {
        // Some file systems keep no modes: the umask's default then.
      }
    }
    open = false;
    await handle.close();
    const now = await checkOutput(target.path, inputs, target.given);
    if (now.path !== target.path) {
      throw new OutputRefused(`Tệp kết quả "${target.given}" vừa bị thay đổi trong khi ghi.`, `The output "${target.given}" changed while it was written.`);
    }
    await fs.rename(tmp, target.path);
  } catch (e) {
    if (open) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** The pieces after the first `n` bytes (a short write leaves the rest to write again). */
function remaining(pieces: Uint8Array[], n: number): Uint8Array[] {
  let i = 0;
  while (i < pieces.length && n >= pieces[i].length) n -= pieces[i++].length;
  if (i >= pieces.length) return [];
  if (n === 0 && i === 0 && pieces[0].length > 0) throw new Error('nothing written');
  return [pieces[i].subarray(n), ...pieces.slice(i + 1)];
}
