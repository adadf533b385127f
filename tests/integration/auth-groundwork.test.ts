import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import type { Store } from '../../main/db/store';
import { hashPassword, verifyPassword } from '../../main/services/auth/passwords';
import { Sessions } from '../../main/services/auth/sessions';
import {
  authenticate,
  createFirstAdmin,
  createUser,
  firstRunNeeded,
  listUsers,
  MAX_FAILURES,
} from '../../main/services/auth/users';
import { tempDir } from '../support/temp';

// Users, passwords and sessions (the services the sign-in issue wires into the dispatcher).

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openDatabase(join(dir, 'so.sqlite'), { appVersion: 'test' }).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('passwords (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('Mật khẩu đủ dài');
    const b = await hashPassword('Mật khẩu đủ dài');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu đủ dài', a)).toBe(true);
    // NFC and NFD spellings of the same Vietnamese password are the same password.
    expect(await verifyPassword('Mật khẩu đủ dài'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dài', a)).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$bad')).toBe(false);
  });
});

describe('users', () => {
  const now = new Date('2026-11-15T02:00:00Z');

  it('first run turns the built-in account into the named administrator, once', async () => {
    expect(firstRunNeeded(store)).toBe(true);
    const admin = await createFirstAdmin(store, {
      username: 'chutich',
      fullName: 'Nguyễn Văn Ơn',
      password: 'mat-khau-1',
    });
    expect(admin).toEqual({ id: 1, username: 'chutich', fullName: 'Nguyễn Văn Ơn', role: 'admin' });
    expect(firstRunNeeded(store)).toBe(false);
    await expect(
      createFirstAdmin(store, { username: 'ke', fullName: 'Kẻ gian', password: 'mat-khau-2' }),
    ).rejects.toThrow('Đã có tài khoản quản trị');
  });

  it('locks an account after repeated failures, for longer each time, and says until when', async () => {
    await createFirstAdmin(store, { username: 'admin', fullName: 'Quản trị', password: 'mat-khau-1' });
    const id = await createUser(
      store,
      { username: 'canbo', fullName: 'Trần Thị Hường', role: 'officer', password: 'dung-mat-khau' },
      now,
    );
    expect(listUsers(store).map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['canbo', 'officer'],
    ]);
    expect(await authenticate(store, 'khongco', 'x', now)).toMatchObject({
      ok: false,
      reason: 'unknown',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    for (let i = 1; i < MAX_FAILURES; i++)
      expect(await authenticate(store, 'canbo', 'sai', now)).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(await authenticate(store, 'canbo', 'sai', now)).toMatchObject({
      ok: false,
      message: expect.stringContaining('tạm khoá 1 phút'),
    });
    // Even the right password is refused while locked.
    expect(await authenticate(store, 'canbo', 'dung-mat-khau', now)).toMatchObject({ ok: false, reason: 'locked' });
    const later = new Date(now.getTime() + 61_000);
    expect(await authenticate(store, 'canbo', 'sai', later)).toMatchObject({
      ok: false,
      message: expect.stringContaining('tạm khoá 2 phút'),
    });
    const muchLater = new Date(now.getTime() + 10 * 60_000);
    expect(await authenticate(store, 'canbo', 'dung-mat-khau', muchLater)).toEqual({
      ok: true,
      user: { id, username: 'canbo', fullName: 'Trần Thị Hường', role: 'officer' },
    });
    expect(store.prepare('SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(id)).toEqual({
      failed_attempts: 0,
      locked_until: null,
    });
  });

  it('refuses a disabled user and a taken username', async () => {
    const id = await createUser(
      store,
      { username: 'ketoan', fullName: 'Lê Văn Kế', role: 'accountant', password: 'mat-khau-ke-toan' },
      now,
    );
    await expect(
      createUser(store, { username: 'ketoan', fullName: 'Khác', role: 'officer', password: 'mat-khau-khac' }, now),
    ).rejects.toThrow('đã có người dùng');
    store.prepare('UPDATE users SET active = 0 WHERE id = ?').run(id);
    expect(await authenticate(store, 'ketoan', 'mat-khau-ke-toan', now)).toMatchObject({
      ok: false,
      reason: 'disabled',
      message: expect.stringContaining('vô hiệu hoá'),
    });
  });
});

describe('sessions', () => {
  const user = { id: 2, username: 'canbo', fullName: 'Trần Thị Hường', role: 'officer' as const };
  it('lock after the idle time, unlock keeps the same user; sign-out ends it; per client', () => {
    const sessions = new Sessions(10 * 60_000);
    sessions.signIn('ipc:1', user, 0);
    expect(sessions.current('ipc:1', 9 * 60_000)).toMatchObject({ locked: false });
    sessions.touch('ipc:1', 9 * 60_000);
    expect(sessions.current('ipc:1', 18 * 60_000)).toMatchObject({ locked: false });
    expect(sessions.current('ipc:1', 30 * 60_000)).toMatchObject({ locked: true, user });
    sessions.unlock('ipc:1', 31 * 60_000);
    expect(sessions.current('ipc:1', 31 * 60_000)).toMatchObject({ locked: false });
    expect(sessions.current('http:other', 0)).toBeUndefined();
    sessions.signOutUser(2);
    expect(sessions.current('ipc:1', 31 * 60_000)).toBeUndefined();
  });
});
