import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProvinceExportResult } from '@shared/api/reports';
import { formatVnd } from '@shared/domain/money';
import { provinceDataSchema } from '@shared/domain/province-data';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { certifyAllAuthorizations, enrollNew, testCore, type TestCore } from '../support/register';
import { submitAndApproveRound } from '../support/rounds';
import { tempDir } from '../support/temp';
import { execFileSync } from 'node:child_process';

// The receiving office (issue 17) on real SQLite files: two ward registers (the sample register imported
// through the import channels, and a small one built decision by decision) write their province exports
// with the ward app's own exporter; a third core in receiving mode receives them. Folders are altered
// on disk (a changed byte, a newer data version re-signed) to check the refusals.

const FIXTURES = join(__dirname, '..', 'fixtures');
const SAMPLE = readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.xlsx'));
const ALL = ['noncash', 'changes', 'form10a', 'form10c', 'form10d'] as (
  'noncash' | 'changes' | 'form10a' | 'form10c' | 'form10d'
)[];

const office = (unitName: string, wardCode: string) => ({
  unitName,
  parentBody: 'Tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  wardCode,
  reportRecipients: [{ name: 'Sở Y tế tỉnh Lâm Đồng', scope: '' }],
});

let wardDir: { dir: string; cleanup: () => void };
let wardA: TestCore;
let wardB: TestCore;
/** Folders written by the wards' exporter, copied into each test's own "USB stick". */
let exportA: string;
let exportB: string;

async function exportFolder(core: TestCore, usb: string, extra: Record<string, unknown> = {}): Promise<string> {
  mkdirSync(usb, { recursive: true });
  const r = await core.job('reports.exportProvince', {
    month: '10/2024',
    folder: usb,
    reports: ALL,
    confirmPersonalData: true,
    clear: true,
    ...extra,
  });
  return r.folder;
}

beforeAll(async () => {
  wardDir = tempDir();
  wardA = testCore(wardDir.dir, '2026-11-15T09:00:00+07:00', 'phuong-a.sqlite');
  wardA.as('admin');
  await wardA.ok('settings.saveOffice', office('UBND phường Đức Nghĩa', '22978'));
  wardA.as('officer');
  const a = await wardA.ok('import.analyze', {
    fileName: 'so-doi-tuong-phuong-mau.xlsx',
    contentBase64: SAMPLE.toString('base64'),
  });
  const config = { ...a.config, authorizationTerm: { kind: 'default' as const } };
  await wardA.ok('import.preview', { token: a.token, config });
  await wardA.job('import.commit', { token: a.token, config });
  await certifyAllAuthorizations(wardA);
  await wardA.ok('campaign.setTarget', {
    programme: 'BTXH',
    kind: 'count',
    value: 150,
    deadline: '31/12/2024',
    note: '',
  });
  // Ward A also paid a one-off round dated in the month (its export carries `rounds`); ward B has none.
  const round = await wardA.ok('rounds.create', {
    name: 'Quà Quốc khánh 2/9 bù tháng 10',
    basisNumber: '88/QĐ-UBND',
    basisDate: '01/10/2024',
    basisIssuer: 'UBND tỉnh Lâm Đồng',
    roundDate: '15/10/2024',
    rules: [
      { label: 'Người có công', programme: 'NCC', amountVnd: 500_000 },
      { label: 'Bảo trợ xã hội', programme: 'BTXH', amountVnd: 300_000 },
    ],
  });
  await submitAndApproveRound(wardA, round.round.id);
  exportA = await exportFolder(wardA, join(wardDir.dir, 'out-a'));

  wardB = testCore(wardDir.dir, '2026-11-15T09:00:00+07:00', 'phuong-b.sqlite');
  wardB.as('admin');
  await wardB.ok('settings.saveOffice', office('UBND phường Phú Thủy', '22981'));
  wardB.as('officer');
  await wardB.ok(
    'register.enroll',
    enrollNew({ fullName: 'Lê Văn Một', birthDate: '1940', citizenId: '001040000101' }, 'BTXH', 'BTXH-6D', '2024-07'),
  );
  await wardB.ok(
    'register.enroll',
    enrollNew(
      { fullName: 'Phạm Thị Hai', birthDate: '1938', gender: 'female', citizenId: '001138000102' },
      'BTXH',
      'BTXH-6D',
      '2024-10',
    ),
  );
  exportB = await exportFolder(wardB, join(wardDir.dir, 'out-b'));
}, 240_000);

