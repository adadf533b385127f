import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import type { ApiResult } from '@shared/api/errors';
import { tempDir } from '../support/temp';
import { enrollNew } from '../support/register';

// Sign-in, roles and abuse through the real API (real scrypt hashes, real sessions, real audit log).

let dir: string;
let cleanup: () => void;
let core: AppCore;
let now: Date;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  now = new Date('2026-11-15T02:00:00Z');
  core = createAppCore({
    dbPath: join(dir, 'so.sqlite'),
    appVersion: 'test',
    shell: 'browser-harness',
    clock: () => now,
  });
});
afterEach(() => {
  core.close();
  cleanup();
});

const call = async (channel: string, input: unknown, client = 'a') =>
  (await core.call(channel, input, client)) as ApiResult<Record<string, unknown>>;
const audit = (action: string) =>
  core
    .store!.sqlite.prepare('SELECT user_name, detail_json FROM audit_log WHERE action = ? ORDER BY id')
    .all(action) as Array<{ user_name: string; detail_json: string | null }>;

async function setUp() {
  expect(await call('auth.state', {})).toMatchObject({
    ok: true,
    value: { state: 'first-run', user: null, idleMinutes: 10 },
  });
  expect(
    await call('auth.firstRun', { username: 'ChuTich', fullName: 'Nguyễn Văn Ơn', password: 'mat-khau-quan-tri' }),
  ).toMatchObject({
    ok: true,
    value: { state: 'signed-in', user: { username: 'chutich', role: 'admin' } },
  });
  expect(
    await call('users.create', {
      username: 'canbo',
      fullName: 'Trần Thị Hường',
      role: 'officer',
      password: 'mat-khau-can-bo',
    }),
  ).toMatchObject({ ok: true });
  expect(await call('auth.logout', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });
}

