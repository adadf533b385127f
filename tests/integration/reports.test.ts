import { formatLocalDateTime } from '@shared/domain/format';
import { execFileSync } from 'node:child_process';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import { campaignProgress } from '../../main/services/campaign/progress';
import { monthsNeeded, PeriodLoader, resolvePeriod } from '../../main/services/reports/period';
import { recipientsFor } from '../../main/services/reports/document';
import type { ReportKind } from '@shared/api/report-labels';
import { ageInYearsAtMonthEnd } from '@shared/domain/dates';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { malformedNumbers, pagesWithPhrase, pdfPages, phraseOnOneLine, wordsOutsideMargins } from '../support/pdf';
import { decryptFile } from '../../main/services/backup/format';
import { certifyAllAuthorizations, decision, eachTestCore, enrollNew, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// Reports to the province on real SQLite files: the sample register (imported through the import
// channels) gives the non-cash figures of reports.md; a small register built decision by decision gives
// the increases and decreases; every PDF is read back with pdftotext and every xlsx with LibreOffice; the
// province export folder is checked with `sha256sum -c`, and interrupted exports leave nothing complete.

const FIXTURES = join(__dirname, '..', 'fixtures');
const SAMPLE = readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.xlsx'));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.expected.json'), 'utf8')) as {
  btxhMonthlyTotal: number;
  nccMonthlyTotal: number;
};

const OFFICE = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'Tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  deputyChairmanName: '',
  officerName: 'Trần Thị Hường',
  reportRecipients: [
    { name: 'Sở Y tế tỉnh Lâm Đồng', scope: 'BTXH' },
    { name: 'Sở Nội vụ tỉnh Lâm Đồng', scope: 'NCC' },
    { name: 'UBND tỉnh Lâm Đồng', scope: '' },
  ],
};

let dir: string;
let core: TestCore;
eachTestCore((fresh) => ({ dir, core } = fresh));

async function importSample(): Promise<void> {
  const a = await core.ok('import.analyze', {
    fileName: 'so-doi-tuong-phuong-mau.xlsx',
    contentBase64: SAMPLE.toString('base64'),
  });
  await core.ok('import.preview', { token: a.token, config: { ...a.config, authorizationTerm: { kind: 'default' } } });
  await core.job('import.commit', { token: a.token, config: { ...a.config, authorizationTerm: { kind: 'default' } } });
  await certifyAllAuthorizations(core); // only certified authorizations pay into an account (issue 14)
}

async function sampleWithSettings(): Promise<void> {
  core.as('admin');
  await core.ok('settings.saveOffice', OFFICE);
  core.as('officer');
  await importSample();
  await core.ok('campaign.setTarget', {
    programme: 'BTXH',
    kind: 'count',
    value: 150,
    deadline: '31/12/2024',
    note: 'Chỉ tiêu thành phố giao',
  });
}