afterAll(() => {
  wardA?.close();
  wardB?.close();
  wardDir?.cleanup();
});

let dir: string;
let office17: TestCore;
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  office17 = testCore(dir, '2026-11-20T09:00:00+07:00', 'tong-hop.sqlite');
  office17.as('admin');
  await office17.ok('settings.saveOffice', { ...office('Sở Y tế tỉnh Lâm Đồng', ''), wardCode: '' });
  await office17.ok('receiving.setMode', { mode: 'receiving' });
  office17.as('officer');
  return () => {
    office17.close();
    cleanup();
  };
});

const count = (table: string) =>
  office17.store!.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const auditCount = () => count('audit_log');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
/** A stick with copies of the given export folders, one sub-folder per ward. */
function stick(name: string, folders: Record<string, string>): string {
  const usb = join(dir, name);
  for (const [sub, from] of Object.entries(folders)) cpSync(from, join(usb, sub), { recursive: true });
  return usb;
}
/** Rewrites the manifest's file list and SHA256SUMS after a file was changed, as a (newer or tampering) exporter would. */
function resign(folder: string): void {
  const path = join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  for (const f of manifest.files) f.sha256 = sha(readFileSync(join(folder, f.name)));
  writeFileSync(path, JSON.stringify(manifest));
  const names = readdirSync(folder).filter((n) => n !== 'SHA256SUMS');
  writeFileSync(join(folder, 'SHA256SUMS'), names.map((n) => `${sha(readFileSync(join(folder, n)))}  ${n}\n`).join(''));
}
const nonCashData = (folder: string) => {
  const data = provinceDataSchema.parse(
    JSON.parse(readFileSync(join(folder, 'tien-do-khong-tien-mat-2024-10.json'), 'utf8')),
  );
  if (data.report !== 'noncash') throw new Error('not noncash');
  return data.data;
};
const programmeTotals = (folder: string) => nonCashData(folder).rows.filter((r) => r.groupKey === null);

describe('the ward side: a data file per report', () => {
  it('writes one JSON data file per report, listed in the manifest, under the sums, with the ward code and period', () => {
    const manifest = JSON.parse(readFileSync(join(exportA, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ wardCode: '22978', dataVersion: 1 });
    expect(manifest.reports.map((r: { dataFile: string }) => r.dataFile)).toEqual([
      'tien-do-khong-tien-mat-2024-10.json',
      'tang-giam-2024-10.json',
      'mau-10a-2024-07_2024-10.json',
      'mau-10c-2024-07_2024-10.json',
      'mau-10d-2024-07_2024-10.json',
    ]);
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: exportA });
    const rows = programmeTotals(exportA);
    // reports.md's sample figures for 10/2024: BTXH 141 of 410 non-cash, NCC 37 of 37.
    expect(rows.map((r) => [r.programme, r.total, r.nonCash, r.target])).toEqual([
      ['BTXH', 410, 141, 150],
      ['NCC', 37, 37, null],
    ]);
    // The tăng/giảm data holds counts only, never the people or their citizen IDs.
    const changes = readFileSync(join(exportA, 'tang-giam-2024-10.json'), 'utf8');
    expect(changes).not.toMatch(/\d{12}/);
    expect(changes).toContain('"increases"');
  });
});

