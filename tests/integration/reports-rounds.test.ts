import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportsOverview } from '@shared/api/reports';
import type { RoundDetail } from '@shared/api/rounds';
import { submitAndApproveRound } from '../support/rounds';
import { formatVnd } from '@shared/domain/money';
import { provinceDataSchema } from '@shared/domain/province-data';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { malformedNumbers, pdfPages, pdfText, wordsOutsideMargins } from '../support/pdf';
import { submitAndApprove } from '../support/payroll-review';
import { eachTestCore, enrollNew, testCore, type TestCore } from '../support/register';

// One-off rounds in the ward's reports (issue 16), on real SQLite files: a January 2027 with approved
// payrolls and an approved Tết round (NCC by category and BTXH elders), beside a round still waiting for
// approval, a draft, and approved rounds dated in December and February. Only the approved round dated in
// the month counts: in the non-cash report (its own table and the money totals), in forms 10a/10c (their
// own section and the grand total), in the PDF (pdftotext), the xlsx (LibreOffice) and the province export,
// which the receiving office still imports.

let core: TestCore;
let dir: string;
eachTestCore((fresh) => {
  core = fresh.core;
  dir = fresh.dir;
});

const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  wardCode: '22978',
  reportRecipients: [{ name: 'Sở Y tế tỉnh Lâm Đồng', scope: '' }],
};

async function ncc(name: string, category: string, citizenId: string): Promise<number> {
  const r = await core.ok('register.enroll', {
    ...enrollNew({ fullName: name, birthDate: '1948', citizenId }, 'NCC', undefined, '2026-12'),
    categoryLabel: category,
    components: [{ kind: 'main', label: 'Trợ cấp hằng tháng', amountVnd: 2_789_000 }],
  });
  return r.personId;
}

const basis = (number: string, date: string, roundDate: string) => ({
  basisNumber: number,
  basisDate: date,
  basisIssuer: 'UBND tỉnh Lâm Đồng',
  roundDate,
});

const approve = (roundId: number): Promise<RoundDetail> => submitAndApproveRound(core, roundId);

interface January {
  tet: RoundDetail;
  payroll: Record<string, number>;
}

/** Five people, the January payrolls approved, the Tết round approved; other rounds that must not count. */
async function january(): Promise<January> {
  core.setNow('2027-01-05T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  core.as('officer');
  const a = await ncc('Nguyễn Văn An', 'Thương binh 61%', '048048000101');
  await ncc('Trần Thị Bình', 'Bệnh binh 41%', '048148000102');
  await ncc('Lê Thị Cúc', 'Thân nhân liệt sĩ', '048148000103');
  for (const [name, id] of [
    ['Đỗ Thị Giang', '048140000104'],
    ['Võ Văn Hòa', '048040000105'],
  ] as const)
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: name, birthDate: '1940', citizenId: id }, 'BTXH', 'BTXH-5C', '2027-01'),
    );
  const pension = enrollNew(
    { fullName: 'Kha Văn Lão', birthDate: '1940', citizenId: '048040000106' },
    'HTXH',
    'HTXH-1',
    '2027-01',
  );
  await core.ok('register.enroll', {
    ...pension,
    decision: { ...pension.decision, eligibilityReason: 'Giấy xác nhận của BHXH: không hưởng lương hưu' },
  });
  await core.ok('payout.change', {
    personId: a,
    method: 'OWN_ACCOUNT',
    effectiveMonth: '2027-01',
    account: {
      new: {
        bankCode: 'AGRIBANK',
        branch: 'Chi nhánh Phan Thiết',
        accountNumber: '0123456789012',
        holderName: 'Nguyễn Văn An',
      },
    },
    note: '',
  });

  // An approved round of December 2026 (outside January, outside the year 2027).
  const december = await core.ok('rounds.create', {
    name: 'Quà Giáng sinh thử',
    ...basis('90/QĐ-UBND', '01/12/2026', '22/12/2026'),
    rules: [{ label: 'Người có công', programme: 'NCC', categories: ['Thương binh'], amountVnd: 100_000 }],
  });
  await approve(december.round.id);

  core.as('accountant');
  const built = await core.job('payroll.build', { month: '2027-01' });
  const payroll: Record<string, number> = {};
  for (const p of built.payrolls) payroll[p.programme] = (await submitAndApprove(core, p.id, 'officer')).totalVnd;

  const created = await core.ok('rounds.create', {
    name: 'Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh',
    ...basis('1234/QĐ-UBND', '02/01/2027', '20/01/2027'),
    rules: [
      {
        label: 'Thương binh, bệnh binh',
        programme: 'NCC',
        categories: ['Thương binh', 'Bệnh binh'],
        amountVnd: 600_000,
      },
      { label: 'Thân nhân liệt sĩ', programme: 'NCC', categories: ['Thân nhân liệt sĩ'], amountVnd: 300_000 },
      { label: 'Người cao tuổi', programme: 'BTXH', groups: ['BTXH-5C'], amountVnd: 400_000 },
      { label: 'Hưu trí xã hội', programme: 'HTXH', groups: ['HTXH-1'], amountVnd: 250_000 },
    ],
  });
  const tet = await approve(created.round.id);
  // Submitted, not approved: not money yet.
  const waiting = await core.ok('rounds.create', {
    name: 'Quà 27/7 chờ duyệt',
    ...basis('77/QĐ-UBND', '03/01/2027', '25/01/2027'),
    rules: [{ label: 'Người có công', programme: 'NCC', categories: ['Thương binh'], amountVnd: 9_000_000 }],
  });
  await core.ok('rounds.submit', { roundId: waiting.round.id });
  // A draft dated in the month.
  await core.ok('rounds.create', {
    name: 'Đợt nháp',
    ...basis('78/QĐ-UBND', '03/01/2027', '26/01/2027'),
    rules: [{ label: 'Bảo trợ', programme: 'BTXH', groups: ['BTXH-5C'], amountVnd: 7_000_000 }],
  });
  // An approved round of February.
  const february = await core.ok('rounds.create', {
    name: 'Quà Tết bổ sung tháng 2',
    ...basis('200/QĐ-UBND', '01/02/2027', '05/02/2027'),
    rules: [{ label: 'Bảo trợ', programme: 'BTXH', groups: ['BTXH-5C'], amountVnd: 500_000 }],
  });
  await approve(february.round.id);
  return { tet, payroll };
}

