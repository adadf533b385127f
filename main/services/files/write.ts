import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { ApiError } from '@shared/api/errors';
import { logError } from '../../log';

// Writing files into a folder the user chose (a USB stick, a shared folder) so that nothing half-written
// ever looks complete, and every file that is reported written was read back and verified.
//
// HOW TO USE (bank files, reports, backups):
//
//   import { writeFilesSafely, writeFolderSafely } from '../files/write';
//
//   // One or more loose files, each atomic on its own (temp name in the folder → fsync → rename →
//   // read back and compare SHA-256). If any file fails, the ones already written by this call are removed.
//   const written = await writeFilesSafely(folder, [{ name: 'ds-chi-tra-2026-11.xlsx', data: buffer }]);
//
//   // A set that belongs together (a report folder with its manifest): written inside a hidden temp folder
//   // next to the target, verified, then the folder is renamed into place in one step.
//   const { folder: path, files } = await writeFolderSafely(parent, 'bao-cao-2026-11', [
//     { name: 'bao-cao.pdf', data: pdf }, { name: 'SHA256SUMS.txt', data: sums },
//   ]);
//
// A file's content is either `data` (Buffer or string, UTF-8) or `sourcePath` (a file on the local disk,
// streamed: for large files such as backups). Each result gives the final name, path, size and SHA-256
// (for a manifest). An existing file or folder with the same name is never overwritten unless
// `onExisting: 'replace'` (loose files only); by default a free name is taken ("ten (2).pdf").
//
// Every failure is an ApiError whose Vietnamese message says what happened and that nothing was written:
// NOT_FOUND (folder missing — USB pulled out), DISK_FULL, READ_ONLY (write-protected stick or no
// permission), INTERNAL (read-back mismatch: a failing stick). Temp files are removed on every failure.
//
// The folder comes from the user: call the 'files.pickFolder' channel (Electron's folder dialog; the
// browser harness has no dialog, so renderer/src/components/FolderPicker.tsx falls back to a text field).

export interface FileToWrite {
  /** Plain file name, no folder part. */
  name: string;
  data?: Buffer | string;
  /** Copy this local file instead of `data` (streamed, hashed on the way). */
  sourcePath?: string;
}

export interface WrittenFile {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface WriteOptions {
  onExisting?: 'rename' | 'replace' | 'fail';
  /** Called after each file is written (done, total), e.g. for a job's progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Tests only: runs after a file is in place and before it is read back (to simulate a failing stick). */
  beforeVerify?: (path: string) => Promise<void> | void;
}

const COPY_CHUNK = 1024 * 1024;

/** Writes loose files into `folder`; all of them or none. */
export async function writeFilesSafely(
  folder: string,
  files: readonly FileToWrite[],
  options: WriteOptions = {},
): Promise<WrittenFile[]> {
  assertNames(files);
  await assertFolder(folder);
  const done: WrittenFile[] = [];
  const temps: string[] = [];
  try {
    let index = 0;
    for (const file of files) {
      const temp = join(folder, tempName(file.name));
      temps.push(temp);
      const { bytes, sha256 } = await writeDurably(temp, file);
      const target = await targetName(folder, file.name, options.onExisting ?? 'rename', done);
      await rename(temp, target);
      temps.pop();
      done.push({ name: basename(target), path: target, bytes, sha256 });
      await syncFolder(folder);
      await options.beforeVerify?.(target);
      await verify(target, bytes, sha256);
      options.onProgress?.(++index, files.length);
    }
    return done;
  } catch (error) {
    await removeAll([...temps, ...done.map((f) => f.path)]);
    throw toWriteError(error, folder);
  }
}

/**
 * Writes a set of files as one new folder `parent/name`: everything goes into a hidden temp folder in
 * `parent`, is verified, and only then is the folder renamed to its final name. An interrupted write
 * leaves at most a hidden `.~…tmp` folder (removed when possible), never a folder that looks complete.
 */
export async function writeFolderSafely(
  parent: string,
  name: string,
  files: readonly FileToWrite[],
  options: Omit<WriteOptions, 'onExisting'> = {},
): Promise<{ folder: string; files: WrittenFile[] }> {
  assertNames([{ name }, ...files]);
  await assertFolder(parent);
  const temp = join(parent, tempName(name));
  let final: string | undefined;
  try {
    await mkdir(temp);
    const written: Array<Omit<WrittenFile, 'path'>> = [];
    let index = 0;
    for (const file of files) {
      const { bytes, sha256 } = await writeDurably(join(temp, file.name), file);
      written.push({ name: file.name, bytes, sha256 });
      options.onProgress?.(++index, files.length);
    }
    await syncFolder(temp);
    final = await targetName(parent, name, 'rename', []);
    await rename(temp, final);
    await syncFolder(parent);
    const result = written.map((f) => ({ ...f, path: join(final!, f.name) }));
    for (const f of result) {
      await options.beforeVerify?.(f.path);
      await verify(f.path, f.bytes, f.sha256);
    }
    return { folder: final, files: result };
  } catch (error) {
    await removeAll([temp, ...(final ? [final] : [])]);
    throw toWriteError(error, parent);
  }
}

/** Refuses a folder that is not there (USB pulled out) or not a folder, before anything is written. */
export async function assertFolder(folder: string): Promise<void> {
  if (!folder || !isAbsolute(folder)) {
    throw new ApiError(
      'INVALID_INPUT',
      `Đường dẫn thư mục «${folder}» không hợp lệ: hãy chọn một thư mục (đường dẫn đầy đủ). Không có tệp nào được ghi.`,
      [{ path: 'folder', message: 'Hãy chọn một thư mục (đường dẫn đầy đủ).' }],
    );
  }
  let isDir: boolean;
  try {
    isDir = (await stat(folder)).isDirectory();
  } catch (error) {
    throw toWriteError(error, folder);
  }
  if (!isDir) throw new ApiError('NOT_FOUND', `«${folder}» không phải là thư mục. Không có tệp nào được ghi.`);
}

const tempName = (name: string) => `.~${name}.${randomBytes(4).toString('hex')}.tmp`;

function assertNames(files: ReadonlyArray<{ name: string }>): void {
  for (const { name } of files) {
    if (!name || name !== basename(name) || name === '.' || name === '..' || /[<>:"/\\|?*\u0000-\u001f]/.test(name)) {
      throw new Error(`invalid file name for writeFilesSafely: ${JSON.stringify(name)}`);
    }
  }
}

/** Writes to `path` (which must not exist), fsyncs, and returns the size and SHA-256 of what was written. */
async function writeDurably(path: string, file: FileToWrite): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(path, 'wx');
  try {
    if (file.sourcePath !== undefined) {
      const source = await open(file.sourcePath, 'r');
      try {
        const buffer = Buffer.allocUnsafe(COPY_CHUNK);
        for (;;) {
          const { bytesRead } = await source.read(buffer, 0, COPY_CHUNK, null);
          if (bytesRead === 0) break;
          const chunk = buffer.subarray(0, bytesRead);
          await writeAll(handle, chunk);
          hash.update(chunk);
          bytes += bytesRead;
        }
      } finally {
        await source.close();
      }
    } else {
      const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : (file.data ?? Buffer.alloc(0));
      await writeAll(handle, data);
      hash.update(data);
      bytes = data.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function writeAll(handle: import('node:fs/promises').FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder for fsync and needs no such step. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle?.close();
  }
}

/** Reads the file back from the disk and compares it with what was written. */
async function verify(path: string, bytes: number, sha256: string): Promise<void> {
  const hash = createHash('sha256');
  let read = 0;
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => {
        hash.update(chunk);
        read += chunk.length;
      })
      .on('end', resolve)
      .on('error', reject);
  });
  if (read !== bytes || hash.digest('hex') !== sha256) throw new VerifyError(basename(path));
}

