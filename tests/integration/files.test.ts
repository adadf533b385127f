import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/errors';
import { writeFilesSafely, writeFolderSafely } from '../../main/services/files/write';
import { isRoot, tempDir } from '../support/temp';

// The safe folder writer (main/services/files/write.ts) on real folders and, as root, real full and
// read-only disks (tmpfs).

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('writeFilesSafely', () => {
  it('writes each file, returns its SHA-256, and leaves no temp files', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const source = join(dir, 'source.bin');
    writeFileSync(source, big);
    const out = join(dir, 'usb');
    mkdirSync(out);
    const written = await writeFilesSafely(out, [
      { name: 'bảng kê tháng 11.csv', data: 'Họ tên;Số tiền\nNguyễn Văn Ơn;500000\n' },
      { name: 'lon.bin', sourcePath: source },
    ]);
    expect(written.map((f) => f.name)).toEqual(['bảng kê tháng 11.csv', 'lon.bin']);
    expect(readFileSync(join(out, 'lon.bin')).equals(big)).toBe(true);
    expect(written[1]).toMatchObject({ bytes: big.length, sha256: sha(big) });
    expect(written[0]!.sha256).toBe(sha(readFileSync(join(out, 'bảng kê tháng 11.csv'))));
    expect(readdirSync(out).sort()).toEqual(['bảng kê tháng 11.csv', 'lon.bin']);
  });

  it('never overwrites by default: a second file of the same name gets " (2)"', async () => {
    await writeFilesSafely(dir, [{ name: 'a.txt', data: 'một' }]);
    const [second] = await writeFilesSafely(dir, [{ name: 'a.txt', data: 'hai' }]);
    expect(second!.name).toBe('a (2).txt');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('một');
    const refused = await failure(writeFilesSafely(dir, [{ name: 'a.txt', data: 'ba' }], { onExisting: 'fail' }));
    expect(refused.code).toBe('CONFLICT');
  });

  it('a missing folder (USB pulled out): NOT_FOUND in Vietnamese, nothing written', async () => {
    const gone = join(dir, 'usb-da-rut');
    const error = await failure(writeFilesSafely(gone, [{ name: 'a.txt', data: 'x' }]));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(
      `Không tìm thấy thư mục «${gone}» — có thể USB đã bị rút ra. Không có tệp nào được ghi.`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a read-back that does not match (a failing stick): refused, and every file of the call removed', async () => {
    const error = await failure(
      writeFilesSafely(
        dir,
        [
          { name: 'a.txt', data: 'đúng' },
          { name: 'b.txt', data: 'đúng' },
        ],
        {
          beforeVerify: (path) => {
            if (path.endsWith('b.txt')) writeFileSync(path, 'sai');
          },
        },
      ),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('«b.txt» đọc lại không khớp');
    expect(error.message).toContain('Không có tệp nào được ghi');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFolderSafely', () => {
  it('writes the set into a temp folder and renames it into place', async () => {
    const { folder, files } = await writeFolderSafely(dir, 'bao-cao-2026-11', [
      { name: 'bao-cao.pdf', data: Buffer.from('%PDF-1.7') },
      { name: 'SHA256SUMS.txt', data: 'abc' },
    ]);
    expect(folder).toBe(join(dir, 'bao-cao-2026-11'));
    expect(readdirSync(dir)).toEqual(['bao-cao-2026-11']);
    expect(files.map((f) => f.path)).toEqual([join(folder, 'bao-cao.pdf'), join(folder, 'SHA256SUMS.txt')]);
    const again = await writeFolderSafely(dir, 'bao-cao-2026-11', [{ name: 'x.txt', data: '' }]);
    expect(again.folder).toBe(join(dir, 'bao-cao-2026-11 (2)'));
  });

  it('a failed verification leaves no folder at all', async () => {
    const error = await failure(
      writeFolderSafely(dir, 'bao-cao', [{ name: 'a.txt', data: 'x' }], { beforeVerify: (p) => writeFileSync(p, 'y') }),
    );
    expect(error.code).toBe('INTERNAL');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe.skipIf(!isRoot)('on a real full or read-only disk (needs root to mount a tmpfs)', () => {
  let disk: string;
  beforeEach(() => {
    disk = join(dir, 'disk');
    mkdirSync(disk);
  });
  afterEach(() => {
    try {
      execFileSync('umount', [disk]);
    } catch {
      /* not mounted */
    }
    rmdirSync(disk);
  });

  it('a full disk: DISK_FULL, and neither a file nor a temp file is left', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
    const error = await failure(writeFilesSafely(disk, [{ name: 'lon.bin', data: Buffer.alloc(2 * 1024 * 1024, 1) }]));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain('đã đầy. Không có tệp nào được ghi');
    expect(readdirSync(disk)).toEqual([]);
  });

  it('a report folder that does not fit: no folder that looks complete is left', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
    const error = await failure(
      writeFolderSafely(disk, 'bao-cao', [
        { name: '1.pdf', data: Buffer.alloc(400 * 1024, 1) },
        { name: '2.pdf', data: Buffer.alloc(400 * 1024, 1) },
        { name: '3.pdf', data: Buffer.alloc(400 * 1024, 1) },
      ]),
    );
    expect(error.code).toBe('DISK_FULL');
    expect(readdirSync(disk)).toEqual([]);
  });

  it('a read-only disk: READ_ONLY, nothing written', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', disk]);
    const error = await failure(writeFilesSafely(disk, [{ name: 'a.txt', data: 'x' }]));
    expect(error.code).toBe('READ_ONLY');
    expect(error.message).toContain('chỉ cho phép đọc');
    expect(readdirSync(disk)).toEqual([]);
  });
});
