import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import { verifyAuditChain } from '../../main/services/audit';
import { calendarDay } from '../../main/services/import/workbook';
import { searchPeople } from '../../main/services/register/search';
import { summarize } from '../../main/services/backup/sqlite-file';
import type { ImportAnalysis, ImportConfig, ImportPreview, ImportResult, JobStatus } from '@shared/api/import';
import { eachTestCore, type TestCore } from '../support/register';

// The import of a ward's Excel register, end to end on real SQLite files: the sample file (copied from
// ../shared/samples into tests/fixtures so the repo does not depend on the sibling folder), another
// ward's layout, bad files, row errors, a second import of the same file, and Cancel.

const FIXTURES = join(__dirname, '..', 'fixtures');
const SAMPLE = readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.xlsx'));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.expected.json'), 'utf8')) as {
  sheets: Record<string, { rows: number; headerRow: number }>;
  btxhMonthlyTotal: number;
  nccMonthlyTotal: number;
  byMethod: Record<string, number>;
};

let dir: string;
let core: TestCore;
eachTestCore((fresh) => ({ dir, core } = fresh));

const count = (table: string, where = '1') =>
  (core.store!.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
const REGISTER_TABLES = [
  'people',
  'decisions',
  'entitlements',
  'entitlement_terms',
  'term_components',
  'payout_methods',
  'bank_accounts',
  'authorizations',
  'imports',
  'one_off_items',
  'audit_log',
  'neighbourhoods',
];
const snapshot = () => Object.fromEntries(REGISTER_TABLES.map((t) => [t, count(t)]));

const analyze = (buf: Buffer, fileName = 'so-doi-tuong.xlsx') =>
  core.ok('import.analyze', { fileName, contentBase64: buf.toString('base64') });
/**
 * The proposal with the officer's explicit choice for authorizations without a term (issue 14: the import
 * never assumes one year by itself). Tests of that choice pass their own config.
 */
const withDefaultTerm = (a: ImportAnalysis): ImportConfig => ({ ...a.config, authorizationTerm: { kind: 'default' } });
const preview = (a: ImportAnalysis, config: ImportConfig = withDefaultTerm(a)) =>
  core.ok('import.preview', { token: a.token, config });

async function waitJob(jobId: string): Promise<JobStatus> {
  for (;;) {
    const s = await core.ok('jobs.get', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function commit(a: ImportAnalysis, config: ImportConfig = withDefaultTerm(a)): Promise<ImportResult> {
  const { jobId } = await core.ok('import.commit', { token: a.token, config });
  const status = await waitJob(jobId);
  if (status.state !== 'done') throw new Error(`import job ${status.state}: ${status.error?.message}`);
  return status.result as ImportResult;
}

/** Monthly totals per programme for a month, by the app's own rules (computeAmounts). */
function registerTotals(month: string): Record<string, number> {
  const store = core.store!;
  const totals: Record<string, number> = {};
  for (const a of computeAmounts(loadReference(store), loadStates(store, month), month))
    totals[a.programme] = (totals[a.programme] ?? 0) + a.amountVnd;
  return totals;
}

const issuesOf = (p: ImportPreview, sheet: string, row: number) =>
  p.rows.find((r) => r.sheet === sheet && r.row === row)?.issues.map((i) => i.message) ?? [];

describe('the sample register (so-doi-tuong-phuong-mau.xlsx)', () => {
  it('is analysed: header rows, columns, programmes, month, group and method proposals', async () => {
    const a = await analyze(SAMPLE);
    expect(a.asOfMonth).toEqual({ value: '2024-10', source: 'title', text: '(Tháng 10 năm 2024)' });
    for (const [name, e] of Object.entries(EXPECTED.sheets)) {
      const s = a.sheets.find((x) => x.name === name)!;
      expect(s.headerRow).toBe(e.headerRow);
      expect(s.dataRows).toBe(e.rows);
      expect(s.programme).toBe(name);
    }
    const btxh = a.config.sheets.find((s) => s.name === 'BTXH')!;
    expect(btxh.columns).toMatchObject({
      stt: 1,
      fullName: 2,
      birthDate: 3,
      gender: 4,
      citizenId: 5,
      neighbourhood: 6,
      group: 7,
      coefficient: 8,
      amount: 9,
      method: 10,
      accountNumber: 11,
      bank: 12,
      receiver: 13,
      relationship: 14,
      note: 15,
    });
    const ncc = a.config.sheets.find((s) => s.name === 'NCC')!;
    expect(ncc.columns).toMatchObject({ birthDate: 3, group: 7, decisionNumber: 8, amount: 9 });
    const group = (text: string) => a.groups.find((g) => g.text === text)?.target;
    expect(group('NCT từ 80 tuổi trở lên')).toBe('BTXH-5C');
    expect(group('NKT nặng là người cao tuổi')).toBe('BTXH-6N');
    expect(group('NKT ĐBN là người cao tuổi')).toBe('BTXH-6DBN');
    expect(group('NCT hộ nghèo không người phụng dưỡng')).toBe('BTXH-5A');
    expect(group('Người đơn thân nghèo nuôi con')).toBe('BTXH-4');
    expect(group('Trẻ em mồ côi')).toBe('BTXH-1');
    expect(group('Thương binh 61%')).toBe('NCC');
    expect(a.groups.every((g) => g.target !== null)).toBe(true);
    expect(Object.fromEntries(a.methods.map((m) => [m.text, m.target]))).toEqual({
      'Tiền mặt': 'CASH_WARD',
      'Bưu điện': 'POST_OFFICE',
      'TK cá nhân': 'OWN_ACCOUNT',
      'TK ủy quyền': 'AUTHORIZED_ACCOUNT',
      'Chuyển khoản': 'ACCOUNT_AUTO',
    });
    expect(count('people')).toBe(0);
  });

  it('is previewed row by row: repairs as warnings, totals from the rows, the file total called out; nothing written', async () => {
    const a = await analyze(SAMPLE);
    const before = snapshot();
    const p = await preview(a);
    expect(snapshot()).toEqual(before);
    expect(p.counts).toMatchObject({ rows: 447, error: 0, exists: 0, toAdd: 447, newPeople: 447 });
    expect(p.byProgramme).toEqual({ BTXH: 410, NCC: 37 });
    expect(p.byMethod).toEqual(EXPECTED.byMethod);
    expect(p.monthlyTotals).toEqual({ BTXH: EXPECTED.btxhMonthlyTotal, NCC: EXPECTED.nccMonthlyTotal });

    const btxh = p.sheets.find((s) => s.name === 'BTXH')!;
    expect(btxh.fileRowsTotalVnd).toBe(EXPECTED.btxhMonthlyTotal);
    // The SUM formula skips the 118 amounts typed as text: the preview says so and uses the rows.
    expect(btxh.fileStatedTotalRow).toBe(416);
    expect(btxh.fileStatedTotalVnd).toBe(196_750_000);
    expect(btxh.textAmountCells).toBe(118);
    expect(btxh.totalMessage).toContain('196.750.000');
    expect(btxh.totalMessage).toContain('274.000.000');
    expect(p.messages.some((m) => m.includes('SUM'))).toBe(true);
    expect(p.sheets.find((s) => s.name === 'NCC')!.fileRowsTotalVnd).toBe(EXPECTED.nccMonthlyTotal);

    // Citizen IDs typed as numbers lost their leading 0 (11 digits; 10 for province 001): repaired, with a warning.
    const repaired = p.rows.filter((r) => r.issues.some((i) => /đã thêm (số 0|2 số 0) đầu/.test(i.message)));
    expect(repaired).toHaveLength(78);
    expect(repaired.every((r) => r.status === 'warning' && /^0\d{11}$/.test(r.citizenId!))).toBe(true);
    expect(issuesOf(p, 'BTXH', 11).join(' ')).toContain('56130822399');
    expect(p.rows.find((r) => r.sheet === 'BTXH' && r.row === 11)!.citizenId).toBe('056130822399');
    expect(p.rows.find((r) => r.sheet === 'BTXH' && r.row === 76)!.citizenId).toBe('001131941738');
    // Trimmed names, year-only births and "500.000" amounts are warnings too.
    expect(p.rows.find((r) => r.row === 6 && r.sheet === 'BTXH')).toMatchObject({
      fullName: 'Phạm Quốc Vinh',
      birth: '1954',
      status: 'warning',
    });
    expect(issuesOf(p, 'BTXH', 7).join(' ')).toContain('«500.000»');
    // A file amount that differs from the computed amount is a warning that shows both.
    expect(issuesOf(p, 'BTXH', 296).join(' ')).toMatch(
      /750\.000 đồng khác số tiền tính theo quy định 1\.250\.000 đồng/,
    );
    // Titles, the total row and the signature line are not rows.
    expect(p.rows.some((r) => r.row <= 5 || r.row >= 416)).toBe(false);
    expect(p.rows.every((r) => r.sheet === 'NCC' || r.programme === 'BTXH')).toBe(true);
  });

  it('is imported: 447 people (410 BTXH, 37 NCC), methods and monthly totals as expected, one audit entry, no arrears', async () => {
    const a = await analyze(SAMPLE);
    const result = await commit(a);
    expect(result).toMatchObject({
      addedPeople: 447,
      addedEntitlements: 447,
      addedReceivers: 51,
      skippedExisting: 0,
      errorRows: 0,
      byProgramme: { BTXH: 410, NCC: 37 },
    });
    expect(result.message).toContain('447');

    expect(count('people', 'id IN (SELECT person_id FROM entitlements)')).toBe(447);
    expect(count('entitlements', "programme_code = 'BTXH'")).toBe(410);
    expect(count('entitlements', "programme_code = 'NCC'")).toBe(37);
    expect(count('people')).toBe(447 + 51); // + the authorized receivers, people of their own
    expect(count('decisions', "kind = 'grant' AND effective_month = '2024-10' AND entitlement_id IS NOT NULL")).toBe(
      447,
    );
    expect(count('decisions', "programme_code = 'NCC' AND number LIKE '%/QĐ-SLĐTBXH'")).toBe(37);
    expect(count('decisions', "programme_code = 'BTXH' AND number = 'Sổ theo dõi cũ'")).toBe(410);
    expect(count('one_off_items')).toBe(0); // already being paid: no arrears

    // Payout methods from the import month, as the file says.
    const methods = core
      .store!.sqlite.prepare('SELECT programme_code AS p, method AS m, COUNT(*) AS n FROM payout_methods GROUP BY 1, 2')
      .all() as Array<{ p: string; m: string; n: number }>;
    const byCode = Object.fromEntries(methods.map((r) => [`${r.p}:${r.m}`, r.n]));
    expect(byCode).toEqual({
      'BTXH:CASH_WARD': EXPECTED.byMethod['BTXH:Tiền mặt'],
      'BTXH:POST_OFFICE': EXPECTED.byMethod['BTXH:Bưu điện'],
      'BTXH:AUTHORIZED_ACCOUNT': EXPECTED.byMethod['BTXH:TK ủy quyền'],
      'BTXH:OWN_ACCOUNT': EXPECTED.byMethod['BTXH:TK cá nhân'],
      'NCC:OWN_ACCOUNT': EXPECTED.byMethod['NCC:Chuyển khoản'],
    });
    expect(count('payout_methods', "effective_from <> '2024-10'")).toBe(0);
    // Own accounts belong to the person (holder = their name); authorized ones to the receiver, with an authorization.
    expect(
      count(
        'payout_methods pm JOIN bank_accounts b ON b.id = pm.bank_account_id JOIN people p ON p.id = pm.person_id',
        "pm.method = 'OWN_ACCOUNT' AND b.owner_person_id = pm.person_id AND b.holder_name = p.full_name",
      ),
    ).toBe(127);
    expect(
      count(
        'payout_methods pm JOIN authorizations au ON au.id = pm.authorization_id JOIN bank_accounts b ON b.id = pm.bank_account_id',
        "pm.method = 'AUTHORIZED_ACCOUNT' AND au.giver_person_id = pm.person_id AND b.owner_person_id = au.receiver_person_id AND au.valid_from = '2024-10-01' AND au.valid_to = '2025-09-30'",
      ),
    ).toBe(51);
    expect(
      core
        .store!.sqlite.prepare(
          "SELECT relationship FROM authorizations a JOIN people g ON g.id = a.giver_person_id WHERE g.full_name = 'Trần Hường'",
        )
        .get(),
    ).toEqual({ relationship: 'Em' });

    // The monthly totals of 10/2024 by the app's rules equal the expected totals and the sum of the file's amounts.
    expect(registerTotals('2024-10')).toEqual({ BTXH: EXPECTED.btxhMonthlyTotal, NCC: EXPECTED.nccMonthlyTotal });
    expect(result.monthlyTotals).toEqual({ BTXH: EXPECTED.btxhMonthlyTotal, NCC: EXPECTED.nccMonthlyTotal });

    // The people as stored: repaired ID, cleaned name, year-only birth kept as a year, NCC amount as a component.
    const vinh = core
      .store!.sqlite.prepare(
        "SELECT full_name, birth_date, birth_precision, citizen_id, gender FROM people WHERE citizen_id = '060054229647'",
      )
      .get();
    expect(vinh).toEqual({
      full_name: 'Phạm Quốc Vinh',
      birth_date: '1954',
      birth_precision: 'year',
      citizen_id: '060054229647',
      gender: 'male',
    });
    expect(count('people', "citizen_id = '056130822399'")).toBe(1);
    expect(count('people', "birth_date = '1934-05-08' AND full_name = 'Lê Thị Hường'")).toBe(1);
    expect(
      core
        .store!.sqlite.prepare(
          "SELECT t.category_label AS c, c.amount_vnd AS a, c.kind AS k FROM entitlement_terms t JOIN term_components c ON c.term_id = t.id JOIN entitlements e ON e.id = t.entitlement_id JOIN people p ON p.id = e.person_id WHERE p.citizen_id = '060047615320'",
        )
        .get(),
    ).toEqual({ c: 'Bệnh binh 61%', a: 3_237_000, k: 'main' });

    // ONE audit entry for the import: counts, file name, checksum — no personal data.
    const entries = core.store!.sqlite.prepare('SELECT action, entity, detail_json FROM audit_log').all() as Array<{
      action: string;
      entity: string;
      detail_json: string;
    }>;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import.commit', entity: 'import' });
    const detail = JSON.parse(entries[0]!.detail_json);
    expect(detail).toMatchObject({ fileName: 'so-doi-tuong.xlsx', addedPeople: 447, sha256: a.sha256 });
    expect(entries[0]!.detail_json).not.toMatch(/Phạm|060054229647/);
    expect(verifyAuditChain(core.store!)).toEqual({ ok: true, entries: 1 });
    expect(
      core.store!.sqlite.prepare('SELECT file_name, file_sha256, as_of_month, added, skipped FROM imports').all(),
    ).toEqual([
      { file_name: 'so-doi-tuong.xlsx', file_sha256: a.sha256, as_of_month: '2024-10', added: 447, skipped: 0 },
    ]);
    // The summary is current for everyone (ensureSummaryCurrent will not recompute at the next start).
    expect(count('register_summary')).toBe(count('people'));
    expect(count('register_summary', "status = 'active'")).toBe(447);
    // The token is spent: the same analysis cannot be committed twice.
    expect((await core.fail('import.commit', { token: a.token, config: a.config })).code).toBe('NOT_FOUND');
  });

  it('counts 447 beneficiaries, not 498 people: receivers are listed under their own filter, and not in the export or backup summary', async () => {
    await commit(await analyze(SAMPLE));
    expect(count('people')).toBe(447 + 51);
    expect(count('people', 'receiver_only = 1')).toBe(51);
    // The default list and its count, by both search plans.
    for (const force of ['drive', 'walk'] as const) {
      expect(searchPeople(core.store!, { text: '', limit: 500 }, force).total).toBe(447);
    }
    const list = await core.ok('people.search', { text: '', limit: 500 });
    expect(list.total).toBe(447);
    expect(list.rows.every((r) => r.status === 'active')).toBe(true);
    expect((await core.ok('people.search', { text: '', status: 'none' })).total).toBe(0);
    // The receivers' own filter: the 51 relatives, each receiving for someone.
    const receivers = await core.ok('people.search', { text: '', role: 'receivers', limit: 500 });
    expect(receivers.total).toBe(51);
    expect(receivers.rows.every((r) => r.status === 'none' && r.programmes.length === 0)).toBe(true);
    expect((await core.ok('people.search', { text: '', role: 'all', limit: 500 })).total).toBe(498);
    // The Excel export of the default list and the backup summary count beneficiaries.
    const exported = await core.job('register.export', { clear: true });
    expect(exported).toMatchObject({ count: 447, totalVnd: EXPECTED.btxhMonthlyTotal + EXPECTED.nccMonthlyTotal });
    expect(summarize(core.store!.sqlite, null).people).toBe(447);
    // A receiver who is later granted an entitlement of their own becomes a beneficiary (the trigger keeps the flag).
    const receiver = receivers.rows[0]!;
    core
      .store!.sqlite.prepare(
        "INSERT INTO entitlements (person_id, programme_code, start_month, grant_decision_id, created_at) VALUES (?, 'BTXH', '2026-11', (SELECT MIN(id) FROM decisions), '2026-11-15')",
      )
      .run(receiver.id);
    expect(count('people', 'receiver_only = 1')).toBe(50);
    expect(searchPeople(core.store!, { text: '', limit: 500 }).total).toBe(448);
  });

  it('adds nobody when the same file is imported again, and says so', async () => {
    await commit(await analyze(SAMPLE));
    const before = snapshot();
    const again = await analyze(SAMPLE);
    const p = await preview(again);
    expect(p.counts).toMatchObject({ rows: 447, exists: 447, toAdd: 0, newPeople: 0, error: 0 });
    expect(p.messages[0]).toMatch(/Không có ai mới: cả 447 người/);
    expect(p.rows.every((r) => r.status === 'exists' && r.existingPersonId !== null)).toBe(true);
    const result = await commit(again);
    expect(result).toMatchObject({ addedPeople: 0, addedEntitlements: 0, skippedExisting: 447 });
    expect(result.message).toMatch(/Không thêm ai: 447 người trong tệp đã có trong sổ/);
    expect(snapshot()).toEqual({ ...before, imports: before.imports! + 1, audit_log: before.audit_log! + 1 });
  });
});

// ---- another ward's layout -------------------------------------------------------------------------------

async function otherWardWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sach T3');
  ws.addRow(['DANH SÁCH CHI TRẢ TRỢ CẤP - Tháng 3 năm 2025']);
  ws.addRow([
    'Họ tên',
    'CCCD',
    'Năm sinh',
    'Giới tính',
    'Tổ dân phố',
    'Diện hưởng',
    'Số tiền',
    'Phương thức chi trả',
    'Số TK',
    'Ngân hàng',
    'Người nhận thay',
    'Quan hệ',
    'TT',
  ]);
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)']);
  ws.addRow([
    'Lê Văn Tám',
    '060038001234',
    1938,
    'Nam',
    'Tổ 1',
    'NCT từ đủ 80 tuổi',
    500000,
    'Tiền mặt',
    '',
    '',
    '',
    '',
    1,
  ]);
  ws.addRow([
    'Trần Thị Bích',
    79150001111,
    '12/05/1950',
    'Nữ',
    'Tổ 2',
    'Khuyết tật nặng',
    '1.000.000',
    'Chuyển khoản',
    '3000000000017',
    'Agribank',
    '',
    '',
    2,
  ]);
  ws.addRow([
    'Phạm Văn Hải',
    '001085002222',
    new Date(Date.UTC(1985, 6, 20)),
    'Nam',
    'Tổ 3',
    'Khuyết tật đặc biệt nặng',
    1000000,
    'Chuyển khoản',
    '1234567890',
    'Vietcombank',
    'Phạm Thị Hoa',
    'Mẹ',
    3,
  ]);
  ws.addRow([
    'Ngô Thị Út',
    '048320003333',
    new Date(Date.UTC(2020, 8, 1)),
    'Nữ',
    'Tổ 3',
    'Trẻ mồ côi',
    750000,
    'Qua Bưu điện',
    '',
    '',
    '',
    '',
    4,
  ]);
  ws.addRow(['Đinh Văn Lực', '', '1990', 'Nam', 'Tổ 4', 'Đơn thân nuôi con', 500000, 'Tiền mặt', '', '', '', '', 5]);
  ws.addRow([
    'Võ Thị Sen',
    '060145004444',
    '1945',
    'Nữ',
    'Tổ 1',
    'Thương binh 41%',
    2328000,
    'Chuyển khoản',
    '70000000001',
    'BIDV',
    '',
    '',
    6,
  ]);
  ws.addRow(['Cộng', '', '', '', '', '', { formula: 'SUM(G4:G9)' }]);
  ws.addRow([]);
  ws.addRow(['Người lập biểu', '', '', 'Kế toán', '', '', 'TM. ỦY BAN NHÂN DÂN']);
  ws.addRow([]);
  ws.addRow(['Nguyễn Thị Hạnh', '', '', 'Lê Văn Bảy', '', '', 'Trần Văn Chủ']);
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("another ward's file (other sheet name, header row, column names and order)", () => {
  it('is analysed and imported correctly', async () => {
    const a = await analyze(await otherWardWorkbook(), 'phuong-khac.xlsx');
    expect(a.asOfMonth.value).toBe('2025-03');
    const s = a.config.sheets[0]!;
    expect(s).toMatchObject({ name: 'Danh sach T3', headerRow: 2, include: true });
    expect(s.columns).toEqual({
      fullName: 1,
      citizenId: 2,
      birthDate: 3,
      gender: 4,
      neighbourhood: 5,
      group: 6,
      amount: 7,
      method: 8,
      accountNumber: 9,
      bank: 10,
      receiver: 11,
      relationship: 12,
      stt: 13,
    });
    expect(Object.fromEntries(a.groups.map((g) => [g.text, g.target]))).toEqual({
      'NCT từ đủ 80 tuổi': 'BTXH-5C',
      'Khuyết tật nặng': 'BTXH-6N',
      'Khuyết tật đặc biệt nặng': 'BTXH-6DBN',
      'Trẻ mồ côi': 'BTXH-1',
      'Đơn thân nuôi con': 'BTXH-4',
      'Thương binh 41%': 'NCC',
    });
    const p = await preview(a);
    expect(p.counts).toMatchObject({ rows: 6, error: 0, toAdd: 6 });
    expect(p.rows.map((r) => [r.fullName, r.programme, r.groupCode, r.method, r.computedVnd])).toEqual([
      ['Lê Văn Tám', 'BTXH', 'BTXH-5C', 'CASH_WARD', 500_000],
      ['Trần Thị Bích', 'BTXH', 'BTXH-6D', 'OWN_ACCOUNT', 1_000_000],
      ['Phạm Văn Hải', 'BTXH', 'BTXH-6A', 'AUTHORIZED_ACCOUNT', 1_000_000],
      ['Ngô Thị Út', 'BTXH', 'BTXH-1B', 'POST_OFFICE', 750_000],
      ['Đinh Văn Lực', 'BTXH', 'BTXH-4', 'CASH_WARD', 500_000],
      ['Võ Thị Sen', 'NCC', null, 'OWN_ACCOUNT', 2_328_000],
    ]);
    expect(p.rows.some((r) => r.issues.some((i) => /khác số tiền/.test(i.message)))).toBe(false);
    expect(p.rows[1]!.citizenId).toBe('079150001111');
    expect(p.sheets[0]!).toMatchObject({
      fileRowsTotalVnd: 6_078_000,
      fileStatedTotalVnd: 5_078_000,
      textAmountCells: 1,
    });
    expect(p.sheets[0]!.totalMessage).toContain('6.078.000');

    const result = await commit(a);
    expect(result).toMatchObject({ addedPeople: 6, byProgramme: { BTXH: 5, NCC: 1 }, addedReceivers: 1 });
    expect(registerTotals('2025-03')).toEqual({ BTXH: 3_750_000, NCC: 2_328_000 });
    expect(count('people', "full_name = 'Phạm Thị Hoa'")).toBe(1);
    expect(count('neighbourhoods', "name LIKE 'Tổ %'")).toBe(4);
    // The signers' names under the signature line are not beneficiaries.
    expect(count('people', "full_name IN ('Nguyễn Thị Hạnh', 'Trần Văn Chủ')")).toBe(0);
  });

  it('lets the officer correct the mapping: a column, a group, a method, the month', async () => {
    const a = await analyze(await otherWardWorkbook(), 'phuong-khac.xlsx');
    const config: ImportConfig = {
      ...withDefaultTerm(a),
      asOfMonth: '2025-04',
      sheets: a.config.sheets.map((s) => ({
        ...s,
        columns: { ...s.columns, note: s.columns.neighbourhood, neighbourhood: undefined },
      })),
      groups: a.config.groups.map((g) => (g.text === 'NCT từ đủ 80 tuổi' ? { ...g, target: 'BTXH-5A' } : g)),
      methods: a.config.methods.map((m) => (m.text === 'Tiền mặt' ? { ...m, target: 'POST_OFFICE' as const } : m)),
    };
    const p = await preview(a, config);
    expect(p.asOfMonth).toBe('2025-04');
    expect(p.rows[0]).toMatchObject({ groupCode: 'BTXH-5A2', method: 'POST_OFFICE', computedVnd: 1_000_000 });
    expect(p.rows[0]!.issues.map((i) => i.message).join(' ')).toMatch(
      /500\.000 đồng khác số tiền tính theo quy định 1\.000\.000 đồng/,
    );
    await commit(a, config);
    expect(count('neighbourhoods')).toBe(0);
    expect(count('people', "note = 'Tổ 1'")).toBe(2);
  });
});

describe('one person in two programmes, and people already in the register', () => {
  it('the same citizen ID in a BTXH and an NCC sheet is one person with two entitlements', async () => {
    const wb = new ExcelJS.Workbook();
    const header = [
      'STT',
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Số CCCD',
      'Đối tượng',
      'Mức trợ cấp',
      'Hình thức nhận',
    ];
    const btxh = wb.addWorksheet('BTXH');
    btxh.addRow(header);
    btxh.addRow([1, 'Hồ Văn Chín', 'Nam', '02/03/1940', '060040000009', 'NCT từ 80 tuổi trở lên', 500000, 'Tiền mặt']);
    const ncc = wb.addWorksheet('NCC');
    ncc.addRow(header);
    ncc.addRow([1, 'Hồ Văn Chín', 'Nam', '02/03/1940', '060040000009', 'Thương binh 41%', 2328000, 'Tiền mặt']);
    ncc.addRow([2, 'Hồ Văn Chín', 'Nam', '02/03/1940', '060040000009', 'Bệnh binh 41%', 2000000, 'Tiền mặt']);
    const a = await analyze(Buffer.from(await wb.xlsx.writeBuffer()));
    // No month in a title: the current month (the office clock says 11/2026), which the officer can change.
    expect(a.asOfMonth).toEqual({ value: '2026-11', source: 'default', text: null });
    expect(a.messages.join(' ')).toMatch(/Không thấy tháng trong tiêu đề tệp: tạm lấy tháng 11\/2026/);
    const p = await preview(a);
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'error']);
    expect(p.rows[2]!.issues[0]!.message).toMatch(/Trùng số định danh 060040000009 với dòng 2 \(trang NCC\)/);
    expect(p.counts).toMatchObject({ toAdd: 2, newPeople: 1 });
    const result = await commit(a);
    expect(result).toMatchObject({ addedPeople: 1, addedEntitlements: 2, errorRows: 1 });
    expect(count('people')).toBe(1);
    expect(registerTotals('2026-11')).toEqual({ BTXH: 500_000, NCC: 2_328_000 });
  });

  it('a row without a citizen ID matches a registered person by name and birth date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('BTXH');
    ws.addRow(['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Số CCCD', 'Đối tượng', 'Mức trợ cấp', 'Hình thức nhận']);
    ws.addRow([1, 'Hồ Văn Chín', 'Nam', '02/03/1940', '060040000009', 'NCT từ 80 tuổi trở lên', 500000, 'Tiền mặt']);
    await commit(await analyze(Buffer.from(await wb.xlsx.writeBuffer())));
    const later = new ExcelJS.Workbook();
    const ls = later.addWorksheet('BTXH');
    ls.addRow(['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Số CCCD', 'Đối tượng', 'Mức trợ cấp', 'Hình thức nhận']);
    ls.addRow([1, 'HỒ VĂN CHÍN', 'Nam', '1940', '', 'NCT từ 80 tuổi trở lên', 500000, 'Tiền mặt']); // same person
    ls.addRow([2, 'Hồ Văn Chín', 'Nam', '02/03/1940', '060040000010', 'NCT từ 80 tuổi trở lên', 500000, 'Tiền mặt']); // another ID: another person
    const p = await preview(await analyze(Buffer.from(await later.xlsx.writeBuffer())));
    expect(p.rows.map((r) => r.status)).toEqual(['exists', 'ok']);
    // The registered person's ID is masked in the message: a crafted row (name and birth date) cannot read it.
    const found = p.rows[0]!.issues.map((i) => i.message).join(' ');
    expect(found).toContain('số định danh 060•••••0009');
    expect(JSON.stringify(p)).not.toContain('060040000009');
  });
});