describe('sign-in and roles', () => {
  it('only named users get in; the first run happens once; every sign-in is on record', async () => {
    expect(await call('settings.getOffice', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await setUp();
    expect(
      await call('auth.firstRun', { username: 'kegian', fullName: 'Kẻ gian', password: 'mat-khau-ke-gian' }, 'b'),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const wrong = await call('auth.login', { username: 'canbo', password: 'sai-mat-khau' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    expect(audit('auth.login.failed')).toEqual([{ user_name: 'canbo', detail_json: '{"reason":"wrong-password"}' }]);
    expect(await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' })).toMatchObject({
      ok: true,
      value: { state: 'signed-in', user: { role: 'officer' } },
    });
    expect(audit('auth.login').map((a) => a.user_name)).toEqual(['canbo']);
    // Another client (another window or browser) is not signed in by this.
    expect(await call('settings.getOffice', {}, 'b')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a role without the right is refused at the API, with a Vietnamese message, and it is logged', async () => {
    await setUp();
    await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' });
    expect(await call('users.list', {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Vai trò «Cán bộ chính sách» không được phép thực hiện thao tác này.' },
    });
    expect(
      await call('settings.saveOffice', {
        unitName: 'X',
        parentBody: '',
        placeName: 'X',
        province: 'X',
        chairmanName: '',
        officerName: '',
        reportRecipients: [],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(audit('access.denied').map((a) => JSON.parse(a.detail_json!).channel)).toEqual([
      'users.list',
      'settings.saveOffice',
    ]);
    // What the role may do works, and names the acting user in the audit entry.
    expect(await call('register.enroll', enrollNew({ birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'))).toMatchObject(
      { ok: true },
    );
    expect(audit('decision.grant').map((a) => a.user_name)).toEqual(['canbo']);
  });

  it('the administrator changes a role: audited, the person is signed out and comes back with the new role; the last administrator cannot be demoted', async () => {
    await setUp();
    await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, 'officer');
    await call('auth.login', { username: 'chutich', password: 'mat-khau-quan-tri' });
    const users = ((await call('users.list', {})) as unknown as { value: Array<{ id: number; username: string }> })
      .value;
    const officer = users.find((u) => u.username === 'canbo')!;
    const admin = users.find((u) => u.username === 'chutich')!;

    // Only an administrator: the officer's own call is refused by main, and logged.
    expect(await call('users.setRole', { id: officer.id, role: 'admin' }, 'officer')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('users.list', {})).toMatchObject({ ok: true });
    expect(audit('access.denied').map((a) => JSON.parse(a.detail_json!).channel)).toEqual(['users.setRole']);

    // Officer → accountant: recorded before/after; their session ends; at the next sign-in they are accountant.
    expect(await call('users.setRole', { id: officer.id, role: 'accountant' })).toMatchObject({
      ok: true,
      value: { username: 'canbo', role: 'accountant' },
    });
    const entries = core
      .store!.sqlite.prepare(
        "SELECT user_name, entity_id, before_json, after_json FROM audit_log WHERE action = 'user.setRole'",
      )
      .all() as Array<Record<string, string>>;
    expect(entries).toEqual([
      {
        user_name: 'chutich',
        entity_id: String(officer.id),
        before_json: '{"role":"officer"}',
        after_json: '{"role":"accountant"}',
      },
    ]);
    expect(await call('settings.getOffice', {}, 'officer')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, 'officer')).toMatchObject({
      ok: true,
      value: { user: { role: 'accountant' } },
    });
    // A bad role is refused in Vietnamese, nothing changed.
    expect(await call('users.setRole', { id: officer.id, role: 'boss' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('users.setRole', { id: 9999, role: 'officer' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy người dùng này.' },
    });

    // The only active administrator cannot be demoted (not even by themselves): nothing changes.
    const refused = await call('users.setRole', { id: admin.id, role: 'officer' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((refused as { error: { message: string } }).error.message).toContain('quản trị hệ thống duy nhất');
    expect(core.store!.sqlite.prepare('SELECT role FROM users WHERE id = ?').pluck().get(admin.id)).toBe('admin');
    // With a second administrator, the first may hand over.
    expect(await call('users.setRole', { id: officer.id, role: 'admin' })).toMatchObject({
      ok: true,
      value: { role: 'admin' },
    });
    expect(await call('users.setRole', { id: admin.id, role: 'approver' })).toMatchObject({
      ok: true,
      value: { role: 'approver' },
    });
    // …and now the former officer is the last administrator.
    expect(await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, 'officer')).toMatchObject({
      ok: true,
      value: { user: { role: 'admin' } },
    });
    expect(await call('users.setRole', { id: officer.id, role: 'officer' }, 'officer')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      core.store!.sqlite.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1").pluck().get(),
    ).toBe(1);
  });

  it('a disabled user cannot sign in, and is signed out at once', async () => {
    await setUp();
    await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, 'officer');
    await call('auth.login', { username: 'chutich', password: 'mat-khau-quan-tri' });
    const officer = (
      (await call('users.list', {})) as { value: unknown } as { value: Array<{ id: number; username: string }> }
    ).value.find((u) => u.username === 'canbo')!;
    expect(await call('users.setActive', { id: officer.id, active: false })).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect(await call('people.search', {}, 'officer')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' }, 'officer')).toMatchObject({
      ok: false,
      error: { message: 'Tài khoản này đã bị vô hiệu hoá. Liên hệ quản trị hệ thống.' },
    });
  });

  it('locks after the idle time; unlocking needs the same password; the session survives it', async () => {
    await setUp();
    await call('auth.login', { username: 'canbo', password: 'mat-khau-can-bo' });
    now = new Date(now.getTime() + 11 * 60_000);
    expect(await call('people.search', {})).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', message: expect.stringContaining('đã khoá') },
    });
    expect(await call('auth.state', {})).toMatchObject({
      ok: true,
      value: { state: 'locked', user: { username: 'canbo' } },
    });
    // A wrong password is an error on the field; the session stays (locked) and the next try works.
    expect(await call('auth.unlock', { password: 'sai' })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Mật khẩu đang dùng không đúng.',
        issues: [{ path: 'password', message: 'Mật khẩu không đúng.' }],
      },
    });
    expect(await call('auth.state', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await call('auth.unlock', { password: 'mat-khau-can-bo' })).toMatchObject({
      ok: true,
      value: { state: 'signed-in' },
    });
    expect(await call('people.search', {})).toMatchObject({ ok: true });

    // Changing one's password: a wrong current one is an error on that field, still signed in.
    expect(
      await call('auth.changePassword', { currentPassword: 'sai', newPassword: 'mat-khau-moi-123' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'currentPassword' }] },
    });
    expect(await call('auth.state', {})).toMatchObject({ ok: true, value: { state: 'signed-in' } });
  });

  it('refuses oversized input and names a tampered audit entry', async () => {
    await setUp();
    await call('auth.login', { username: 'chutich', password: 'mat-khau-quan-tri' });
    expect(
      await call('users.create', {
        username: 'x'.repeat(500),
        fullName: 'A',
        role: 'officer',
        password: 'mat-khau-dai-du',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('auth.login', { username: 'a', password: 'p'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
    core.store!.sqlite.exec(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_name = 'nguoi-khac' WHERE id = 2",
    );
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, value: { ok: false, firstBrokenId: 2 } });
  });
});
