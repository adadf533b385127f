import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/api/contract';
import { verifyAuditChain } from '../../main/services/audit';
import { anchorFileOf, readAnchors } from '../../main/services/audit-anchors';
import { Store } from '../../main/db/store';
import { eachTestCoreWithUsb, enrollNew, testCore, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// The audit chain's anchors (issue 12, item 3): a chain rewritten by someone who can write the file
// (triggers dropped, rows deleted, every hash recomputed, triggers put back) verifies on its own; the
// anchors issued outside the file report it, at open and at restore.

let dir: string;
let core: TestCore;
let usb: string;
eachTestCoreWithUsb((fresh) => ({ dir, core, usb } = fresh));

const dbPath = () => join(dir, 'so.sqlite');

async function enroll(fullName: string): Promise<void> {
  core.as('officer');
  await core.ok('register.enroll', enrollNew({ fullName, birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'));
}

/** The attacker's rewrite: what a person with the file and a SQLite tool can do (audit.ts's hash, recomputed). */
function rewriteChain(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  const triggers = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    .pluck()
    .all() as string[];
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  edit(db);
  let prev = '0'.repeat(64);
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, unknown>>;
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const canonical = JSON.stringify([
      r.at,
      r.user_id,
      r.user_name,
      r.action,
      r.entity,
      r.entity_id,
      r.person_id,
      r.before_json,
      r.after_json,
      r.detail_json,
    ]);
    const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
    update.run(prev, hash, r.id);
    prev = hash;
  }
  for (const sql of triggers) db.exec(sql);
  expect(verifyAuditChain(new Store(db)), 'the rewritten chain verifies on its own').toMatchObject({ ok: true });
  db.close();
}

const info = async (c: TestCore) => {
  const r = await c.call('app.info', {});
  if (!r.ok) throw new Error('app.info failed');
  return r.value as AppInfo;
};

describe('audit anchors', () => {
  it('each issued anchor is printed or written, and recorded beside the register: payroll summary, province export, backup', async () => {
    await enroll('Nguyễn Văn An');
    core.setNow('2026-11-15T09:00:00+07:00');
    const built = await core.job('payroll.build', { month: '2026-11', programmes: ['BTXH'] });
    const payrollId = built.payrolls[0]!.id;
    await submitAndApprove(core, payrollId, 'accountant');
    const out = join(dir, 'tep-chi-tra');
    mkdirSync(out);
    await core.job('payrollFiles.export', { payrollId, files: ['summary-pdf'], folder: out });
    const pdf = readdirSync(out).find((n) => n.endsWith('.pdf'))!;
    const text = execFileSync('pdftotext', ['-layout', join(out, pdf), '-'], { encoding: 'utf8' });
    const printed = /Mốc neo nhật ký: mục số (\d+) · mã ([0-9a-f]{64})/.exec(text.replace(/\s+/g, ' '));
    expect(printed, text).not.toBeNull();
    const hashOf = (seq: number) =>
      core.store!.sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(seq);
    expect(hashOf(Number(printed![1]))).toBe(printed![2]);

    core.as('accountant');
    const exported = await core.job('reports.exportProvince', {
      month: '2026-11',
      folder: usb,
      reports: ['noncash'],
      passphrase: 'Mốc neo gửi tỉnh 2026',
    });
    const manifest = JSON.parse(readFileSync(join(exported.folder, 'manifest.json'), 'utf8')) as {
      auditAnchor: { seq: number; hash: string };
    };
    expect(hashOf(manifest.auditAnchor.seq)).toBe(manifest.auditAnchor.hash);
    expect(readFileSync(join(exported.folder, 'DOC-TOI.txt'), 'utf8')).toContain(
      `Mốc neo nhật ký: mục số ${manifest.auditAnchor.seq} · mã ${manifest.auditAnchor.hash}`,
    );

    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb, passphrase: 'mật khẩu dài 2026' });
    const bytes = readFileSync(backup.path);
    const header = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32BE(8)).toString('utf8')) as {
      N: number;
      anchor: { seq: number; hash: string };
    };
    expect(header.N).toBe(131072);
    expect(hashOf(header.anchor.seq)).toBe(header.anchor.hash);

    const { anchors, unreadable } = readAnchors(dbPath());
    expect(unreadable).toBe(false);
    expect(anchors.map((a) => [a.kind, a.seq])).toEqual([
      ['payroll-summary', Number(printed![1])],
      ['province-export', manifest.auditAnchor.seq],
      ['backup', header.anchor.seq],
    ]);
    expect((await info(core)).auditAnchors).toMatchObject({ checked: 0, problems: [] }); // checked at open, when there was none
  });

  it('a chain rewritten on the file (rows deleted, hashes recomputed, triggers back) is reported at open and by the audit check', async () => {
    await enroll('Nguyễn Văn An');
    await enroll('Trần Thị Bình');
    core.as('admin');
    await core.job('backup.create', { folder: usb }); // issues an anchor
    const anchor = readAnchors(dbPath()).anchors[0]!;
    await enroll('Lê Văn Cường');
    core.close();

    // Delete an entry before the anchor and recompute the chain.
    expect(anchor.seq).toBeGreaterThan(2);
    rewriteChain(dbPath(), (db) => db.prepare('DELETE FROM audit_log WHERE id = ?').run(anchor.seq - 1));
    core = testCore(dir);
    const opened = (await info(core)).auditAnchors!;
    expect(opened.problems).toEqual([
      { anchor: expect.objectContaining({ seq: anchor.seq, kind: 'backup' }), problem: 'DIFFERENT' },
    ]);
    expect(opened.warning).toContain(`khác mốc neo số ${anchor.seq}`);
    core.as('admin');
    const verified = await core.ok('audit.verify', {});
    expect(verified.ok).toBe(true); // the chain alone is fooled …
    expect(verified.anchors!.problems).toHaveLength(1); // … the anchor is not
    core.close();

    // Cut the log short instead: the register is shorter than its anchor.
    rewriteChain(dbPath(), (db) => db.prepare('DELETE FROM audit_log WHERE id >= ?').run(anchor.seq - 1));
    core = testCore(dir);
    expect((await info(core)).auditAnchors!.problems).toEqual([
      { anchor: expect.objectContaining({ seq: anchor.seq }), problem: 'SHORTER' },
    ]);
  });

  it('at restore: a backup whose chain was rewritten contradicts the anchors; a genuine backup contradicts a rewritten register; a normal restore and its undo warn of nothing', async () => {
    await enroll('Nguyễn Văn An');
    await enroll('Trần Thị Bình');
    core.as('admin');
    const first = await core.job('backup.create', { folder: usb });
    const anchor = readAnchors(dbPath()).anchors[0]!;
    await enroll('Lê Văn Cường');

    // A copy of the backup with an entry before the anchor deleted and the chain recomputed.
    const forged = join(usb, 'gia.sqlite');
    copyFileSync(first.path, forged);
    rewriteChain(forged, (db) => db.prepare('DELETE FROM audit_log WHERE id = ?').run(anchor.seq - 1));
    core.as('admin');
    const seen = await core.ok('backup.inspect', { path: forged });
    expect(seen.auditChain).toMatchObject({ ok: true });
    expect(seen.anchors.problems).toEqual(
      expect.arrayContaining([
        { anchor: expect.objectContaining({ seq: anchor.seq, kind: 'backup' }), problem: 'DIFFERENT' },
      ]),
    );
    expect(seen.anchors.warning).toContain('Nhật ký của bản sao lưu khác mốc neo');

    // The genuine backup: consistent with the anchors and with the register in use.
    const genuine = await core.ok('backup.inspect', { path: first.path });
    expect(genuine.anchors).toMatchObject({ problems: [] });
    expect(genuine.anchors.warning).toBeUndefined();

    // A normal restore and its undo leave no warning (the anchors newer than the backup are retired, then back).
    await core.ok('backup.restore', { path: first.path });
    expect((await info(core)).auditAnchors).toMatchObject({ problems: [] });
    await enroll('Phạm Văn Dũng');
    core.as('admin');
    await core.job('backup.create', { folder: usb });
    await core.ok('backup.undoRestore', {});
    const afterUndo = (await info(core)).auditAnchors!;
    expect(afterUndo.problems).toEqual([]);

    // Vice versa: the register in use rewritten; a genuine older backup disagrees with it.
    core.close();
    rewriteChain(dbPath(), (db) => db.prepare('DELETE FROM audit_log WHERE id = 1').run());
    core = testCore(dir);
    core.as('admin');
    const against = await core.ok('backup.inspect', { path: first.path });
    expect(against.anchors.problems).toEqual(
      expect.arrayContaining([{ anchor: expect.objectContaining({ ref: 'sổ đang dùng' }), problem: 'DIFFERENT' }]),
    );
    expect(readFileSync(anchorFileOf(dbPath()), 'utf8')).toContain('so-an-sinh-neo-nhat-ky');
  });

  it('a backup whose chain was edited without recomputing it: the preview names the first broken entry', async () => {
    await enroll('Nguyễn Văn An');
    await enroll('Trần Thị Bình');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb });
    const edited = join(usb, 'sua.sqlite');
    copyFileSync(backup.path, edited);
    const file = new Database(edited);
    file.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_name = 'ai-do' WHERE id = 2;");
    file.close();
    const seen = await core.ok('backup.inspect', { path: edited });
    expect(seen.auditChain).toMatchObject({ ok: false, firstBrokenId: 2 });
  });

  it('a record of anchors that cannot be read is reported, and never overwritten by the next anchor', async () => {
    await enroll('Nguyễn Văn An');
    core.as('admin');
    await core.job('backup.create', { folder: usb });
    core.close();
    writeFileSync(anchorFileOf(dbPath()), '{"format": "so-an-sinh-neo-nhat-ky", "anchors": [ hỏng');
    core = testCore(dir);
    expect((await info(core)).auditAnchors).toMatchObject({
      unreadable: true,
      warning: expect.stringContaining('Không đọc được tệp ghi các mốc neo'),
    });
    core.as('admin');
    await core.job('backup.create', { folder: usb });
    expect(readFileSync(anchorFileOf(dbPath()), 'utf8')).toContain('hỏng');
  });
});
