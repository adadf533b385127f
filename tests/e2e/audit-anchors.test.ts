import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeSettings } from '@shared/api/settings';
import {
  ADMIN,
  assertBuilt,
  callFromPage,
  firstRun,
  launchBrowser,
  makeTempDir,
  runJobFromPage,
  signIn,
  startServer,
  trackProblems,
  VIEWPORT,
  type RunningServer,
} from './harness';

// A register whose audit chain was rewritten while the app was closed (triggers dropped, an entry
// deleted, every hash recomputed, triggers back): the chain verifies on its own, the anchor issued with
// a backup does not — a warning on every screen after sign-in, and in the audit page's check.

const office = (unitName: string): OfficeSettings => ({
  unitName,
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Ơn',
  deputyChairmanName: '',
  officerName: '',
  reportRecipients: [],
});

function rewriteChain(path: string, deleteId: number): void {
  const db = new Database(path);
  const triggers = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    .pluck()
    .all() as string[];
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare('DELETE FROM audit_log WHERE id = ?').run(deleteId);
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, unknown>>) {
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
  db.close();
}

describe('audit anchors on screen', () => {
  let browser: Browser;
  let server: RunningServer | undefined;
  const temp = makeTempDir();

  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await server?.stop();
    await browser?.close();
    temp.remove();
  });

  it('a chain rewritten on the file while the app was closed: a warning after sign-in and in the audit check', async () => {
    const dbPath = join(temp.dir, 'data', 'so.sqlite');
    const usb = join(temp.dir, 'usb');
    mkdirSync(usb);
    server = await startServer(dbPath);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    let page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await firstRun(page);
    expect(await callFromPage(page, 'settings.saveOffice', office('UBND phường Đức Nghĩa'))).toMatchObject({
      ok: true,
    });
    expect(await callFromPage(page, 'settings.saveOffice', office('UBND phường Phú Thủy'))).toMatchObject({ ok: true });
    const backup = await runJobFromPage<{ path: string }>(page, 'backup.create', { folder: usb });
    expect(backup.path).toContain(usb);
    await page.close();
    await server.stop();

    const db = new Database(dbPath, { readonly: true });
    const anchorSeq =
      (db
        .prepare("SELECT json_extract(detail_json, '$.anchor.seq') FROM audit_log WHERE action = 'backup.create'")
        .pluck()
        .get() as number) ?? 0;
    db.close();
    expect(anchorSeq).toBeGreaterThan(1);
    rewriteChain(dbPath, anchorSeq - 1);

    server = await startServer(dbPath);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await trackProblems(page);
    await page.goto(server.url);
    await signIn(page, ADMIN);
    await page
      .getByRole('alert')
      .filter({ hasText: `khác mốc neo số ${anchorSeq}` })
      .first()
      .waitFor();

    await page.goto(`${server.url}/#/cai-dat/nhat-ky`);
    await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await page
      .locator('.audit-verify-result')
      .filter({ hasText: `khác mốc neo số ${anchorSeq}` })
      .waitFor();
    // The chain alone would have said "intact": the page does not.
    expect(await page.getByRole('status').filter({ hasText: 'Nhật ký nguyên vẹn' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/so-an-sinh-audit-anchor-warning.png' });
    expect(problems.unexpected()).toEqual([]);
    await context.close();
  });
});