class VerifyError extends Error {
  constructor(readonly fileName: string) {
    super(`read-back mismatch: ${fileName}`);
  }
}

async function targetName(
  folder: string,
  name: string,
  onExisting: 'rename' | 'replace' | 'fail',
  taken: readonly WrittenFile[],
): Promise<string> {
  const entries = new Set((await readdir(folder)).map((n) => n.toLowerCase()));
  for (const t of taken) entries.add(t.name.toLowerCase());
  if (!entries.has(name.toLowerCase()) || onExisting === 'replace') return join(folder, name);
  if (onExisting === 'fail')
    throw new ApiError(
      'CONFLICT',
      `Thư mục đã có «${name}». Không có tệp nào được ghi; hãy chọn thư mục khác hoặc đổi tên tệp cũ.`,
    );
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!entries.has(candidate.toLowerCase())) return join(folder, candidate);
  }
}

async function removeAll(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    try {
      await rm(path, { recursive: true, force: true });
    } catch {
      /* the medium is gone: nothing more can be cleaned up */
    }
  }
}

/** The Vietnamese message for a write failure; every one ends by saying nothing was written. */
export function toWriteError(error: unknown, folder: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof VerifyError) {
    return new ApiError(
      'INTERNAL',
      `Tệp «${error.fileName}» đọc lại không khớp với dữ liệu vừa ghi: ổ đĩa hoặc USB có thể bị lỗi. Không có tệp nào được ghi; hãy thử ổ khác.`,
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  switch (code) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOTDIR':
    case 'EIO':
    case 'ENOMEDIUM':
      return new ApiError(
        'NOT_FOUND',
        `Không tìm thấy thư mục «${folder}» — có thể USB đã bị rút ra. Không có tệp nào được ghi.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError(
        'DISK_FULL',
        `Ổ đĩa chứa thư mục «${folder}» đã đầy. Không có tệp nào được ghi; hãy giải phóng dung lượng hoặc chọn ổ khác.`,
      );
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new ApiError(
        'READ_ONLY',
        `Không ghi được vào thư mục «${folder}»: ổ đĩa chỉ cho phép đọc (USB bị khoá ghi?) hoặc không có quyền ghi. Không có tệp nào được ghi.`,
      );
    default:
      logError('files', 'writing to the chosen folder failed', error);
      return new ApiError(
        'INTERNAL',
        `Không ghi được vào thư mục «${folder}». Không có tệp nào được ghi; hãy thử lại hoặc chọn thư mục khác.`,
      );
  }
}
