import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core';
import {
  parseDriveType,
  unsafeLocationOf,
  windowsDriveType,
  type DriveKind,
} from '../../main/services/backup/location';

// The live register is never run from a USB stick or a network drive.

const local = () => 0xef53; // ext4

describe('unsafeLocationOf', () => {
  it('Windows: UNC paths are network drives; local drive letters and long local paths are fine', () => {
    expect(unsafeLocationOf('\\\\may-chu\\chung\\so-an-sinh.sqlite', 'win32')).toBe('network');
    expect(unsafeLocationOf('//may-chu/chung/so-an-sinh.sqlite', 'win32')).toBe('network');
    expect(unsafeLocationOf('\\\\?\\UNC\\may-chu\\chung\\so.sqlite', 'win32')).toBe('network');
    expect(
      unsafeLocationOf('C:\\Users\\canbo\\AppData\\Roaming\\Sổ An Sinh\\so-an-sinh.sqlite', 'win32'),
    ).toBeUndefined();
    expect(unsafeLocationOf('\\\\?\\C:\\Users\\canbo\\so.sqlite', 'win32')).toBeUndefined();
  });

  it('Windows: a drive letter mapped to a network share, or a removable one, is refused like a UNC path', () => {
    // What PowerShell prints for `[System.IO.DriveInfo]::new('Z:').DriveType.ToString()`, per drive:
    // recorded outputs (with Windows line ends), answered by the runner the function is given.
    const recorded: Record<string, string> = {
      Z: 'Network\r\n',
      E: 'Removable\r\n',
      D: 'Fixed\r\n',
      F: 'CDRom\r\n',
      Q: 'NoRootDirectory\r\n',
    };
    const asked: string[] = [];
    const run = (command: string) => {
      asked.push(command);
      const letter = /'([A-Z]):'/.exec(command)?.[1] ?? '';
      if (!(letter in recorded)) throw new Error('powershell.exe not found');
      return recorded[letter]!;
    };
    const drive = (letter: string) => windowsDriveType(letter, run);
    const on = (path: string) => unsafeLocationOf(path, 'win32', undefined, drive, 'C:');
    expect(on('Z:\\So An Sinh\\so-an-sinh.sqlite')).toBe('network');
    expect(on('z:/So An Sinh/so-an-sinh.sqlite')).toBe('network');
    expect(on('\\\\?\\Z:\\so.sqlite')).toBe('network');
    expect(on('E:\\Dữ liệu Phường Đông\\so-an-sinh.sqlite')).toBe('removable');
    expect(on('F:\\so.sqlite')).toBe('removable');
    expect(on('D:\\Dữ liệu Phường Đông\\so-an-sinh.sqlite')).toBeUndefined();
    expect(on('Q:\\so.sqlite')).toBeUndefined();
    // PowerShell missing or failing: treated as local, as before (the start is never blocked by the query).
    expect(on('K:\\so.sqlite')).toBeUndefined();
    // The system drive is never asked (the default data folder, %APPDATA%, lives there).
    asked.length = 0;
    expect(on('C:\\Users\\Nguyễn Thị Hường\\AppData\\Roaming\\Sổ An Sinh\\so-an-sinh.sqlite')).toBeUndefined();
    expect(asked).toEqual([]);
    expect(on('Z:\\so.sqlite')).toBe('network');
    expect(asked).toEqual(["[System.IO.DriveInfo]::new('Z:').DriveType.ToString()"]);
  });

  it('reads the drive type from PowerShell output, and nothing else', () => {
    const kinds: Array<[string, DriveKind | undefined]> = [
      ['Network\r\n', 'Network'],
      ['  Fixed  ', 'Fixed'],
      ['removable', 'Removable'],
      ['', undefined],
      ['The term powershell is not recognized', undefined],
    ];
    for (const [output, kind] of kinds) expect(parseDriveType(output), output).toBe(kind);
    expect(windowsDriveType('ZZ', () => 'Network')).toBeUndefined();
  });

  it('Linux: removable-media mount points and network file systems', () => {
    expect(unsafeLocationOf('/media/canbo/USB/so.sqlite', 'linux', local)).toBe('removable');
    expect(unsafeLocationOf('/run/media/canbo/USB/so.sqlite', 'linux', local)).toBe('removable');
    expect(unsafeLocationOf('/mnt/usb/so.sqlite', 'linux', local)).toBe('removable');
    expect(unsafeLocationOf('/home/canbo/.config/Sổ An Sinh/so.sqlite', 'linux', local)).toBeUndefined();
    expect(unsafeLocationOf('/home/canbo/mediafiles/so.sqlite', 'linux', local)).toBeUndefined();
    expect(unsafeLocationOf('/home/canbo/nfs/so.sqlite', 'linux', () => 0x6969)).toBe('network');
    expect(unsafeLocationOf('/home/canbo/smb/so.sqlite', 'linux', () => 0xff534d42)).toBe('network');
    expect(unsafeLocationOf('/home/canbo/smb/so.sqlite', 'linux', () => 0xfe534d42)).toBe('network');
  });

  it('the app refuses to start on such a path, with a Vietnamese message, and creates nothing there', async () => {
    const path = '/media/usb-thu-nghiem-so-an-sinh/so.sqlite';
    const core = createAppCore({ dbPath: path, appVersion: 'test', shell: 'browser-harness' });
    expect(core.dbStatus).toMatchObject({
      state: 'error',
      code: 'UNSAFE_LOCATION',
      message: expect.stringContaining('đang nằm trên USB, thẻ nhớ hoặc ổ mạng'),
    });
    expect(await core.call('settings.getOffice', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
    expect(await core.call('backup.recoveryList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync('/media/usb-thu-nghiem-so-an-sinh')).toBe(false);
    core.close();
  });
});
