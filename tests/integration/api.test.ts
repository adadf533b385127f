import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import { dispatch } from '../../main/api/dispatch';
import { NOBODY, type HandlerContext } from '../../main/api/context';
import { handlers, type HandlerTable } from '../../main/api/handlers';
import { verifyAuditChain } from '../../main/services/audit';
import type { OfficeSettings } from '@shared/api/settings';
import { sha256File, tempDir } from '../support/temp';
import { seedTestUsers } from '../support/register';
import { Sessions } from '../../main/services/auth/sessions';
import { auditedWrite, getJob } from '../../main/jobs';

let dir: string;
let cleanup: () => void;
let cores: AppCore[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  cores.forEach((c) => c.close());
  cores = [];
  cleanup();
});

/** A core on a temp file with the test users, signed in as the administrator (office settings are theirs). */
const start = (name = 'so.sqlite') => {
  const core = createAppCore({ dbPath: join(dir, name), appVersion: 'test', shell: 'browser-harness' });
  cores.push(core);
  if (core.store) core.signInInProcess('local', seedTestUsers(core).admin);
  return core;
};

const office: OfficeSettings = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Ơn',
  deputyChairmanName: '',
  officerName: 'Trần Thị Hường',
  reportRecipients: [
    { name: 'Sở Y tế tỉnh Lâm Đồng', scope: 'BTXH' },
    { name: 'Sở Nội vụ tỉnh Lâm Đồng', scope: 'NCC' },
  ],
};