const roundRows = (o: ReportsOverview) => o.nonCash.rounds;

/** LibreOffice's CSV as rows of cells (quoted cells unquoted), numbers without their thousands separators. */
function csvRows(csv: string): string[][] {
  const number = (cell: string) => (/^\d{1,3}([.,]\d{3})+$/.test(cell) ? cell.replace(/[.,]/g, '') : cell);
  return csv.split('\n').map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(number(cell));
        cell = '';
      } else cell += ch;
    }
    cells.push(number(cell));
    return cells;
  });
}

describe('one-off rounds in the reports', () => {
  it('the approved round dated in the month is in the non-cash report and forms 10a/10c, to the đồng; drafts, waiting and other months are not', async () => {
    const { tet, payroll } = await january();
    expect(tet.round).toMatchObject({ lineCount: 6, totalVnd: 2_550_000 });
    const o = await core.job('reports.overview', { month: '01/2027' });

    // Non-cash report: one round (the Tết round), its programmes adding up to its approved total.
    const rows = roundRows(o);
    const heads = rows.filter((r) => r.programme === null);
    expect(heads.map((r) => [r.name, r.basis, r.roundDate, r.recipients, r.approvedVnd])).toEqual([
      [
        'Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh',
        '1234/QĐ-UBND ngày 02/01/2027 của UBND tỉnh Lâm Đồng',
        '2027-01-20',
        tet.round.lineCount,
        tet.round.totalVnd,
      ],
    ]);
    const parts = rows.filter((r) => r.programme !== null);
    expect(parts.map((r) => [r.programme, r.recipients, r.approvedVnd])).toEqual([
      ['BTXH', 2, 800_000],
      ['NCC', 3, 1_500_000],
      ['HTXH', 1, 250_000],
    ]);
    expect(parts.reduce((s, r) => s + r.approvedVnd, 0)).toBe(tet.round.totalVnd);
    // By payout method, as the round's lines were paid: one NCC recipient by own account.
    expect(heads[0]!.byMethod).toEqual({ CASH_WARD: 5, POST_OFFICE: 0, OWN_ACCOUNT: 1, AUTHORIZED_ACCOUNT: 0 });
    expect([heads[0]!.nonCash, parts[1]!.nonCash]).toEqual([1, 1]);
    // The payroll columns keep the payroll's money only.
    const programmeRow = (p: string) => o.nonCash.rows.find((r) => r.programme === p && r.groupKey === null)!;
    expect(programmeRow('NCC').approvedVnd).toBe(payroll.NCC);
    expect(programmeRow('BTXH').approvedVnd).toBe(payroll.BTXH);
    // The money totals: payroll + rounds per programme, and in all.
    const totals = new Map(o.nonCash.moneyTotals.map((t) => [t.programme, t]));
    expect(totals.get('NCC')).toMatchObject({
      payrollVnd: payroll.NCC,
      roundsVnd: 1_500_000,
      totalVnd: payroll.NCC! + 1_500_000,
    });
    expect(totals.get('BTXH')).toMatchObject({
      payrollVnd: payroll.BTXH,
      roundsVnd: 800_000,
      totalVnd: payroll.BTXH! + 800_000,
    });
    const payrollSum = Object.values(payroll).reduce((s, v) => s + v, 0);
    expect(payrollSum).toBeGreaterThan(0);
    expect(totals.get(null)).toEqual({
      programme: null,
      programmeName: 'Tổng cộng',
      payrollVnd: payrollSum,
      roundsVnd: tet.round.totalVnd,
      totalVnd: payrollSum + tet.round.totalVnd,
    });

    // Form 10a: section 12 holds the round's BTXH money and recipients; the grand total adds it.
    const a = o.form10a.rows;
    const section = a.find((r) => r.no === '12')!;
    expect(section).toMatchObject({
      level: 'section',
      peoplePeriod: 2,
      fundsPeriodVnd: 800_000,
      fundsYearVnd: 800_000,
    });
    const items = a.filter((r) => r.no.startsWith('12.'));
    expect(items.map((r) => [r.no, r.fundsPeriodVnd, r.peoplePeriod])).toEqual([['12.1', 800_000, 2]]);
    expect(items[0]!.label).toContain('Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh');
    expect(items[0]!.label).toContain('1234/QĐ-UBND ngày 02/01/2027 của UBND tỉnh Lâm Đồng');
    const regular = a.filter((r) => r.level === 'section' && r.no !== '12').reduce((s, r) => s + r.fundsPeriodVnd, 0);
    expect(regular).toBe(payroll.BTXH); // no arrears: the register's month is the approved payroll
    expect(a[0]!.fundsPeriodVnd).toBe(regular + 800_000);
    expect(a[0]!.people).toBe(2); // recipients are counted under their group, not twice
    // Form 10c: the social-pension round money in its own section and total; 10d unchanged.
    const c = o.form10c.rows;
    expect(c.find((r) => r.no === '4')).toMatchObject({ fundsPeriodVnd: 250_000, peoplePeriod: 1 });
    expect(c.find((r) => r.no === '4.1')!.fundsPeriodVnd).toBe(250_000);
    const cSections = c.filter((r) => r.level === 'section').reduce((s, r) => s + r.fundsPeriodVnd, 0);
    expect(c[0]!.fundsPeriodVnd).toBe(cSections);
    expect(o.form10d.rows.some((r) => r.label.includes('đợt chi'))).toBe(false);

    // February: only the February round; 10a's year to date has both January and February rounds.
    const feb = await core.job('reports.overview', { month: '02/2027', from: '02/2027' });
    expect(
      roundRows(feb)
        .filter((r) => r.programme === null)
        .map((r) => [r.name, r.approvedVnd]),
    ).toEqual([['Quà Tết bổ sung tháng 2', 1_000_000]]);
    expect(feb.nonCash.moneyTotals.at(-1)).toMatchObject({
      payrollVnd: null,
      roundsVnd: 1_000_000,
      totalVnd: 1_000_000,
    });
    // The same two elders got both rounds: two people in the year, not four.
    expect(feb.form10a.rows.find((r) => r.no === '12')).toMatchObject({
      people: 2,
      peoplePeriod: 2,
      fundsPeriodVnd: 1_000_000,
      peopleYear: 2,
      fundsYearVnd: 1_800_000,
    });
    expect(feb.form10a.rows.find((r) => r.no === '12.1')).toMatchObject({ people: 0, peoplePeriod: 0, peopleYear: 2 });
    expect(
      feb.form10a.rows.filter((r) => r.no.startsWith('12.')).map((r) => [r.fundsPeriodVnd, r.fundsYearVnd]),
    ).toEqual([
      [0, 800_000],
      [1_000_000, 1_000_000],
    ]);

    // December has its own round; November none (no round rows, no round money).
    const dec = await core.job('reports.overview', { month: '12/2026' });
    expect(
      roundRows(dec)
        .filter((r) => r.programme === null)
        .map((r) => [r.name, r.approvedVnd]),
    ).toEqual([['Quà Giáng sinh thử', 100_000]]);
    const nov = await core.job('reports.overview', { month: '11/2026' });
    expect(nov.nonCash.rounds).toEqual([]);
    expect(nov.nonCash.moneyTotals.at(-1)).toMatchObject({ roundsVnd: 0 });
    expect(nov.form10a.rows.filter((r) => r.no.startsWith('12.'))).toEqual([]);
  }, 120_000);

  it('the non-cash PDF (pdftotext) and xlsx (LibreOffice) and form 10a show the round and the totals', async () => {
    const { tet, payroll } = await january();
    const produce = async (report: 'noncash' | 'form10a', format: 'pdf' | 'xlsx') =>
      Buffer.from((await core.job('reports.produce', { report, format, month: '01/2027' })).contentBase64, 'base64');
    const grand = Object.values(payroll).reduce((s, v) => s + v, 0) + tet.round.totalVnd;
    const dots = formatVnd;

    const pdfFile = join(dir, 'noncash.pdf');
    writeFileSync(pdfFile, await produce('noncash', 'pdf'));
    // Reading order, whitespace collapsed: a cell's words wrap onto several lines of its column.
    const text = pdfText(pdfFile).replace(/\s+/g, ' ');
    for (const s of [
      'II. CHI MỘT LẦN THEO ĐỢT CHI ĐÃ PHÊ DUYỆT',
      'Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh',
      '1234/QĐ-UBND ngày 02/01/2027',
      '20/01/2027',
      'Cộng các đợt chi',
      'III. TỔNG SỐ TIỀN ĐÃ DUYỆT CHI TRONG THÁNG',
      dots(tet.round.totalVnd),
      dots(grand),
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('Quà 27/7 chờ duyệt');
    expect(text).not.toContain('Đợt nháp');
    expect(text).not.toContain('Quà Tết bổ sung tháng 2');
    expect(text).not.toContain('Quà Giáng sinh thử');
    // Still fit to sign: nothing outside the Decree 30 margins, no number split across lines.
    for (const p of pdfPages(pdfFile)) {
      expect(wordsOutsideMargins(p), `page ${p.number}`).toEqual([]);
      expect(malformedNumbers(p.words), `page ${p.number}`).toEqual([]);
    }

    const sheet = csvRows(xlsxToCsvSheets(await produce('noncash', 'xlsx'))[0]!);
    const row = (label: string) => sheet.filter((r) => r.includes(label)).at(-1)!;
    const after = (label: string) => row(label).slice(row(label).indexOf(label) + 1);
    expect(after('Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh').filter(Boolean)).toEqual([
      '1234/QĐ-UBND ngày 02/01/2027 của UBND tỉnh Lâm Đồng',
      '20/01/2027',
      ...['6', '5', '0', '1', '0', '1', String(tet.round.totalVnd)],
    ]);
    expect(after('Cộng các đợt chi').filter(Boolean)).toEqual([
      '6',
      '5',
      '0',
      '1',
      '0',
      '1',
      String(tet.round.totalVnd),
    ]);
    const payrollSum = Object.values(payroll).reduce((s, v) => s + v, 0);
    expect(after('Tổng cộng').filter(Boolean)).toEqual([String(payrollSum), String(tet.round.totalVnd), String(grand)]);

    const form = join(dir, '10a.pdf');
    writeFileSync(form, await produce('form10a', 'pdf'));
    const formText = pdfText(form).replace(/\s+/g, ' ');
    expect(formText).toContain('Chi một lần theo đợt chi');
    expect(formText).toContain('Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh');
    const formRows = csvRows(xlsxToCsvSheets(await produce('form10a', 'xlsx'))[0]!);
    expect(
      formRows
        .find((r) => r[0] === '12.1')!
        .slice(2)
        .filter(Boolean),
    ).toEqual(['2', '2', '800000', '2', '800000']);
  }, 180_000);

  it('the province export carries the rounds (optional within data version 1) and the receiving office imports it', async () => {
    const { tet } = await january();
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const r = await core.job('reports.exportProvince', {
      month: '01/2027',
      folder: usb,
      reports: ['noncash', 'form10a'],
      confirmPersonalData: true,
      clear: true,
    });
    const raw = JSON.parse(readFileSync(join(r.folder, 'tien-do-khong-tien-mat-2027-01.json'), 'utf8')) as unknown;
    const data = provinceDataSchema.parse(raw);
    expect(data.dataVersion).toBe(1);
    if (data.report !== 'noncash') throw new Error('noncash expected');
    const heads = (data.data.rounds ?? []).filter((x) => x.programme === null);
    expect(heads.map((x) => [x.name, x.recipients, x.approvedVnd])).toEqual([
      ['Quà Tết Nguyên đán Đinh Mùi 2027 của tỉnh', 6, tet.round.totalVnd],
    ]);
    // The receiving office (another register) takes the folder; its form 10a sum includes the round section.
    const office17 = testCore(dir, '2027-01-20T09:00:00+07:00', 'tong-hop.sqlite');
    try {
      office17.as('admin');
      await office17.ok('settings.saveOffice', { ...office, unitName: 'Sở Y tế tỉnh Lâm Đồng', wardCode: '' });
      await office17.ok('receiving.setMode', { mode: 'receiving' });
      office17.as('officer');
      const received = await office17.job('receiving.receive', { folder: r.folder });
      expect(received).toMatchObject({ received: 1, refused: 0 });
      const v = await office17.ok('receiving.consolidate', { month: '01/2027' });
      expect(v.forms.form10a.rows.find((x) => x.no === '12')!.fundsPeriodVnd).toBe(800_000);
    } finally {
      office17.close();
    }
  }, 180_000);
});