describe('receiving', () => {
  it('receives every ward folder of a stick; the consolidated figures are the sums of the wards', async () => {
    const usb = stick('usb', { 'phuong-a': exportA, 'phuong-b': exportB });
    const r = await office17.job('receiving.receive', { folder: usb });
    expect(r).toMatchObject({ received: 2, refused: 0, already: 0, replaced: 0 });
    expect(r.folders.map((f) => [f.folder, f.status, f.wardCode])).toEqual([
      ['phuong-a', 'received', '22978'],
      ['phuong-b', 'received', '22981'],
    ]);
    const wards = await office17.ok('receiving.wards', {});
    expect(wards.map((w) => [w.code, w.name, w.exports])).toEqual([
      ['22978', 'UBND phường Đức Nghĩa', 1],
      ['22981', 'UBND phường Phú Thủy', 1],
    ]);
    const v = await office17.ok('receiving.consolidate', { month: '10/2024' });
    const a = programmeTotals(exportA);
    const b = programmeTotals(exportB);
    const sum = (rows: typeof a, key: 'total' | 'nonCash' | 'dueVnd') => rows.reduce((s, x) => s + x[key], 0);
    expect(v.nonCashTotal.total).toBe(sum(a, 'total') + sum(b, 'total'));
    expect(v.nonCashTotal.nonCash).toBe(sum(a, 'nonCash') + sum(b, 'nonCash'));
    expect(v.nonCashTotal.dueVnd).toBe(sum(a, 'dueVnd') + sum(b, 'dueVnd'));
    expect(v.nonCashByWard.map((w) => [w.rank, w.code, w.total, w.nonCash])).toEqual([
      [1, '22978', 447, 178],
      [2, '22981', 2, 0],
    ]);
    expect(v.nonCashByProgramme.find((p) => p.programme === 'BTXH')).toMatchObject({
      total: 412,
      nonCash: 141,
      target: 150,
      wards: 2,
    });
    // Form 10a's grand total is the two wards' grand totals.
    const form = (folder: string) =>
      JSON.parse(readFileSync(join(folder, 'mau-10a-2024-07_2024-10.json'), 'utf8')).data.rows[0];
    expect(v.forms.form10a.rows[0]!.fundsPeriodVnd).toBe(form(exportA).fundsPeriodVnd + form(exportB).fundsPeriodVnd);
    expect(v.forms.form10a.rows[0]!.people).toBe(form(exportA).people + form(exportB).people);
    expect(v.changes.find((c) => c.programme === 'BTXH')!.increases).toBeGreaterThanOrEqual(1);
    expect(v.notReported).toEqual([]);
    expect(v.history.months).toHaveLength(12);
    expect(v.history.overall[11]).toBe(Math.round((178 / 449) * 1000));

    // The one-off round: ward A's export has it, ward B's has no `rounds` at all (and counts 0).
    const roundsA = nonCashData(exportA).rounds ?? [];
    expect(nonCashData(exportB).rounds).toBeUndefined();
    const headA = roundsA.filter((x) => x.programme === null);
    expect(headA).toHaveLength(1);
    const roundVnd = headA[0]!.approvedVnd;
    expect(roundVnd).toBe(37 * 500_000 + 410 * 300_000);
    expect(v.roundsByWard.map((w) => [w.code, w.rounds, w.recipients, w.nonCash, w.approvedVnd])).toEqual([
      ['22978', 1, headA[0]!.recipients, headA[0]!.nonCash, roundVnd],
    ]);
    expect(v.roundsTotal).toMatchObject({ rounds: 1, wards: 1, recipients: 447, approvedVnd: roundVnd });
    // Each programme's row counts its own non-cash recipients: together they make the round's.
    expect(v.roundsTotal.byProgramme.reduce((s, p) => s + p.nonCash, 0)).toBe(v.roundsTotal.nonCash);
    expect(v.roundsTotal.byProgramme.find((p) => p.programme === 'NCC')!.nonCash).toBe(37);
    const perProgramme = (p: string) => roundsA.filter((x) => x.programme === p).reduce((s, x) => s + x.approvedVnd, 0);
    expect(v.roundsTotal.byProgramme.map((p) => [p.programme, p.recipients, p.approvedVnd])).toEqual([
      ['BTXH', 410, perProgramme('BTXH')],
      ['NCC', 37, perProgramme('NCC')],
    ]);
    // Money approved in the month: payrolls + rounds, to the đồng the sum of both wards' exports.
    const payrollVnd = [...a, ...b].reduce((s, x) => s + (x.approvedVnd ?? 0), 0);
    const money = v.money.find((m) => m.programme === '')!;
    expect(money.roundsVnd).toBe(roundVnd);
    expect(money.totalVnd).toBe(payrollVnd + roundVnd);
    expect(v.money.find((m) => m.programme === 'BTXH')!.roundsVnd).toBe(perProgramme('BTXH'));

    // The consolidated xlsx (read by LibreOffice) carries the same totals.
    const x = await office17.job('receiving.produce', { month: '10/2024', format: 'xlsx' });
    const csv = xlsxToCsvSheets(Buffer.from(x.contentBase64, 'base64')).join('\n');
    expect(csv).toContain('UBND phường Phú Thủy');
    expect(csv).toMatch(/Tổng cộng,449,178/);
    const rt = v.roundsTotal;
    const roundCsv = [rt.recipients, ...Object.values(rt.byMethod), rt.nonCash, roundVnd].join(',');
    expect(csv).toContain(`22978,UBND phường Đức Nghĩa,1,${roundCsv}`);
    expect(csv).toContain(`"Cộng các phường, xã",1,${roundCsv}`);
    expect(csv).toContain(`Tổng cộng,,${roundVnd},${roundVnd}`); // no payroll approved in the sample's 10/2024
    // And the PDF (pdftotext): section III lists ward A's round rows, per programme, and the total.
    const pdf = await office17.job('receiving.produce', { month: '10/2024', format: 'pdf' });
    const pdfPath = join(dir, 'tong-hop.pdf');
    writeFileSync(pdfPath, Buffer.from(pdf.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('III. CHI MỘT LẦN THEO ĐỢT CHI ĐÃ PHÊ DUYỆT TRONG THÁNG (1 phường, xã có đợt chi)');
    const line = (start: string) => text.split('\n').find((l) => l.trim().startsWith(start)) ?? '';
    expect(line('22978')).toContain('UBND phường Đức Nghĩa');
    expect(line('22978')).toContain(formatVnd(roundVnd));
    expect(line('Cộng các phường, xã')).toContain(formatVnd(roundVnd));
    expect(text).toContain('IV. TỔNG SỐ TIỀN ĐÃ DUYỆT CHI TRONG THÁNG');
    expect(line('Tổng cộng').length).toBeGreaterThan(0);
    expect(text).toContain(formatVnd(payrollVnd + roundVnd));
    expect(text).not.toContain('22981 UBND phường Phú Thủy 1'); // ward B has no round row
  }, 120_000);

  it('receiving the same folder twice changes nothing', async () => {
    const usb = stick('usb', { 'phuong-a': exportA });
    await office17.job('receiving.receive', { folder: usb });
    const before = { exports: count('received_exports'), data: count('received_report_data'), audit: auditCount() };
    const again = await office17.job('receiving.receive', { folder: join(usb, 'phuong-a') });
    expect(again).toMatchObject({ received: 0, already: 1, refused: 0 });
    expect(again.folders[0]!.message).toContain('Đã nhận trước đây');
    expect({ exports: count('received_exports'), data: count('received_report_data'), audit: auditCount() }).toEqual(
      before,
    );
  });

  it('a corrected export for the same month replaces the earlier one, and both stay in the history', async () => {
    await office17.job('receiving.receive', { folder: stick('usb1', { b: exportB }) });
    // The ward corrects its register and exports October again.
    wardB.as('officer');
    await wardB.ok(
      'register.enroll',
      enrollNew({ fullName: 'Võ Văn Ba', birthDate: '1939', citizenId: '001039000103' }, 'BTXH', 'BTXH-6D', '2024-10'),
    );
    wardB.setNow('2026-11-16T09:00:00+07:00');
    const corrected = await exportFolder(wardB, join(wardDir.dir, 'out-b2'));
    const r = await office17.job('receiving.receive', { folder: stick('usb2', { b: corrected }) });
    expect(r).toMatchObject({ replaced: 1, received: 0 });
    const history = await office17.ok('receiving.history', { code: '22981' });
    expect(history.map((h) => [h.month, h.replaced])).toEqual([
      ['2024-10', false],
      ['2024-10', true],
    ]);
    const v = await office17.ok('receiving.consolidate', { month: '10/2024' });
    expect(v.nonCashByWard[0]).toMatchObject({ code: '22981', total: 3 });
    // The earlier one brought back later changes nothing: it is already in the history.
    expect(await office17.job('receiving.receive', { folder: stick('usb3', { b: exportB }) })).toMatchObject({
      already: 1,
    });
  }, 60_000);

  it('refuses an export whose audit anchor went back: a ward register put back to an older copy', async () => {
    const copy = join(wardDir.dir, 'phuong-b-cu.sqlite');
    wardB.store!.sqlite.prepare('VACUUM INTO ?').run(copy);
    // The ward goes on working, then exports November.
    wardB.as('officer');
    for (const [i, name] of ['Đỗ Văn Bốn', 'Đỗ Văn Năm', 'Đỗ Văn Sáu'].entries()) {
      await wardB.ok(
        'register.enroll',
        enrollNew({ fullName: name, birthDate: '1941', citizenId: `00104100011${i}` }, 'BTXH', 'BTXH-6D', '2024-11'),
      );
    }
    wardB.setNow('2026-11-17T09:00:00+07:00');
    mkdirSync(join(dir, 'nov'));
    const nov = await wardB.job('reports.exportProvince', {
      month: '11/2024',
      folder: join(dir, 'nov'),
      reports: ['noncash'],
      clear: true,
    });
    // Later, December from the older copy (as after restoring an old backup): its chain is behind.
    const old = testCore(wardDir.dir, '2026-11-18T09:00:00+07:00', 'phuong-b-cu.sqlite');
    let dec: ProvinceExportResult;
    try {
      mkdirSync(join(dir, 'dec'));
      dec = await old.job('reports.exportProvince', {
        month: '12/2024',
        folder: join(dir, 'dec'),
        reports: ['noncash'],
        clear: true,
      });
    } finally {
      old.close();
    }
    const r = await office17.job('receiving.receive', {
      folder: stick('usb', { '1-nov': nov.folder, '2-dec': dec.folder }),
    });
    expect(r.folders.map((f) => f.status)).toEqual(['received', 'refused']);
    expect(r.folders[1]!.message).toMatch(/mốc neo nhật ký (lùi lại|mục số \d+ có mã khác)/);
    expect(
      office17.store!.sqlite.prepare("SELECT month FROM received_exports WHERE ward_code = '22981'").pluck().all(),
    ).toEqual(['2024-11']);
  }, 60_000);

  it('refuses a folder whose data is of a newer version, naming the version, and stores nothing of it', async () => {
    const usb = stick('usb', { newer: exportA });
    const folder = join(usb, 'newer');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, dataVersion: 2 }));
    resign(folder);
    const r = await office17.job('receiving.receive', { folder: usb });
    expect(r).toMatchObject({ refused: 1, received: 0 });
    expect(r.folders[0]!.message).toMatch(/phiên bản dữ liệu 2, mới hơn phiên bản 1.*cập nhật Sổ An Sinh/);
    // A data file of a newer version under a version-1 manifest is refused as well.
    const usb2 = stick('usb2', { newer: exportA });
    const data = join(usb2, 'newer', 'tang-giam-2024-10.json');
    writeFileSync(data, JSON.stringify({ ...JSON.parse(readFileSync(data, 'utf8')), dataVersion: 3 }));
    resign(join(usb2, 'newer'));
    const r2 = await office17.job('receiving.receive', { folder: usb2 });
    expect(r2.folders[0]!.message).toContain('phiên bản dữ liệu 3');
    expect([count('received_exports'), count('received_report_data'), count('receiving_wards')]).toEqual([0, 0, 0]);
  });

  it('refuses a folder with an altered file (checksum) with the reason, stores nothing of it, and receives the good ones beside it', async () => {
    const usb = stick('usb', { a: exportA, b: exportB });
    const pdf = join(usb, 'b', 'tien-do-khong-tien-mat-2024-10.pdf');
    const bytes = readFileSync(pdf);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    writeFileSync(pdf, bytes);
    const r = await office17.job('receiving.receive', { folder: usb });
    expect(r).toMatchObject({ received: 1, refused: 1 });
    expect(r.folders[1]).toMatchObject({ folder: 'b', status: 'refused' });
    expect(r.folders[1]!.message).toContain('«tien-do-khong-tien-mat-2024-10.pdf» không khớp mã kiểm tra SHA-256');
    expect(count('received_exports')).toBe(1);
    expect(
      office17
        .store!.sqlite.prepare("SELECT COUNT(*) FROM received_report_data WHERE ward_code = '22981'")
        .pluck()
        .get(),
    ).toBe(0);
    // A file added to the folder, and a data file changed with the sums redone but the manifest left alone.
    const usb2 = stick('usb2', { b: exportB });
    writeFileSync(join(usb2, 'b', 'them.txt'), 'x');
    expect((await office17.job('receiving.receive', { folder: usb2 })).folders[0]!.message).toContain(
      '«them.txt» không có trong SHA256SUMS',
    );
    const usb3 = stick('usb3', { b: exportB });
    const json = join(usb3, 'b', 'tien-do-khong-tien-mat-2024-10.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('"total": 2', '"total": 20'));
    const sums = join(usb3, 'b', 'SHA256SUMS');
    writeFileSync(
      sums,
      readFileSync(sums, 'utf8').replace(
        /^[0-9a-f]{64}(?= {2}tien-do-khong-tien-mat-2024-10\.json$)/m,
        sha(readFileSync(json)),
      ),
    );
    expect((await office17.job('receiving.receive', { folder: usb3 })).folders[0]!.message).toContain(
      'manifest.json và SHA256SUMS ghi khác nhau',
    );
    expect(count('received_exports')).toBe(1);
    // The refusals are in the audit log, with their reasons.
    expect(
      office17.store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'receiving.refused'").pluck().get(),
    ).toBe(3);
  });

  it('opens encrypted exports with the passphrase; without it or with a wrong one the folder is refused', async () => {
    const enc = await exportFolder(wardB, join(wardDir.dir, 'out-enc'), {
      reports: ['noncash'],
      clear: false,
      passphrase: 'mat-khau-gui-tinh',
    });
    const usb = stick('usb', { b: enc });
    expect((await office17.job('receiving.receive', { folder: usb })).folders[0]!.message).toContain(
      'nhập cụm mật khẩu',
    );
    expect(
      (await office17.job('receiving.receive', { folder: usb, passphrase: 'sai-mat-khau' })).folders[0]!.message,
    ).toContain('cụm mật khẩu không đúng');
    expect(count('received_exports')).toBe(0);
    expect(await office17.job('receiving.receive', { folder: usb, passphrase: 'mat-khau-gui-tinh' })).toMatchObject({
      received: 1,
    });
  }, 60_000);

  it('lists the wards that have not reported, and a folder without a ward code is refused', async () => {
    office17.as('admin');
    await office17.ok('receiving.addWard', { code: '22984', name: 'Xã Tiến Lợi' });
    office17.as('officer');
    await office17.job('receiving.receive', { folder: stick('usb', { a: exportA }) });
    const v = await office17.ok('receiving.consolidate', { month: '10/2024' });
    expect(v.notReported).toEqual([
      { code: '22984', name: 'Xã Tiến Lợi', province: '', exports: 0, lastMonth: null, lastReceivedAt: null },
    ]);
    const usb = stick('usb2', { x: exportB });
    const m = JSON.parse(readFileSync(join(usb, 'x', 'manifest.json'), 'utf8'));
    writeFileSync(join(usb, 'x', 'manifest.json'), JSON.stringify({ ...m, wardCode: '' }));
    resign(join(usb, 'x'));
    expect((await office17.job('receiving.receive', { folder: usb })).folders[0]!.message).toContain(
      'không có mã đơn vị hành chính',
    );
  });
});

