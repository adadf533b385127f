import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core';
import { unsafeLocationOf } from '../../main/services/backup/location';

// The live register is never run from a USB stick or a network drive.

const local = () => 0xef53; // ext4

describe('unsafeLocationOf', () => {
  it('Windows: UNC paths are network drives; local drive letters and long local paths are fine', () => {
    expect(unsafeLocationOf('\\\\may-chu\\chung\\so-an-sinh.sqlite', 'win32')).toBe('network');
    expect(unsafeLocationOf('//may-chu/chung/so-an-sinh.sqlite', 'win32')).toBe('network');
    expect(unsafeLocationOf('\\\\?\\UNC\\may-chu\\chung\\so.sqlite', 'win32')).toBe('network');
    expect(unsafeLocationOf('C:\\Users\\canbo\\AppData\\Roaming\\Sổ An Sinh\\so-an-sinh.sqlite', 'win32')).toBeUndefined();
    expect(unsafeLocationOf('\\\\?\\C:\\Users\\canbo\\so.sqlite', 'win32')).toBeUndefined();
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
    expect(core.dbStatus).toMatchObject({ state: 'error', code: 'UNSAFE_LOCATION', message: expect.stringContaining('đang nằm trên USB, thẻ nhớ hoặc ổ mạng') });
    expect(await core.call('settings.getOffice', {})).toMatchObject({ ok: false, error: { code: 'DB_UNAVAILABLE' } });
    expect(await core.call('backup.recoveryList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync('/media/usb-thu-nghiem-so-an-sinh')).toBe(false);
    core.close();
  });
});