const pdfText = (buf: Buffer): string => {
  const file = join(dir, `r-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/** Each entitlement's row of a month computed from scratch by the register's functions. */
function fullRows(month: string) {
  const store = core.store!;
  const states = loadStates(store, month);
  return computeAmounts(loadReference(store), states, month).map((a, i) => {
    const s = states[i]!;
    const birth =
      s.birthDate && s.birthPrecision !== 'unknown' ? { precision: s.birthPrecision, value: s.birthDate } : null;
    return {
      entitlementId: a.entitlementId,
      personId: a.personId,
      programme: a.programme,
      groupCode: a.groupCode,
      age: birth ? ageInYearsAtMonthEnd(birth, month) : null,
      amountVnd: a.amountVnd,
      receiving: (!s.deathDate || s.deathDate.slice(0, 7) >= month) && a.status === 'active',
    };
  });
}

const byId = <T extends { entitlementId: number }>(rows: T[]) =>
  [...rows].sort((a, b) => a.entitlementId - b.entitlementId);

const produce = (report: ReportKind, format: 'pdf' | 'xlsx', month = '2024-10', from?: string) =>
  core.job('reports.produce', { report, format, month, ...(from ? { from } : {}) });

describe('reports on the sample register (10/2024)', () => {
  it('non-cash progress: NCC 37/37 (100%), BTXH 141/410 (34,4%), 94% of a target of 150; the same figures as the campaign dashboard', async () => {
    await sampleWithSettings();
    const o = await core.job('reports.overview', { month: '10/2024' });
    const ncc = o.nonCash.rows.find((r) => r.programme === 'NCC' && r.groupKey === null)!;
    const btxh = o.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)!;
    expect([ncc.nonCash, ncc.total, ncc.nonCashTenths]).toEqual([37, 37, 1000]);
    expect([btxh.nonCash, btxh.total, btxh.nonCashTenths]).toEqual([141, 410, 344]);
    expect([btxh.target, btxh.ofTargetTenths]).toEqual([150, 940]);
    expect(btxh.byMethod).toEqual({ CASH_WARD: 237, POST_OFFICE: 32, OWN_ACCOUNT: 90, AUTHORIZED_ACCOUNT: 51 });
    // Money due equals the register's own monthly amounts (and the sample's totals).
    const store = core.store!;
    const due: Record<string, number> = {};
    for (const a of computeAmounts(loadReference(store), loadStates(store, '2024-10'), '2024-10'))
      due[a.programme] = (due[a.programme] ?? 0) + a.amountVnd;
    expect(btxh.dueVnd).toBe(due.BTXH);
    expect(btxh.dueVnd).toBe(EXPECTED.btxhMonthlyTotal);
    expect(ncc.dueVnd).toBe(EXPECTED.nccMonthlyTotal);
    // Group rows add up to the programme row.
    const groups = o.nonCash.rows.filter((r) => r.programme === 'BTXH' && r.groupKey !== null);
    expect(groups.reduce((s, g) => s + g.total, 0)).toBe(410);
    expect(groups.reduce((s, g) => s + g.nonCash, 0)).toBe(141);
    // The dashboard's function gives the same numbers.
    const dashboard = campaignProgress(store, '2024-10');
    const p = dashboard.programmes.find((x) => x.programme === 'BTXH')!;
    expect([p.total, p.nonCash, p.nonCashTenths, p.targetCount, p.ofTargetTenths]).toEqual([
      btxh.total,
      btxh.nonCash,
      btxh.nonCashTenths,
      btxh.target,
      btxh.ofTargetTenths,
    ]);
    // No payroll approved for 10/2024: "paid" is empty, and the report says why.
    expect(btxh.paidVnd).toBeNull();
    expect(btxh.approvedVnd).toBeNull();
    expect(o.nonCash.notes.join(' ')).toContain('Chưa có bảng chi trả');
  });

  it('form 10a: people and funds per group equal the register; sections add up; 10c and 10d from the same data', async () => {
    await sampleWithSettings();
    const o = await core.job('reports.overview', { month: '2024-10' });
    expect(o.from).toBe('2024-07');
    const total = o.form10a.rows[0]!;
    expect(total).toMatchObject({
      level: 'total',
      people: 410,
      peoplePeriod: 410,
      fundsPeriodVnd: EXPECTED.btxhMonthlyTotal,
      peopleYear: 410,
      fundsYearVnd: EXPECTED.btxhMonthlyTotal,
    });
    const sections = o.form10a.rows.filter((r) => r.level === 'section');
    expect(sections.reduce((s, r) => s + r.fundsPeriodVnd, 0)).toBe(total.fundsPeriodVnd);
    expect(sections.reduce((s, r) => s + r.people, 0)).toBe(410);
    // Each group row equals the register's count of that group (after the age rules).
    const store = core.store!;
    const byGroup = new Map<string, number>();
    for (const a of computeAmounts(loadReference(store), loadStates(store, '2024-10'), '2024-10'))
      if (a.programme === 'BTXH') byGroup.set(a.groupCode!, (byGroup.get(a.groupCode!) ?? 0) + 1);
    const elderly = o.form10a.rows.find((r) => r.no === '5')!;
    expect(elderly.people).toBe(
      ['BTXH-5A1', 'BTXH-5A2', 'BTXH-5B', 'BTXH-5C', 'BTXH-5D'].reduce((s, g) => s + (byGroup.get(g) ?? 0), 0),
    );
    expect(elderly.people).toBeGreaterThan(0);
    const disability = o.form10a.rows.find((r) => r.no === '6')!;
    const d10 = o.form10d.rows;
    expect(d10.filter((r) => r.no === '1' || r.no === '2').reduce((s, r) => s + r.people, 0)).toBe(disability.people);
    expect(o.form10c.rows.find((r) => r.no === '1')!.people).toBe(elderly.people);
  });

  it('each report as PDF keeps its Vietnamese text (pdftotext), with the office, recipients by programme and signer from settings', async () => {
    await sampleWithSettings();
    const noncash = pdfText(Buffer.from((await produce('noncash', 'pdf')).contentBase64, 'base64'));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG ĐỨC NGHĨA',
      'BÁO CÁO',
      'không dùng tiền mặt',
      'Nơi nhận:',
      'Sở Y tế tỉnh Lâm Đồng',
      'Sở Nội vụ tỉnh Lâm Đồng',
      'Nguyễn Văn Chủ',
      '34,4%',
      '94%',
      '100%',
    ]) {
      expect(noncash).toContain(s);
    }
    // Social-assistance summaries go to Sở Y tế (and the province), not to Sở Nội vụ.
    for (const form of ['form10a', 'form10c', 'form10d'] as const) {
      const text = pdfText(Buffer.from((await produce(form, 'pdf')).contentBase64, 'base64'));
      expect(text).toContain('Sở Y tế tỉnh Lâm Đồng');
      expect(text).toContain('UBND tỉnh Lâm Đồng');
      expect(text).not.toContain('Sở Nội vụ');
      expect(text).toContain('Tổng cộng');
      if (form === 'form10a') expect(text).toContain('274.000.000');
    }
    // Fit to sign, on the sample's real figures (issue 15): nothing outside the Decree 30 margins, no number
    // split across lines, the heading's lines whole, the signature on a page with "Nơi nhận" and table rows.
    for (const report of ['noncash', 'changes', 'form10a', 'form10c', 'form10d'] as const) {
      const file = join(dir, `fit-${report}.pdf`);
      writeFileSync(file, Buffer.from((await produce(report, 'pdf')).contentBase64, 'base64'));
      const pages = pdfPages(file);
      for (const p of pages) {
        expect(wordsOutsideMargins(p), `${report} page ${p.number}`).toEqual([]);
        expect(malformedNumbers(p.words), `${report} page ${p.number}`).toEqual([]);
      }
      for (const line of [
        'ỦY BAN NHÂN DÂN',
        'PHƯỜNG ĐỨC NGHĨA',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
      ]) {
        expect(phraseOnOneLine(pages[0]!, line), `${report}: ${line}`).not.toBeNull();
      }
      const at = pagesWithPhrase(pages, 'TM. ỦY BAN NHÂN DÂN');
      expect(at, report).toHaveLength(1);
      const signed = pages[at[0]! - 1]!;
      expect(phraseOnOneLine(signed, 'Nơi nhận:'), report).not.toBeNull();
      // Table rows above the closing on its page: the repeated header or the last rows are there, not the closing alone.
      const closingTop = phraseOnOneLine(signed, 'Nơi nhận:')![0]!.yMin;
      expect(
        signed.words.filter((w) => w.yMax < closingTop && !(signed.number > 1 && w.text === String(signed.number)))
          .length,
        report,
      ).toBeGreaterThan(3);
    }
    const changes = pdfText(Buffer.from((await produce('changes', 'pdf')).contentBase64, 'base64'));
    expect(changes).toContain('DANH SÁCH');
    expect(changes).toContain('tăng, giảm');
    expect(changes).toContain('Trợ cấp xã hội hằng tháng');
  });

  it('each report as xlsx opens in LibreOffice with the same figures', async () => {
    await sampleWithSettings();
    const files = await Promise.all(
      (['noncash', 'changes', 'form10a', 'form10c', 'form10d'] as const).map((r) => produce(r, 'xlsx')),
    );
    const noncash = xlsxToCsvSheets(Buffer.from(files[0]!.contentBase64, 'base64'))[0]!;
    expect(noncash).toContain('ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA');
    expect(noncash).toContain('Tiến độ chi trả trợ cấp không dùng tiền mặt tháng 10/2024');
    const btxhLine = noncash.split('\n').find((l) => l.includes('Trợ cấp xã hội hằng tháng'))!;
    expect(btxhLine).toMatch(/"?410"?,"?237"?,"?32"?,"?90"?,"?51"?,"?141"?,"?34,4%"?,"?150"?,"?94%"?/);
    for (const f of files.slice(2))
      expect(xlsxToCsvSheets(Buffer.from(f.contentBase64, 'base64'))[0]).toContain('Tổng cộng');
    expect(xlsxToCsvSheets(Buffer.from(files[2]!.contentBase64, 'base64'))[0]!.replace(/[",.]/g, '')).toContain(
      '410410274000000410274000000',
    );
    expect(xlsxToCsvSheets(Buffer.from(files[1]!.contentBase64, 'base64'))[0]).toContain('TỔNG HỢP');
  }, 300_000);

  it('produced reports are audited with counts, not data', async () => {
    await sampleWithSettings();
    await produce('noncash', 'xlsx');
    const row = core
      .store!.sqlite.prepare(
        "SELECT detail_json FROM audit_log WHERE action = 'reports.produce' ORDER BY id DESC LIMIT 1",
      )
      .get() as { detail_json: string };
    const detail = JSON.parse(row.detail_json);
    expect(detail).toMatchObject({ format: 'xlsx', month: '2024-10', counts: { BTXH: 410, NCC: 37 } });
    expect(row.detail_json).not.toMatch(/\d{12}/);
  });
});

describe('increases and decreases (tăng/giảm)', () => {
  it('lists new, death, moved, other stop, suspension, resumption and level changes with decision numbers, and balances', async () => {
    core.setNow('2026-01-20T09:00:00+07:00');
    const enroll = async (name: string, group: string, month: string, extra = {}) =>
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: name, birthDate: '1950', ...extra }, 'BTXH', group, month),
      );
    const a = await enroll('Nguyễn Văn An', 'BTXH-6D', '2026-01');
    const b = await enroll('Trần Thị Bình', 'BTXH-6D', '2026-01');
    const c = await enroll('Lê Văn Cường', 'BTXH-6D', '2026-01');
    const d = await enroll('Phạm Thị Dung', 'BTXH-6D', '2026-01');
    const e = await enroll('Hoàng Văn Em', 'BTXH-6D', '2026-01');
    await enroll('Võ Thị Giang', 'BTXH-6D', '2026-01');
    core.setNow('2026-03-10T09:00:00+07:00');
    await enroll('Đặng Văn Hải', 'BTXH-6B', '2026-03');
    await core.ok('register.recordDeath', {
      personId: a.personId,
      deathDate: '15/02/2026',
      decision: { number: '21/QĐ-UBND', signedDate: '01/03/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
      funeral: { multiplier: 20, payeeName: 'Nguyễn Văn Con' },
    });
    await core.ok('register.moveAway', {
      personId: b.personId,
      movedDate: '10/02/2026',
      decision: { number: '22/QĐ-UBND', signedDate: '01/03/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
    });
    await core.ok('register.decide', {
      entitlementId: c.entitlementId!,
      kind: 'stop',
      decision: decision('2026-03', { number: '23/QĐ-UBND', reason: 'Không còn đủ điều kiện' }),
    });
    await core.ok('register.decide', {
      entitlementId: d.entitlementId!,
      kind: 'suspend',
      decision: decision('2026-03', { number: '24/QĐ-UBND', reason: '3 tháng liên tiếp không nhận' }),
    });
    await core.ok('register.decide', {
      entitlementId: e.entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-6B',
      decision: decision('2026-03', { number: '25/QĐ-UBND' }),
    });

    const o = await core.job('reports.overview', { month: '2026-03' });
    const byKind = (k: string) => o.changes.lines.filter((l) => l.kind === k);
    expect(byKind('new').map((l) => [l.fullName, l.decisionNumber])).toEqual([['Đặng Văn Hải', '12/QĐ-UBND']]);
    expect(byKind('stopped_death').map((l) => [l.fullName, l.decisionNumber])).toEqual([
      ['Nguyễn Văn An', '21/QĐ-UBND'],
    ]);
    expect(byKind('stopped_moved').map((l) => [l.fullName, l.decisionNumber])).toEqual([
      ['Trần Thị Bình', '22/QĐ-UBND'],
    ]);
    expect(byKind('stopped_other').map((l) => [l.fullName, l.decisionNumber, l.reason])).toEqual([
      ['Lê Văn Cường', '23/QĐ-UBND', 'Không còn đủ điều kiện'],
    ]);
    expect(byKind('suspended').map((l) => [l.fullName, l.amountBeforeVnd, l.amountAfterVnd])).toEqual([
      ['Phạm Thị Dung', 1_000_000, 0],
    ]);
    const level = byKind('level');
    expect(
      level.map((l) => [
        l.fullName,
        l.groupBefore,
        l.groupAfter,
        l.amountBeforeVnd,
        l.amountAfterVnd,
        l.decisionNumber,
      ]),
    ).toEqual([['Hoàng Văn Em', 'BTXH-6D', 'BTXH-6B', 1_000_000, 1_250_000, '25/QĐ-UBND']]);
    const s = o.changes.summary.find((x) => x.programme === 'BTXH')!;
    expect(s).toMatchObject({ opening: 6, increases: 1, decreases: 4, closing: 3 });
    expect(s.opening + s.increases - s.decreases).toBe(s.closing);
    // The funeral support of the death is in the 10a summary's funds for the period.
    const funeral = o.form10a.rows.find((r) => r.label === 'Hỗ trợ chi phí mai táng')!;
    expect(funeral.fundsPeriodVnd).toBe(10_000_000);

    // Resumption next month: an increase.
    core.setNow('2026-04-05T09:00:00+07:00');
    await core.ok('register.decide', {
      entitlementId: d.entitlementId!,
      kind: 'resume',
      decision: decision('2026-04', { number: '30/QĐ-UBND' }),
    });
    const april = await core.job('reports.overview', { month: '2026-04' });
    expect(april.changes.lines.map((l) => [l.kind, l.fullName, l.decisionNumber])).toEqual([
      ['resumed', 'Phạm Thị Dung', '30/QĐ-UBND'],
    ]);

    // The reports' one-pass loader gives exactly the register's per-month states.
    const loader = new PeriodLoader(core.store!);
    for (const m of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])
      expect(byId(loader.states(m))).toEqual(byId(loadStates(core.store!, m)));
    // Month after month it recomputes only what changed: the rows still equal a full computation, across
    // a death, a move, a stop, a suspension and resumption, an adjustment and a provincial standard level.
    core
      .store!.sqlite.prepare(
        "INSERT INTO standard_levels (programme_code, scope, effective_from, amount_vnd, basis) VALUES ('BTXH', 'province', '2026-05', 600000, 'QĐ tỉnh')",
      )
      .run();
    const stepwise = new PeriodLoader(core.store!);
    for (const m of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']) {
      expect(byId(stepwise.load(m).rows)).toEqual(byId(fullRows(m)));
    }
    expect(stepwise.load('2026-05').rows.find((r) => r.personId === e.personId)!.amountVnd).toBe(1_500_000);
  });

  it('the stepwise loader equals a full computation on the sample, including a birthday month by month', async () => {
    await importSample();
    const loader = new PeriodLoader(core.store!);
    for (const m of ['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'])
      expect(byId(loader.load(m).rows)).toEqual(byId(fullRows(m)));
  });

  it('the imported register is counted as the opening stock, not listed as 447 new people', async () => {
    await sampleWithSettings();
    const o = await core.job('reports.overview', { month: '2024-10' });
    expect(o.changes.lines).toHaveLength(0);
    // "Đầu kỳ 410", not "Tăng 410": the imported people were already receiving.
    const btxh = o.changes.summary.find((x) => x.programme === 'BTXH')!;
    expect(btxh).toMatchObject({ opening: 0, imported: 410, increases: 0, decreases: 0, closing: 410 });
    expect(o.changes.summary.find((x) => x.programme === 'NCC')).toMatchObject({
      opening: 0,
      imported: 37,
      increases: 0,
      closing: 37,
    });
    for (const x of o.changes.summary) expect(x.opening + x.imported + x.increases - x.decreases).toBe(x.closing);
    expect(o.changes.notes.join(' ')).toContain('447 chế độ đưa vào sổ');
    expect(o.changes.notes.join(' ')).toContain('số đầu kỳ');
    // The next month starts from them: no opening stock, the imported people are last month's.
    const next = await core.job('reports.overview', { month: '2024-11' });
    expect(next.changes.summary.find((x) => x.programme === 'BTXH')).toMatchObject({ opening: 410, imported: 0 });
    expect(byId(new PeriodLoader(core.store!).states('2024-10'))).toEqual(byId(loadStates(core.store!, '2024-10')));
  });
});

describe('amount approved and amount paid', () => {
  it('a payroll built and approved through the payroll channels: "approved" equals the approved payroll, "due" the register, "paid" only what results record', async () => {
    await sampleWithSettings();
    core.as('accountant');
    const built = await core.job('payroll.build', { month: '2024-10' });
    const approved: Record<string, number> = {};
    for (const p of built.payrolls) approved[p.programme] = (await submitAndApprove(core, p.id, 'approver')).totalVnd;
    const o = await core.job('reports.overview', { month: '2024-10' });
    const btxh = o.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)!;
    const ncc = o.nonCash.rows.find((r) => r.programme === 'NCC' && r.groupKey === null)!;
    expect(btxh.approvedVnd).toBe(approved.BTXH);
    expect(ncc.approvedVnd).toBe(approved.NCC);
    // The sample has no arrears or funeral money: the approved payroll is exactly the register's month.
    expect(btxh.approvedVnd).toBe(btxh.dueVnd);
    expect(ncc.approvedVnd).toBe(ncc.dueVnd);
    const groups = o.nonCash.rows.filter((r) => r.programme === 'BTXH' && r.groupKey !== null);
    for (const g of groups) expect(g.approvedVnd).toBe(g.dueVnd);
    expect(o.nonCash.notes.join(' ')).not.toContain('Chưa có bảng chi trả');
    // Approved is not paid: no result recorded yet, nothing paid.
    expect(btxh.paidVnd).toBe(0);
    expect(ncc.paidVnd).toBe(0);

    // The officer records the cash paid in one neighbourhood: "Đã chi" is exactly those lines' money.
    core.as('officer');
    const btxhPayroll = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
    const db = core.store!.sqlite;
    const cashInKp1 = db
      .prepare(
        "SELECT COALESCE(SUM(amount_vnd), 0) AS vnd, COUNT(*) AS n FROM payroll_lines WHERE payroll_id = ? AND method IN ('CASH_WARD', 'POST_OFFICE') AND neighbourhood_name = 'Khu phố 1'",
      )
      .get(btxhPayroll) as { vnd: number; n: number };
    expect(cashInKp1.n).toBeGreaterThan(0);
    const marked = await core.ok('payrollResults.markCash', {
      payrollId: btxhPayroll,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
    });
    expect(marked.amountVnd).toBe(cashInKp1.vnd);
    const after = await core.job('reports.overview', { month: '2024-10' });
    const btxhAfter = after.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)!;
    expect(btxhAfter.paidVnd).toBe(cashInKp1.vnd);
    expect(btxhAfter.approvedVnd).toBe(approved.BTXH);
    expect(btxhAfter.paidVnd).toBeLessThan(btxhAfter.approvedVnd!);
    // Per group, the paid money adds up to the programme's.
    const paidGroups = after.nonCash.rows
      .filter((r) => r.programme === 'BTXH' && r.groupKey !== null)
      .reduce((sum, g) => sum + (g.paidVnd ?? 0), 0);
    expect(paidGroups).toBe(cashInKp1.vnd);
    expect(after.nonCash.rows.find((r) => r.programme === 'NCC' && r.groupKey === null)!.paidVnd).toBe(0);
  }, 60_000);

  it('the non-cash report shows the approved payroll money per programme and group, and paid only for lines recorded paid', async () => {
    await sampleWithSettings();
    const db = core.store!.sqlite;
    const payroll = Number(
      db
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2024-10', 'BTXH', 'draft', '2024-10-20T00:00:00Z')",
        )
        .run().lastInsertRowid,
    );
    const line = db.prepare(
      "INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, group_code, amount_vnd, method) VALUES (?, 1, 'regular', 'X', ?, ?, 'CASH_WARD')",
    );
    line.run(payroll, 'BTXH-5C', 500_000);
    line.run(payroll, 'BTXH-5C', 500_000);
    line.run(payroll, null, 10_000_000);
    db.prepare("UPDATE payrolls SET status = 'approved' WHERE id = ?").run(payroll);
    const o = await core.job('reports.overview', { month: '2024-10' });
    expect(o.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)!.approvedVnd).toBe(11_000_000);
    expect(o.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === 'BTXH-5C')!.approvedVnd).toBe(1_000_000);
    expect(o.nonCash.rows.find((r) => r.programme === 'NCC' && r.groupKey === null)!.approvedVnd).toBe(0);
    expect(o.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)!.paidVnd).toBe(0);
    // One 500.000 line of BTXH-5C paid (a recorded attempt; the line's status follows it).
    const first = db
      .prepare("SELECT id FROM payroll_lines WHERE payroll_id = ? AND group_code = 'BTXH-5C' ORDER BY id LIMIT 1")
      .pluck()
      .get(payroll) as number;
    db.prepare(
      "INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at) VALUES (?, 1, 'paid', '2024-10-25T03:00:00Z')",
    ).run(first);
    db.prepare("UPDATE payroll_lines SET status = 'paid' WHERE id = ?").run(first);
    const paid = await core.job('reports.overview', { month: '2024-10' });
    expect(paid.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === null)).toMatchObject({
      approvedVnd: 11_000_000,
      paidVnd: 500_000,
    });
    expect(paid.nonCash.rows.find((r) => r.programme === 'BTXH' && r.groupKey === 'BTXH-5C')).toMatchObject({
      approvedVnd: 1_000_000,
      paidVnd: 500_000,
    });
  });
});

describe('export for the province (USB hand-off)', () => {
  const ALL: ReportKind[] = ['noncash', 'changes', 'form10a', 'form10c', 'form10d'];

  it('writes one folder with PDF + xlsx per report, a manifest and SHA256SUMS that `sha256sum -c` accepts; audited with counts', async () => {
    await sampleWithSettings();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const r = await core.job('reports.exportProvince', {
      month: '10/2024',
      folder: usb,
      reports: ALL,
      confirmPersonalData: true,
      clear: true,
    });
    expect(r.verified).toBe(true);
    expect(readdirSync(usb)).toEqual(['bao-cao-gui-tinh-2024-10']);
    const files = readdirSync(r.folder).sort();
    expect(files).toEqual(
      [
        'DOC-TOI.txt',
        'SHA256SUMS',
        'manifest.json',
        'mau-10a-2024-07_2024-10.json',
        'mau-10a-2024-07_2024-10.pdf',
        'mau-10a-2024-07_2024-10.xlsx',
        'mau-10c-2024-07_2024-10.json',
        'mau-10c-2024-07_2024-10.pdf',
        'mau-10c-2024-07_2024-10.xlsx',
        'mau-10d-2024-07_2024-10.json',
        'mau-10d-2024-07_2024-10.pdf',
        'mau-10d-2024-07_2024-10.xlsx',
        'tang-giam-2024-10.json',
        'tang-giam-2024-10.pdf',
        'tang-giam-2024-10.xlsx',
        'tien-do-khong-tien-mat-2024-10.json',
        'tien-do-khong-tien-mat-2024-10.pdf',
        'tien-do-khong-tien-mat-2024-10.xlsx',
      ].sort(),
    );
    const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.folder, encoding: 'utf8' });
    expect(check.trim().split('\n')).toHaveLength(17);
    expect(check).not.toContain('FAILED');
    const manifest = JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      appVersion: 'test',
      createdBy: { username: 'canbo', fullName: 'Trần Thị Hường' },
      office: { unitName: 'UBND phường Đức Nghĩa', province: 'Lâm Đồng' },
      period: { month: '2024-10', from: '2024-07', yearFrom: '2024-01' },
      containsPersonalData: true,
      // The build and the register's schema (issue 18): 'dev' when the app runs from sources.
      buildDate: 'dev',
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(manifest.reports.map((x: { kind: string }) => x.kind)).toEqual(ALL);
    expect(manifest.reports[2].recipients).toEqual(['Sở Y tế tỉnh Lâm Đồng', 'UBND tỉnh Lâm Đồng']);
    const text = readFileSync(join(r.folder, 'DOC-TOI.txt'), 'utf8');
    expect(text).toContain('UBND phường Đức Nghĩa');
    expect(text).toContain('số định danh');
    expect(text).toContain(`Phiên bản phần mềm: test (đóng gói ngày dev; lược đồ dữ liệu số ${LATEST_SCHEMA_VERSION})`);
    // A person reads it: local time, zero-padded, and sizes in KB/MB, never an ISO UTC stamp or "byte".
    const local = formatLocalDateTime(manifest.createdAt, { seconds: true });
    expect(text).toContain(`Thời điểm lập: ${local} (giờ GMT`);
    expect(text).toMatch(/Thời điểm lập: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \(giờ GMT[+-]\d/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:|Z\b|\bbyte/);
    expect(text).toMatch(/- tien-do-khong-tien-mat-2024-10\.pdf \(\d+ KB\)/);
    // The PDFs in the folder read back with their Vietnamese text.
    expect(pdfText(readFileSync(join(r.folder, 'tien-do-khong-tien-mat-2024-10.pdf')))).toContain(
      'Tiến độ chi trả trợ cấp không dùng tiền mặt',
    );
    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'reports.exportProvince'")
      .get() as { detail_json: string };
    expect(
      core
        .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'sensitive.exportClear'")
        .pluck()
        .all(),
    ).toHaveLength(1);
    expect(JSON.parse(audit.detail_json)).toMatchObject({
      files: 18,
      containsPersonalData: true,
      encrypted: false,
      reports: [
        { kind: 'noncash', counts: { BTXH: 410, NCC: 37 } },
        { kind: 'changes' },
        { kind: 'form10a' },
        { kind: 'form10c' },
        { kind: 'form10d' },
      ],
    });
  }, 60_000);

  it('asks for confirmation before writing citizen IDs; reports without them need none', async () => {
    await sampleWithSettings();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const refused = await core.fail('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ['changes'],
      clear: true,
    });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('số định danh');
    expect(refused.issues?.[0]?.path).toBe('confirmPersonalData');
    expect(readdirSync(usb)).toEqual([]);
    const r = await core.job('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ['noncash'],
      clear: true,
    });
    expect(JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8')).containsPersonalData).toBe(false);
  });

  it('is encrypted by default (.sasbak): a passphrase is required unless clear is chosen; the checksums verify and the right passphrase opens them', async () => {
    await sampleWithSettings();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const none = await core.fail('reports.exportProvince', { month: '2024-10', folder: usb, reports: ['noncash'] });
    expect(none).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'passphrase' }] });
    const short = await core.fail('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ['noncash'],
      passphrase: 'ngan',
    });
    expect(short.issues?.[0]?.path).toBe('passphrase');
    const r = await core.job('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ['noncash'],
      passphrase: 'mat-khau-gui-tinh',
    });
    const names = readdirSync(r.folder).sort();
    expect(names.filter((n) => /\.(pdf|xlsx)/.test(n)).every((n) => n.endsWith('.sasbak'))).toBe(true);
    expect(names.filter((n) => n.endsWith('.sasbak'))).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8')).encrypted).toBe(true);
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.folder, encoding: 'utf8' });
    const encrypted = join(
      r.folder,
      names.find((n) => n.endsWith('.pdf.sasbak'))!,
    );
    expect(readFileSync(encrypted).includes(Buffer.from('%PDF'))).toBe(false);
    await expect(decryptFile(encrypted, join(dir, 'wrong.pdf'), 'sai-mat-khau')).rejects.toThrow();
    await decryptFile(encrypted, join(dir, 'report.pdf'), 'mat-khau-gui-tinh');
    expect(pdfText(readFileSync(join(dir, 'report.pdf')))).toContain('chuyển khoản');
  });

  it('leaves protected groups blank in the tăng/giảm list unless the officer includes them (audited)', async () => {
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Lê Thị Hường', birthDate: '05/08/1974', gender: 'female', citizenId: '060174025039' },
        'BTXH',
        'BTXH-8',
        '2026-11',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Nguyễn Văn Ơn', birthDate: '1940', citizenId: '001040000123' },
        'BTXH',
        'BTXH-6D',
        '2026-11',
      ),
    );
    const listed = async (name: string, extra: Record<string, unknown>) => {
      const usb = join(dir, name);
      mkdirSync(usb);
      const r = await core.job('reports.exportProvince', {
        month: '2026-11',
        folder: usb,
        reports: ['changes'],
        confirmPersonalData: true,
        clear: true,
        ...extra,
      });
      return xlsxToCsvSheets(readFileSync(join(r.folder, 'tang-giam-2026-11.xlsx'))).join('\n');
    };
    const plain = await listed('usb1', {});
    expect(plain).toContain('060174025039');
    // Groups by name (issue 15): the protected one blank.
    expect(plain).toContain('Người khuyết tật nặng là trẻ em hoặc người cao tuổi');
    expect(plain).not.toContain('HIV');
    expect(plain).not.toContain('BTXH-');
    core.as('accountant');
    const refused = await core.fail('reports.exportProvince', {
      month: '2026-11',
      folder: dir,
      reports: ['changes'],
      confirmPersonalData: true,
      clear: true,
      includeProtectedGroups: true,
    });
    expect(refused.code).toBe('FORBIDDEN');
    core.as('officer');
    expect(await listed('usb2', { includeProtectedGroups: true })).toContain(
      'Người nhiễm HIV thuộc hộ nghèo không có nguồn thu nhập ổn định',
    );
    const actions = core
      .store!.sqlite.prepare(
        "SELECT action, user_name FROM audit_log WHERE action IN ('access.denied', 'sensitive.exportProtectedGroups') ORDER BY id",
      )
      .all();
    expect(actions).toEqual([
      { action: 'access.denied', user_name: 'ketoan' },
      { action: 'sensitive.exportProtectedGroups', user_name: 'canbo' },
    ]);
  }, 60_000);

  it('a missing folder (stick pulled out) fails with a clear message and writes nothing', async () => {
    await sampleWithSettings();
    const gone = join(dir, 'usb-removed');
    await expect(
      core.job('reports.exportProvince', { month: '2024-10', folder: gone, reports: ['noncash'], clear: true }),
    ).rejects.toThrow(/USB đã bị rút ra/);
    expect(existsSync(gone)).toBe(false);
    expect(
      core
        .store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'reports.exportProvince'")
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('a stick removed while the export runs (building or writing) leaves no folder that looks complete', async () => {
    await sampleWithSettings();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const { jobId } = await core.ok('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ALL,
      confirmPersonalData: true,
      clear: true,
    });
    // Pull the stick out (remove the folder) once the job starts writing files.
    let status: { state: string; label: string; error?: { message: string } };
    for (;;) {
      status = await core.ok('jobs.get', { jobId });
      if (
        status.state !== 'running' ||
        status.label.startsWith('Đang ghi tệp') ||
        status.label.startsWith('Đang tạo Excel: Tổng hợp chính sách đối với người khuyết tật')
      )
        break;
      await new Promise((r) => setTimeout(r, 1));
    }
    execFileSync('rm', ['-rf', usb]);
    for (;;) {
      status = await core.ok('jobs.get', { jobId });
      if (status.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(status.state).toBe('failed');
    expect(status.error?.message).toMatch(/USB|thư mục/);
    expect(existsSync(usb)).toBe(false);
  }, 60_000);

  it('Cancel midway leaves nothing in the folder and nothing in the audit log', async () => {
    await sampleWithSettings();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const { jobId } = await core.ok('reports.exportProvince', {
      month: '2024-10',
      folder: usb,
      reports: ALL,
      confirmPersonalData: true,
      clear: true,
    });
    for (;;) {
      const s = await core.ok('jobs.get', { jobId });
      if (s.done >= 3) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    await core.ok('jobs.cancel', { jobId });
    let state = 'running';
    while (state === 'running') {
      state = (await core.ok('jobs.get', { jobId })).state;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(state).toBe('cancelled');
    expect(readdirSync(usb)).toEqual([]);
    expect(
      core
        .store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'reports.exportProvince'")
        .pluck()
        .get(),
    ).toBe(0);
  }, 60_000);
});

describe('report rules', () => {
  it('recipients follow their "Loại báo cáo" setting: empty gets everything, BTXH/bảo trợ → social assistance, NCC/người có công → meritorious', () => {
    const office = {
      ...OFFICE,
      reportRecipients: [
        { name: 'Sở Y tế', scope: 'Báo cáo bảo trợ xã hội' },
        { name: 'Sở Nội vụ', scope: 'Người có công' },
        { name: 'UBND tỉnh', scope: '' },
        { name: 'Kho bạc', scope: 'khác' },
      ],
    };
    expect(recipientsFor(office, ['BTXH'])).toEqual(['Sở Y tế', 'UBND tỉnh']);
    expect(recipientsFor(office, ['NCC'])).toEqual(['Sở Nội vụ', 'UBND tỉnh']);
    expect(recipientsFor(office, ['BTXH', 'NCC'])).toEqual(['Sở Y tế', 'Sở Nội vụ', 'UBND tỉnh']);
  });

  it('the default period is the half-year of the month; an explicit start is kept; the year to date starts in January', () => {
    expect(resolvePeriod('2024-10')).toEqual({ month: '2024-10', from: '2024-07', yearFrom: '2024-01' });
    expect(resolvePeriod('2024-03')).toEqual({ month: '2024-03', from: '2024-01', yearFrom: '2024-01' });
    expect(resolvePeriod('2024-10', '2023-11')).toEqual({ month: '2024-10', from: '2023-11', yearFrom: '2024-01' });
    expect(resolvePeriod('2024-10', '2024-12').from).toBe('2024-07');
    expect(monthsNeeded(['changes'], resolvePeriod('2024-01'))).toEqual(['2023-12', '2024-01']);
    expect(monthsNeeded(['noncash'], resolvePeriod('2024-01'))).toEqual([]);
  });
});