describe('the mode', () => {
  it('a ward register with people cannot become a receiving office; receiving is refused in ward mode', async () => {
    wardB.as('admin');
    const mode = await wardB.ok('receiving.mode', {});
    expect(mode.mode).toBe('ward');
    expect(mode.lockedReason).toContain('Sổ đã có đối tượng');
    expect((await wardB.fail('receiving.setMode', { mode: 'receiving' })).message).toContain('Sổ đã có đối tượng');
    wardB.as('officer');
    expect((await wardB.fail('receiving.receive', { folder: dir })).message).toContain('đơn vị tổng hợp');
    // The receiving office cannot go back once it holds exports.
    await office17.job('receiving.receive', { folder: stick('usb', { a: exportA }) });
    office17.as('admin');
    expect((await office17.fail('receiving.setMode', { mode: 'ward' })).code).toBe('CONFLICT');
    office17.as('accountant');
    expect((await office17.fail('receiving.receive', { folder: dir })).code).toBe('FORBIDDEN');
    // The ward's own channels are refused by main in receiving mode, writes and reads alike; nothing is written.
    office17.as('officer');
    const people = count('people');
    for (const refused of [
      await office17.fail(
        'register.enroll',
        enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-10'),
      ),
      await office17.fail('people.search', { text: 'ơn' }),
      await office17.fail('payroll.list', {}),
    ]) {
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toContain('chế độ đơn vị tổng hợp');
    }
    expect(count('people')).toBe(people);
  });
});
