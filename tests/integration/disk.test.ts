import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, writeSync, closeSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import type { OfficeSettings } from '@shared/api/settings';
import { isRoot, sha256File, tempDir } from '../support/temp';
import { seedTestUsers } from '../support/register';

// Real disks, not simulated errors: a small tmpfs that we fill up, and one remounted read-only.
// Mounting needs root (CI runs as root); elsewhere these tests are skipped and say why.

let dir: string;
let cleanup: () => void;
let mountPoint: string;
let cores: AppCore[] = [];

function mount(options: string) {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint]);
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  mountPoint = join(dir, 'disk');
  mkdirSync(mountPoint);
});
afterEach(() => {
  cores.forEach((c) => c.close());
  cores = [];
  try {
    execFileSync('umount', [mountPoint]);
  } catch {
    /* not mounted */
  }
  rmdirSync(mountPoint);
  cleanup();
});

const start = (path: string) => {
  const core = createAppCore({ dbPath: path, appVersion: 'test', shell: 'browser-harness' });
  cores.push(core);
  if (core.store) core.signInInProcess('local', seedTestUsers(core).admin);
  return core;
};

const office = (suffix: string): OfficeSettings => ({
  unitName: `UBND phường Đức Nghĩa ${suffix}`,
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Ơn',
  deputyChairmanName: '',
  officerName: '',
  reportRecipients: Array.from({ length: 20 }, (_, i) => ({
    name: `Nơi nhận số ${i} `.padEnd(190, 'ư'),
    scope: 'BTXH',
  })),
});

describe.skipIf(!isRoot)('a full or read-only disk (needs root to mount a tmpfs)', () => {
  it('a full disk: the save is refused with a Vietnamese message and the stored data stays intact', async () => {
    mount('size=3m');
    const path = join(mountPoint, 'so.sqlite');
    const core = start(path);
    expect(core.dbStatus.state).toBe('ok');
    expect(await core.call('settings.saveOffice', office('A'))).toMatchObject({ ok: true });
    // Fill every remaining byte of the disk.
    const filler = join(mountPoint, 'filler.bin');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, block);
    } catch {
      /* ENOSPC: the disk is full */
    }
    for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, Buffer.alloc(size, 1));
      } catch {
        /* smaller pieces until nothing fits */
      }
    }
    closeSync(fd);

    let refused = 0;
    for (let i = 0; i < 30; i++) {
      const result = await core.call('settings.saveOffice', office(`B${i}`));
      if (!result.ok) {
        expect(result.error).toEqual({ code: 'DISK_FULL', message: expect.stringContaining('Ổ đĩa đã đầy') });
        refused++;
        break;
      }
    }
    expect(refused).toBe(1);
    rmSync(filler);
    // What was saved before the disk filled up is still there; the file passes its check; saving works again.
    const saved = await core.call('settings.getOffice', {});
    expect(saved.ok && (saved.value as OfficeSettings).unitName).toMatch(/^UBND phường Đức Nghĩa (A|B\d+)$/);
    expect(core.store!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await core.call('settings.saveOffice', office('C'))).toMatchObject({ ok: true });
  });

  it('a read-only disk: the register is not opened for work; the message says why; the file is unchanged', async () => {
    mount('size=8m');
    const path = join(mountPoint, 'so.sqlite');
    const first = start(path);
    expect(await first.call('settings.saveOffice', office('A'))).toMatchObject({ ok: true });
    first.store!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    cores = [];
    const before = sha256File(path);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);

    const core = start(path);
    expect(core.dbStatus).toMatchObject({ state: 'error', code: 'READ_ONLY' });
    const info = await core.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { db: { message: expect.stringContaining('chỉ cho phép đọc') } } });
    expect(await core.call('settings.saveOffice', office('B'))).toMatchObject({
      ok: false,
      error: { code: 'DB_UNAVAILABLE' },
    });
    expect(sha256File(path)).toBe(before);
  });
});