const auditCount = (core: AppCore) =>
  (core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the API over the core', () => {
  it('saves office settings, audits the change, and shows them again after a restart', async () => {
    const core = start();
    expect(await core.call('settings.getOffice', {})).toEqual({
      ok: true,
      value: expect.objectContaining({ unitName: '' }),
    });
    // Untidy input is normalised (NFC, single spaces) before it is stored.
    const messy = { ...office, unitName: '  UBND  phường Đức Nghĩa ', chairmanName: 'Nguyễn Văn Ơn'.normalize('NFD') };
    expect(await core.call('settings.saveOffice', messy)).toEqual({ ok: true, value: office });
    const entry = core.store!.sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<
      string,
      string
    >;
    expect(entry.action).toBe('settings.office.save');
    expect(entry.user_name).toBe('admin');
    expect(JSON.parse(entry.after_json!)).toEqual({
      ...office,
      validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(JSON.parse(entry.before_json!).unitName).toBe('');
    core.close();

    const again = start();
    expect(await again.call('settings.getOffice', {})).toEqual({ ok: true, value: office });
    expect(verifyAuditChain(again.store!)).toEqual({ ok: true, entries: 1 });
  });

  it('answers an unknown channel with a typed Vietnamese error', async () => {
    const core = start();
    const result = await core.call('people.deleteEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: expect.stringContaining('không tồn tại') },
    });
    for (const bad of [undefined, null, 42, {}, '__proto__', 'constructor', 'toString']) {
      expect(await core.call(bad, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('rejects invalid input field by field, in Vietnamese, and stores nothing', async () => {
    const core = start();
    const result = await core.call('settings.saveOffice', { ...office, unitName: '   ', province: 12 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    const paths = result.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['unitName', 'province']));
    expect(result.error.issues!.find((i) => i.path === 'unitName')!.message).toBe('Tên đơn vị: không được để trống.');
    expect(auditCount(core)).toBe(0);
    expect(await core.call('settings.getOffice', {})).toMatchObject({ ok: true, value: { unitName: '' } });

    const tooLong = await core.call('settings.saveOffice', { ...office, unitName: 'x'.repeat(201) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await core.call('app.info', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.call('settings.saveOffice', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('rolls a command back when it writes no audit entry, or throws after writing', async () => {
    const core = start();
    const sessions = new Sessions(60_000);
    sessions.signIn('t', { id: 1, username: 'admin', fullName: 'Quản trị', role: 'admin' }, Date.now());
    const base = {
      store: core.store,
      user: NOBODY,
      now: new Date(),
      app: {
        appName: 'x',
        appVersion: 't',
        build: { appVersion: 't', buildDate: 'dev', schemaVersion: 0 },
        shell: 'browser-harness' as const,
        db: core.dbStatus,
      },
      client: 't',
      sessions,
    };
    const unaudited: HandlerTable = {
      ...handlers,
      'settings.saveOffice': (ctx, input) => {
        ctx.store.sqlite
          .prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('office', ?, 'now')")
          .run(JSON.stringify(input));
        return input;
      },
    };
    const r1 = await dispatch(base, 'settings.saveOffice', office, unaudited);
    expect(r1).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const throwing: HandlerTable = {
      ...handlers,
      'settings.saveOffice': (ctx, input) => {
        handlers['settings.saveOffice'](ctx, input);
        throw new Error('after the write');
      },
    };
    const r2 = await dispatch(base, 'settings.saveOffice', office, throwing);
    expect(r2).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('chưa được lưu') },
    });
    expect(core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 });
    expect(auditCount(core)).toBe(0);
  });

  it('keeps working for status calls when the file cannot be opened, and refuses the rest clearly', async () => {
    const path = join(dir, 'bad.sqlite');
    writeFileSync(path, 'not a database at all');
    const before = sha256File(path);
    const core = start('bad.sqlite');
    const info = await core.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { db: { state: 'error', code: 'NOT_SQLITE' } } });
    const settings = await core.call('settings.getOffice', {});
    expect(settings).toMatchObject({
      ok: false,
      error: { code: 'DB_UNAVAILABLE', message: expect.stringContaining('không phải là tệp dữ liệu') },
    });
    expect(await core.call('settings.saveOffice', office)).toMatchObject({
      ok: false,
      error: { code: 'DB_UNAVAILABLE' },
    });
    expect(sha256File(path)).toBe(before);
  });

  it("gives query handlers a read-only handle: a query's write fails and changes nothing; job channels and audited writes still write", async () => {
    const path = join(dir, 'so.sqlite');
    const table: HandlerTable = {
      ...handlers,
      // A query that writes right away, and one that writes after an await (a toggle around the call would miss it).
      'settings.getOffice': (ctx) => {
        ctx.store.sqlite
          .prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('office', '{}', 'now')")
          .run();
        return office;
      },
      'settings.getSecurity': (async (ctx: HandlerContext) => {
        await new Promise((resolve) => setImmediate(resolve));
        ctx.store.prepare("UPDATE users SET full_name = 'Đã sửa' WHERE id = 1").run();
      }) as unknown as HandlerTable['settings.getSecurity'],
      // A query that records a print: the audited write reaches the writer (as forms.authorization's does).
      'users.list': (ctx) => {
        auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
          audit({ action: 'forms.authorization', entity: 'authorization', detail: { pages: 1 } }),
        );
        return [];
      },
    };
    const core = createAppCore({ dbPath: path, appVersion: 'test', shell: 'browser-harness', handlerTable: table });
    cores.push(core);
    core.signInInProcess('local', seedTestUsers(core).admin);
    const db = core.store!.sqlite;
    const state = () => ({
      settings: db.prepare('SELECT * FROM settings ORDER BY key').all(),
      users: db.prepare('SELECT id, full_name FROM users ORDER BY id').all(),
      audit: auditCount(core),
    });
    const before = state();

    for (const channel of ['settings.getOffice', 'settings.getSecurity'] as const) {
      const r = await core.call(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      // Not the read-only-disk message: the file itself is writable.
      expect(r.ok ? '' : r.error.message).not.toMatch(/chỉ đọc/);
    }
    expect(state()).toEqual(before);

    expect(await core.call('users.list', {})).toEqual({ ok: true, value: [] });
    expect(auditCount(core)).toBe(before.audit + 1);

    // A job channel starts its job and the job's audited write lands (the export's audit entry).
    const started = await core.call('audit.export', {});
    expect(started.ok).toBe(true);
    const jobId = started.ok ? (started.value as { jobId: string }).jobId : '';
    await expect.poll(() => getJob(jobId).state, { timeout: 30_000 }).toBe('done');
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'audit.export'").get()).toEqual({ n: 1 });
    // A real query reads through the handle and sees what the writer has just committed.
    expect(await core.call('settings.saveOffice', office)).toMatchObject({ ok: true });
    const listed = await core.call('audit.list', { limit: 1 });
    expect(listed).toMatchObject({
      ok: true,
      value: { total: auditCount(core), rows: [{ action: 'settings.office.save' }] },
    });
  });
});