// ---- bad files --------------------------------------------------------------------------------------------

function cfbFile(streamNames: string[]): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([
    header,
    Buffer.alloc(504),
    ...streamNames.map((n) => Buffer.from(n, 'utf16le')),
    Buffer.alloc(1024),
  ]);
}

async function noHeaderWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['Bảng theo dõi']);
  ws.addRow(['Nguyễn Văn A', 1950, 500000]);
  ws.addRow(['Trần Thị B', 1948, 750000]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Authorized-account rows of a ward whose term column reads "Ủy quyền đến ngày" and receiver column `receiverHeader`. */
async function authorizedWorkbook(receiverHeader = 'Người nhận thay', withTerm = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BTXH');
  ws.addRow(['DANH SÁCH CHI TRẢ TRỢ CẤP - Tháng 3 năm 2025']);
  ws.addRow([
    'Họ tên',
    'CCCD',
    'Năm sinh',
    'Giới tính',
    'Diện hưởng',
    'Số tiền',
    'Hình thức nhận',
    'Số TK',
    'Ngân hàng',
    receiverHeader,
    'Quan hệ',
    ...(withTerm ? ['Ủy quyền đến ngày'] : []),
  ]);
  ws.addRow([
    'Phạm Văn Hải',
    '001085002222',
    '1985',
    'Nam',
    'Khuyết tật đặc biệt nặng',
    1000000,
    'TK ủy quyền',
    '1234567890',
    'Vietcombank',
    'Phạm Thị Hoa',
    'Mẹ',
    ...(withTerm ? ['30/06/2026'] : []),
  ]);
  ws.addRow([
    'Lê Văn Tám',
    '060038001234',
    '1938',
    'Nam',
    'NCT từ đủ 80 tuổi',
    500000,
    'TK ủy quyền',
    '3000000000017',
    'Agribank',
    'Lê Thị Chín',
    'Con',
    ...(withTerm ? [new Date(Date.UTC(2025, 11, 31))] : []),
  ]);
  ws.addRow([
    'Ngô Thị Út',
    '048320003333',
    '2020',
    'Nữ',
    'Trẻ mồ côi',
    750000,
    'Tiền mặt',
    '',
    '',
    '',
    '',
    ...(withTerm ? [''] : []),
  ]);
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('authorizations in the file (issue 14)', () => {
  it('take their term from a mapped column; without one, the import asks, and assumes one year only when chosen', async () => {
    const a = await analyze(await authorizedWorkbook());
    expect(a.config.sheets[0]!.columns).toMatchObject({ receiver: 10, relationship: 11, authorizationValidTo: 12 });
    expect(a.mappingIssues).toEqual([]);
    const result = await commit(a, a.config); // no choice needed: every row has its term
    expect(result).toMatchObject({ addedPeople: 3, addedReceivers: 2 });
    const terms = core
      .store!.sqlite.prepare(
        'SELECT p.full_name AS giver, a.valid_from, a.valid_to, a.term_assumed, a.certified_date FROM authorizations a JOIN people p ON p.id = a.giver_person_id ORDER BY p.full_name',
      )
      .all();
    expect(terms).toEqual([
      { giver: 'Lê Văn Tám', valid_from: '2025-03-01', valid_to: '2025-12-31', term_assumed: 0, certified_date: null },
      {
        giver: 'Phạm Văn Hải',
        valid_from: '2025-03-01',
        valid_to: '2026-06-30',
        term_assumed: 0,
        certified_date: null,
      },
    ]);
    expect(
      JSON.parse(
        core
          .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'import.commit'")
          .pluck()
          .get() as string,
      ),
    ).toMatchObject({ authorizationTerm: null });
  });

  it('without a term column: blocked until one date for the file or the one-year default is chosen explicitly', async () => {
    const a = await analyze(await authorizedWorkbook('Người nhận thay', false));
    expect(a.mappingIssues.map((m) => m.field)).toEqual(['authorizationValidTo']);
    expect(a.messages.join(' ')).toMatch(/chưa có thời hạn ủy quyền/);
    const p = await preview(a, a.config);
    expect(p.counts).toMatchObject({ blocking: 2, unpayable: 0 });
    expect(p.blockingMessage).toMatch(/2 giấy ủy quyền chưa có thời hạn/);
    const { jobId } = await core.ok('import.commit', { token: a.token, config: a.config });
    expect((await waitJob(jobId)).state).toBe('failed');
    expect(count('people')).toBe(0);
    // One date for the whole file.
    await commit(a, { ...a.config, authorizationTerm: { kind: 'date', validTo: '31/03/2026' } });
    expect(core.store!.sqlite.prepare('SELECT DISTINCT valid_to, term_assumed FROM authorizations').all()).toEqual([
      { valid_to: '2026-03-31', term_assumed: 0 },
    ]);
  });

  it('a receiver column the mapping did not recognise is caught at the mapping step, and its rows block the commit until mapped', async () => {
    const a = await analyze(await authorizedWorkbook('Tên người đứng tên tài khoản'));
    const s = a.config.sheets[0]!;
    expect(s.columns.receiver).toBeUndefined();
    // Said at the mapping step, before any preview.
    expect(a.mappingIssues).toEqual([
      {
        sheet: 'BTXH',
        field: 'receiver',
        message: expect.stringContaining('chưa chọn cột Người được ủy quyền / nhận thay'),
      },
    ]);
    expect(a.messages.join(' ')).toMatch(/Trang BTXH: cột Hình thức nhận có «TK ủy quyền»/);
    // The preview does not turn those rows into cash: they block.
    const p = await preview(a, a.config);
    expect(p.rows.filter((r) => r.unpayable).map((r) => [r.row, r.status, r.method])).toEqual([
      [3, 'error', 'CASH_WARD'],
      [4, 'error', 'CASH_WARD'],
    ]);
    expect(p.blockingMessage).toMatch(/2 dòng không chi được/);
    // Mapped: authorized accounts, as the file says.
    const mapped: ImportConfig = { ...a.config, sheets: [{ ...s, columns: { ...s.columns, receiver: 10 } }] };
    const fixed = await preview(a, mapped);
    expect(fixed.blockingMessage).toBeNull();
    expect(fixed.rows.map((r) => r.method)).toEqual(['AUTHORIZED_ACCOUNT', 'AUTHORIZED_ACCOUNT', 'CASH_WARD']);
    await commit(a, mapped);
    expect(count('authorizations')).toBe(2);
  });
});

describe('files that cannot be imported get a clear Vietnamese message and write nothing', () => {
  const cases: Array<[string, () => Promise<Buffer> | Buffer, RegExp, string?]> = [
    ['a corrupt file (truncated)', () => SAMPLE.subarray(0, SAMPLE.length >> 1), /bị hỏng/],
    [
      'a corrupt file (damaged inside)',
      () => Buffer.concat([SAMPLE.subarray(0, 2000), Buffer.alloc(5000, 7), SAMPLE.subarray(7000)]),
      /bị hỏng/,
    ],
    [
      'a text file renamed .xlsx',
      () => Buffer.from('Họ và tên,Ngày sinh,Số CCCD\nNguyễn Văn A,01/01/1950,060050000001\n'),
      /văn bản/,
    ],
    ['a password-protected (encrypted) file', () => cfbFile(['EncryptionInfo', 'EncryptedPackage']), /mật khẩu/],
    ['an old .xls file', () => cfbFile(['Workbook', 'SummaryInformation']), /định dạng cũ \(\.xls/, 'so-cu.xls'],
    ['an empty file', () => Buffer.alloc(0), /rỗng/],
    ['a sheet without a recognisable header', noHeaderWorkbook, /Không tìm thấy dòng tiêu đề cột/],
    [
      'a random binary file',
      () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)),
      /không phải là tệp Excel/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message, fileName = 'so.xlsx') => {
    const before = snapshot();
    const error = await core.fail('import.analyze', { fileName, contentBase64: (await make()).toString('base64') });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it('a real .xls (LibreOffice) is recognised as the old format', async () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    if (!soffice) return; // .ci/run installs LibreOffice; without it the synthetic .xls case above still runs
    writeFileSync(join(dir, 'so.xlsx'), SAMPLE);
    execFileSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo`,
        '--convert-to',
        'xls',
        '--outdir',
        dir,
        join(dir, 'so.xlsx'),
      ],
      { stdio: 'ignore', timeout: 90_000 },
    );
    const error = await core.fail('import.analyze', {
      fileName: 'so.xls',
      contentBase64: readFileSync(join(dir, 'so.xls')).toString('base64'),
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/định dạng cũ \(\.xls/) });
    expect(count('people')).toBe(0);
  });

  it('refuses input that is not base64 or over 20 MB before reading it', async () => {
    expect((await core.fail('import.analyze', { fileName: 'x.xlsx', contentBase64: '<<<not base64>>>' })).code).toBe(
      'INVALID_INPUT',
    );
    const tooBig = 'A'.repeat(Math.ceil((20 * 1024 * 1024) / 3) * 4 + 8);
    expect((await core.fail('import.analyze', { fileName: 'x.xlsx', contentBase64: tooBig })).message).toMatch(/20 MB/);
  });
});

// ---- row errors ------------------------------------------------------------------------------------------

async function rowErrorsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BTXH');
  ws.addRow([
    'STT',
    'Họ và tên',
    'Giới tính',
    'Ngày sinh',
    'Số CCCD',
    'Đối tượng',
    'Mức trợ cấp',
    'Hình thức nhận',
    'Số tài khoản',
    'Ngân hàng',
  ]);
  const elder = 'NCT từ 80 tuổi trở lên';
  ws.addRow([1, 'Nguyễn Văn Một', 'Nam', '01/02/1940', '060040000001', elder, 500000, 'Tiền mặt']); // row 2: ok
  ws.addRow([2, 'Trần Văn Hai', 'Nam', '01/02/1941', '999041000002', elder, 500000, 'Tiền mặt']); // row 3: unknown province
  ws.addRow([3, 'Nguyễn Văn Một', 'Nam', '01/02/1940', '060040000001', elder, 500000, 'Tiền mặt']); // row 4: duplicate ID
  ws.addRow([4, '', 'Nam', '01/02/1942', '060042000004', elder, 500000, 'Tiền mặt']); // row 5: no name
  ws.addRow([5, 'Lê Thị Năm', 'Nữ', 'khoảng 1950', '060150000005', 'NKT nặng', 750000, 'Tiền mặt']); // row 6: birth unreadable
  ws.addRow([6, 'Phạm Văn Sáu', 'Nam', '01/02/1944', '060044000006', 'Hộ gia đình khó khăn', 500000, 'Tiền mặt']); // row 7: unknown group
  ws.addRow([7, 'Võ Thị Bảy', 'Nữ', '01/02/1943', '060143000007', elder, 500000, 'TK cá nhân', '', '']); // row 8: no account → cash
  ws.addRow([8, 'Đỗ Văn Tám', 'Nam', '01/02/1943', '060043000008', elder, 500000, 'TK cá nhân', '123', 'Agribank']); // row 9: bad length → cash
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('row errors', () => {
  it('a cell with invisible, bidi or control characters, or starting with a formula character, is an error row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('BTXH');
    ws.addRow([
      'STT',
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Số CCCD',
      'Đối tượng',
      'Mức trợ cấp',
      'Hình thức nhận',
      'Địa chỉ',
      'Ghi chú',
    ]);
    const elder = 'NCT từ 80 tuổi trở lên';
    ws.addRow([1, 'Nguyễn Văn Một', 'Nam', '01/02/1940', '060040000001', elder, 500000, 'Tiền mặt', 'Số 1', '']); // row 2: ok
    ws.addRow([2, 'Trần\u200bVăn Hai', 'Nam', '01/02/1941', '', elder, 500000, 'Tiền mặt', '', '']); // row 3: zero-width
    ws.addRow([3, 'Lê Văn Ba', 'Nam', '01/02/1941', '', elder, 500000, 'Tiền mặt', 'Số 3\u202e', '']); // row 4: bidi override
    ws.addRow([4, '=HYPERLINK("http://x","Bốn")', 'Nam', '01/02/1941', '', elder, 500000, 'Tiền mặt', '', '']); // row 5: formula text
    ws.addRow([5, 'Võ Văn Năm', 'Nam', '01/02/1941', '', elder, 500000, 'Tiền mặt', '', 'a\u009bb']); // row 6: a C1 control (exceljs drops C0 ones on write)
    const p = await preview(await analyze(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(Object.fromEntries(p.rows.map((r) => [r.row, r.status]))).toEqual({
      2: 'ok',
      3: 'error',
      4: 'error',
      5: 'error',
      6: 'error',
    });
    expect(issuesOf(p, 'BTXH', 3).join(' ')).toMatch(/Cột «Họ và tên»: có ký tự vô hình/);
    expect(issuesOf(p, 'BTXH', 4).join(' ')).toMatch(/Cột «Địa chỉ»: có ký tự đảo chiều/);
    expect(issuesOf(p, 'BTXH', 5).join(' ')).toMatch(/Cột «Họ và tên»: không được bắt đầu bằng dấu = \+ - @/);
    expect(issuesOf(p, 'BTXH', 6).join(' ')).toMatch(/Cột «Ghi chú»: có ký tự điều khiển/);
    const before = count('people');
    const result = await commit(await analyze(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(result).toMatchObject({ addedPeople: 1, errorRows: 4 });
    expect(count('people')).toBe(before + 1);
  });

  it('are listed with the sheet row number and never written; a method that cannot be honoured blocks the import until the officer chooses cash for those rows', async () => {
    const a = await analyze(await rowErrorsWorkbook());
    expect(a.groups.find((g) => g.text === 'Hộ gia đình khó khăn')!.target).toBeNull();
    const p = await preview(a);
    const status = Object.fromEntries(p.rows.map((r) => [r.row, r.status]));
    // Rows 8 (no account number) and 9 (an Agribank number of the wrong length) say «TK cá nhân»: they are
    // errors now, never quietly turned into cash (issue 14).
    expect(status).toEqual({
      2: 'ok',
      3: 'error',
      4: 'error',
      5: 'error',
      6: 'error',
      7: 'error',
      8: 'error',
      9: 'error',
    });
    expect(issuesOf(p, 'BTXH', 3).join(' ')).toMatch(/Mã tỉnh 999/);
    expect(issuesOf(p, 'BTXH', 4).join(' ')).toMatch(/Trùng số định danh 060040000001 với dòng 2/);
    expect(issuesOf(p, 'BTXH', 5).join(' ')).toMatch(/Thiếu họ và tên/);
    expect(issuesOf(p, 'BTXH', 6).join(' ')).toMatch(/Ngày sinh «khoảng 1950» không đọc được/);
    expect(issuesOf(p, 'BTXH', 7).join(' ')).toMatch(/Chưa chọn nhóm đối tượng cho «Hộ gia đình khó khăn»/);
    expect(issuesOf(p, 'BTXH', 8).join(' ')).toMatch(/Thiếu số tài khoản: không chi được theo hình thức «TK cá nhân»/);
    expect(issuesOf(p, 'BTXH', 9).join(' ')).toMatch(/AGRIBANK phải có 13 chữ số/);
    expect(p.counts).toMatchObject({ unpayable: 2, blocking: 2 });
    expect(p.unpayableRows.map((r) => r.row)).toEqual([8, 9]);
    expect(p.blockingMessage).toMatch(/Chưa nhập được: 2 dòng không chi được theo hình thức ghi trong tệp/);

    // The commit is refused, nothing written.
    const before = snapshot();
    const { jobId } = await core.ok('import.commit', { token: a.token, config: withDefaultTerm(a) });
    const refused = await waitJob(jobId);
    expect(refused.state).toBe('failed');
    expect(refused.error?.message).toMatch(/2 dòng không chi được.*ghi tiền mặt, sửa sau/);
    expect(snapshot()).toEqual(before);

    // Chosen explicitly, for exactly the listed rows: written as cash, said in the preview, result and audit entry.
    const config: ImportConfig = {
      ...withDefaultTerm(a),
      cashForUnpayable: p.unpayableRows.map((r) => ({ sheet: r.sheet, row: r.row })),
    };
    const chosen = await preview(a, config);
    expect(Object.fromEntries(chosen.rows.map((r) => [r.row, r.status]))).toMatchObject({ 8: 'warning', 9: 'warning' });
    expect(chosen.blockingMessage).toBeNull();
    expect(issuesOf(chosen, 'BTXH', 8).join(' ')).toMatch(
      /ghi tiền mặt tại UBND theo lựa chọn «ghi tiền mặt, sửa sau»/,
    );
    expect(chosen.messages.join(' ')).toMatch(/2 dòng .* theo lựa chọn «ghi tiền mặt, sửa sau»/);
    expect(chosen.rows.find((r) => r.row === 8)!.method).toBe('CASH_WARD');

    const result = await commit(a, config);
    expect(result).toMatchObject({ addedPeople: 3, errorRows: 5, warningRows: 2, cashByChoice: 2 });
    expect(result.message).toMatch(/2 dòng ghi tiền mặt theo lựa chọn «ghi tiền mặt, sửa sau»/);
    expect(core.store!.sqlite.prepare('SELECT citizen_id FROM people ORDER BY citizen_id').all()).toEqual([
      { citizen_id: '060040000001' },
      { citizen_id: '060043000008' },
      { citizen_id: '060143000007' },
    ]);
    expect(count('payout_methods', "method = 'CASH_WARD'")).toBe(3);
    const detail = JSON.parse(
      core
        .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'import.commit'")
        .pluck()
        .get() as string,
    );
    expect(detail).toMatchObject({
      cashByChoice: 2,
      cashForUnpayableRows: [
        { sheet: 'BTXH', row: 8 },
        { sheet: 'BTXH', row: 9 },
      ],
    });
  });

  it('a mapping the officer sets for an unknown group turns its rows into imports', async () => {
    const a = await analyze(await rowErrorsWorkbook());
    const config = {
      ...a.config,
      groups: a.config.groups.map((g) => (g.target === null ? { ...g, target: 'BTXH-5C' } : g)),
    };
    const p = await preview(a, config);
    expect(p.rows.find((r) => r.row === 7)!.status).not.toBe('error');
    expect(
      (
        await core.fail('import.preview', {
          token: a.token,
          config: { ...config, groups: [{ text: 'x', target: 'BTXH-99' }] },
        })
      ).message,
    ).toMatch(/BTXH-99/);
  });
});

// ---- jobs and Cancel ------------------------------------------------------------------------------------

describe('the import job: progress, Cancel, one at a time', () => {
  it('reports determinate progress and, on Cancel, leaves the register exactly as it was', async () => {
    await commit(await analyze(await otherWardWorkbook(), 'truoc.xlsx')); // something already in the register
    const before = snapshot();
    const a = await analyze(SAMPLE);
    const { jobId } = await core.ok('import.commit', { token: a.token, config: a.config });
    // Only one import at a time.
    expect((await core.fail('import.commit', { token: a.token, config: a.config })).code).toBe('CONFLICT');
    let s = await core.ok('jobs.get', { jobId });
    while (s.state === 'running' && s.done === 0) {
      await new Promise((r) => setImmediate(r));
      s = await core.ok('jobs.get', { jobId });
    }
    expect(s).toMatchObject({ state: 'running', kind: 'import' });
    expect(s.done).toBeGreaterThan(0);
    expect(s.done).toBeLessThan(s.total);
    expect(s.label).toMatch(/Đang kiểm tra dữ liệu \(\d+\/\d+ dòng\)/);
    expect((await core.ok('jobs.cancel', { jobId })).cancelRequested).toBe(true);
    const end = await waitJob(jobId);
    expect(end.state).toBe('cancelled');
    expect(end.label).toMatch(/không có gì được ghi/);
    expect(snapshot()).toEqual(before);
    expect(verifyAuditChain(core.store!).ok).toBe(true);
    // The file is still there: the officer can import it after all.
    const result = await commit(a);
    expect(result.addedPeople).toBe(447);
  });

  it('a Cancel after the job is done changes nothing; unknown jobs are NOT_FOUND', async () => {
    const a = await analyze(await otherWardWorkbook());
    const { jobId } = await core.ok('import.commit', { token: a.token, config: withDefaultTerm(a) });
    const done = await waitJob(jobId);
    expect(done.state).toBe('done');
    expect((await core.ok('jobs.cancel', { jobId })).state).toBe('done');
    expect(count('people')).toBe(7);
    expect((await core.fail('jobs.get', { jobId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('a stale or discarded token asks to choose the file again', async () => {
    const a = await analyze(await otherWardWorkbook());
    expect(await core.ok('import.discard', { token: a.token })).toEqual({ discarded: true });
    const error = await core.fail('import.preview', { token: a.token, config: a.config });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/chọn lại tệp/) });
  });
});

describe('dates from exceljs are calendar days in any time zone', () => {
  it('reads UTC midnight (and floating-point near-midnight) as the same day wherever the PC is', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(calendarDay(new Date(Date.UTC(1934, 4, 8)))).toBe('1934-05-08');
        expect(calendarDay(new Date(Date.UTC(1940, 8, 26) - 1))).toBe('1940-09-26');
        expect(calendarDay(new Date(Date.UTC(1940, 8, 26) + 3))).toBe('1940-09-26');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
