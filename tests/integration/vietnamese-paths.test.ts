import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptFile } from '../../main/services/backup/format';
import { makeAutoBackup } from '../../main/services/backup/auto';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// Windows realities: a ward PC's user name, data folder and USB folders carry Vietnamese letters
// (C:\Users\Nguyễn Thị Hường\AppData\Roaming\Sổ An Sinh\, "Dữ liệu Phường Đông", "Báo cáo gửi tỉnh").
// The register, automatic and manual backups (plain and encrypted), their check, the register export and
// the province export all work there, with real files.

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('so-an-sinh-tiếng-việt-'));
  // NFC and NFD spellings of the same name are different folders on Linux: use NFC, as Windows shows it.
  const home = join(dir, 'Nguyễn Thị Hường', 'AppData', 'Roaming', 'Sổ An Sinh', 'Dữ liệu Phường Đông');
  mkdirSync(home, { recursive: true });
  core = testCore(home, '2026-11-15T09:00:00+07:00', 'sổ-an-sinh.sqlite');
});
afterEach(() => {
  core.close();
  cleanup();
});

describe('paths with Vietnamese letters', () => {
  it('register, backups (automatic, plain, encrypted), their check, and both exports', async () => {
    expect(core.dbStatus.state).toBe('ok');
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Đặng Thị Ánh', birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'),
    );

    // The automatic backup beside the register (sao-luu/).
    const auto = await makeAutoBackup(
      core.store!.sqlite,
      join(dir, 'Nguyễn Thị Hường', 'AppData', 'Roaming', 'Sổ An Sinh', 'Dữ liệu Phường Đông', 'sổ-an-sinh.sqlite'),
      'manual',
      new Date('2026-11-15T02:00:00Z'),
    );
    expect(auto.path).toContain('Dữ liệu Phường Đông');

    // Manual backups to a USB folder, plain and encrypted; each one checks and reads back.
    const usb = join(dir, 'USB Phường Đông', 'Sao lưu tháng 11');
    mkdirSync(usb, { recursive: true });
    core.as('admin');
    const plain = await core.job('backup.create', { folder: usb });
    const sealed = await core.job('backup.create', { folder: usb, passphrase: 'Phường Đông giữ sổ 2026' });
    expect(readdirSync(usb).sort()).toEqual([plain.fileName, sealed.fileName].sort());
    expect(await core.ok('backup.inspect', { path: plain.path })).toMatchObject({ people: 1 });
    expect(await core.ok('backup.inspect', { path: sealed.path, passphrase: 'Phường Đông giữ sổ 2026' })).toMatchObject(
      { people: 1, encrypted: true },
    );
    expect(await core.ok('backup.inspect', { path: auto.path })).toMatchObject({ people: 1 });

    // The register export (the renderer saves the bytes where the officer chooses).
    core.as('officer');
    const exported = await core.job('register.export', { passphrase: 'Phường Đông giữ sổ 2026' });
    const saved = join(dir, 'USB Phường Đông', exported.fileName);
    writeFileSync(saved, Buffer.from(exported.contentBase64, 'base64'));
    await decryptFile(saved, `${saved}.xlsx`, 'Phường Đông giữ sổ 2026');
    expect(readFileSync(`${saved}.xlsx`).subarray(0, 2).toString('latin1')).toBe('PK');

    // The province export into a folder named in Vietnamese.
    const province = join(dir, 'USB Phường Đông', 'Báo cáo gửi tỉnh');
    mkdirSync(province, { recursive: true });
    const r = await core.job('reports.exportProvince', {
      month: '2026-11',
      folder: province,
      reports: ['noncash'],
      clear: true,
    });
    expect(r.verified).toBe(true);
    expect(r.folder.startsWith(province)).toBe(true);
    expect(readdirSync(r.folder)).toContain('manifest.json');
  });
});
