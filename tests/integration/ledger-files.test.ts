import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import { amountInWords } from '@shared/domain/money';
import type { ArrearsList, PersonLedger } from '@shared/api/ledger';
import { documentDefinition, officeNames, renderPdf, A4_PORTRAIT } from '../../main/documents';
import { personHistoryContent } from '../../main/services/ledger-files/person-pdf';
import { renderArrearsPdf, writeArrearsWorkbook } from '../../main/services/ledger-files/arrears-list';
import { tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { enrollNew, testCore, type TestCore } from '../support/register';

// The ledger's printouts: a person's money history (PDF for the file) and the ward's truy lĩnh / truy
// thu list (PDF, xlsx). The documents are laid out from the ledger contract's shapes (shared/api/ledger.ts)
// and read back by pdftotext and LibreOffice; the channels are checked for roles, audit and the folder.

let dir: string;
let cleanup: () => void;
let core: TestCore;
const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND thành phố Phan Thiết',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  deputyChairmanName: '',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const pdfText = (buffer: Buffer, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, buffer);
  return oneLine(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }));
};

/** A death recorded late: August died, September–November paid (overpaid), July's arrears held for the heir. */
const LEDGER: PersonLedger = {
  personId: 1,
  months: [
    {
      serviceMonth: '2026-07',
      component: 'allowance',
      entitlementId: 5,
      label: 'Trợ cấp xã hội hằng tháng',
      owedVnd: 750_000,
      paidVnd: 0,
      differenceVnd: 750_000,
      paidBy: [],
    },
    {
      serviceMonth: '2026-08',
      component: 'allowance',
      entitlementId: 5,
      label: 'Trợ cấp xã hội hằng tháng',
      owedVnd: 750_000,
      paidVnd: 750_000,
      differenceVnd: 0,
      paidBy: [{ payrollId: 3, payrollMonth: '2026-08', programme: 'BTXH', lineId: 31, amountVnd: 750_000 }],
    },
    {
      serviceMonth: '2026-09',
      component: 'allowance',
      entitlementId: 5,
      label: 'Trợ cấp xã hội hằng tháng',
      owedVnd: 0,
      paidVnd: 750_000,
      differenceVnd: -750_000,
      paidBy: [{ payrollId: 4, payrollMonth: '2026-09', programme: 'BTXH', lineId: 41, amountVnd: 750_000 }],
    },
  ],
  totals: { owedVnd: 1_500_000, paidVnd: 1_500_000, arrearsVnd: 750_000, overpaidVnd: 750_000 },
  heldForHeir: [
    {
      component: 'allowance',
      programme: 'BTXH',
      fromMonth: '2026-07',
      toMonth: '2026-07',
      months: 1,
      amountVnd: 750_000,
      status: 'held',
    },
  ],
  overpayments: [
    {
      personId: 1,
      component: 'allowance',
      programme: 'BTXH',
      fromMonth: '2026-09',
      toMonth: '2026-09',
      months: 1,
      amountVnd: 750_000,
      recoveredVnd: 0,
      openVnd: 750_000,
      status: 'open',
      reason: 'death',
      reasonText: 'Đã chi sau khi người hưởng từ trần',
      recoveries: [],
    },
  ],
  heir: null,
};

const LIST: ArrearsList = {
  month: '2026-12',
  arrears: [
    {
      payrollId: 9,
      payrollStatus: 'draft',
      lineId: 90,
      personId: 2,
      fullName: 'Trần Văn Bình',
      neighbourhood: 'Khu phố 1',
      programme: 'BTXH',
      component: 'allowance',
      fromMonth: '2026-01',
      toMonth: '2026-03',
      months: 3,
      amountVnd: 2_250_000,
      reason: 'late_decision',
      reasonText: 'Quyết định đến muộn',
      receiverName: 'Trần Văn Bình',
      method: 'CASH_WARD',
    },
    {
      payrollId: 9,
      payrollStatus: 'draft',
      lineId: 91,
      personId: 1,
      fullName: 'Võ Thị Cúc',
      neighbourhood: 'Khu phố 2',
      programme: 'BTXH',
      component: 'allowance',
      fromMonth: '2026-07',
      toMonth: '2026-07',
      months: 1,
      amountVnd: 750_000,
      reason: 'death',
      reasonText: 'Tiền còn được hưởng của người đã mất',
      receiverName: 'Võ Văn Hải',
      method: 'CASH_WARD',
    },
  ],
  overpayments: [{ ...LEDGER.overpayments[0]!, fullName: 'Võ Thị Cúc', neighbourhood: 'Khu phố 2' }],
  held: [
    {
      ...LEDGER.heldForHeir[0]!,
      personId: 7,
      fullName: 'Lê Văn Ơn',
      neighbourhood: 'Khu phố 1',
      deathDate: '2026-08-10',
    },
  ],
  totals: {
    arrearsVnd: 3_000_000,
    arrearsCount: 2,
    overpaidOpenVnd: 750_000,
    overpaymentCount: 1,
    heldVnd: 750_000,
    heldCount: 1,
  },
};
const NAMES = new Map([['BTXH', 'Trợ cấp xã hội hằng tháng']]);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-12-15T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  core.as('officer');
}, 60_000);
afterAll(() => {
  core.close();
  cleanup();
});

describe("a person's money history as a PDF", () => {
  it('month by month owed, paid, difference and the payroll line; held money, the heir missing, overpayments; amounts in words', async () => {
    const person = {
      full_name: 'Võ Thị Cúc',
      birth_date: '1940-05-02',
      birth_precision: 'day' as const,
      citizen_id: '001140012345',
      address: '12 Trần Phú',
      neighbourhood: 'Khu phố 2',
      death_date: '2026-08-10',
      moved_away_date: null,
    };
    const { buffer, pages } = await renderPdf(
      documentDefinition({
        page: A4_PORTRAIT,
        title: 't',
        content: personHistoryContent(officeNames(office), person, LEDGER, '2026-12-15'),
      }),
    );
    expect(pages).toBeGreaterThanOrEqual(1);
    const text = pdfText(buffer, 'history.pdf');
    expect(text).toContain('BẢNG THEO DÕI CHI TRẢ TRỢ CẤP, HỖ TRỢ');
    // A ward's own document: no parent body line, the ward's name in the date line (Decree 30).
    expect(text).toContain('Đức Nghĩa, ngày 15 tháng 12 năm 2026');
    expect(text).not.toContain('UBND THÀNH PHỐ PHAN THIẾT');
    expect(text).toContain('Ngày sinh: 02/05/1940');
    expect(text).toContain('Ngày mất: 10/08/2026');
    expect(text).toMatch(/07\/2026 Trợ cấp xã hội hằng tháng 750\.000 0 \+750\.000/);
    expect(text).toMatch(/09\/2026 Trợ cấp xã hội hằng tháng 0 750\.000 -750\.000 Bảng 09\/2026 \(BTXH\), dòng 41/);
    expect(text).toContain(`Tổng số tiền đã chi trả bằng chữ: ${amountInWords(1_500_000)}.`);
    expect(text).toContain('tháng 07/2026 (1 tháng) 750.000 Đang giữ lại, chờ xác định người thừa kế');
    expect(text).toContain('Chưa xác định người thừa kế');
    expect(text).toContain('Đã chi sau khi người hưởng từ trần');
    expect(text).toContain('Chưa thu hồi');
    expect(text).toContain(`Số tiền còn phải thu hồi bằng chữ: ${amountInWords(750_000)}.`);
  });

  it('ledgerFiles.personPdf: prints for the officer (audited with counts), refuses the administrator and an unknown person', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn In' }, 'BTXH', 'BTXH-5A1', '2026-12'),
    );
    const printed = await core.ok('ledgerFiles.personPdf', { personId });
    expect(printed).toMatchObject({ fileName: `lich-su-tien-${personId}.pdf`, count: 1, opened: false });
    expect(pdfText(Buffer.from(printed.contentBase64, 'base64'), 'p.pdf')).toContain('Họ và tên: Nguyễn Văn In');
    const audit = core
      .store!.sqlite.prepare("SELECT person_id, detail_json FROM audit_log WHERE action = 'ledgerFiles.personPdf'")
      .all() as Array<{ person_id: number; detail_json: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.person_id).toBe(personId);
    expect(Object.keys(JSON.parse(audit[0]!.detail_json)).sort()).toEqual(['months', 'pages']);
    expect(await core.fail('ledgerFiles.personPdf', { personId: 999_999 })).toMatchObject({ code: 'NOT_FOUND' });
    core.as('admin');
    expect(await core.fail('ledgerFiles.personPdf', { personId })).toMatchObject({ code: 'FORBIDDEN' });
    core.as('officer');
  });
});

describe('the truy lĩnh / truy thu list of a month', () => {
  it('PDF: arrears with their period, reason and receiver; overpayments; held money; totals in words', async () => {
    const { content } = await renderArrearsPdf(office, LIST, NAMES, '2026-12-15');
    const text = pdfText(content, 'list.pdf');
    expect(text).toContain('DANH SÁCH TRUY LĨNH, TRUY THU — THÁNG 12/2026');
    expect(text).toMatch(
      /1 Trần Văn Bình Khu phố 1 Trợ cấp xã hội hằng tháng 01\/2026 03\/2026 3 2\.250\.000 Quyết định đến muộn/,
    );
    expect(text).toContain('Võ Văn Hải');
    expect(text).toContain('Cộng: 2');
    expect(text).toContain('3.000.000');
    expect(text).toContain(`Tổng số tiền truy lĩnh bằng chữ: ${amountInWords(3_000_000)}.`);
    expect(text).toContain('II. TRUY THU');
    expect(text).toContain(`Tổng số tiền còn phải thu hồi bằng chữ: ${amountInWords(750_000)}.`);
    expect(text).toMatch(/Lê Văn Ơn Khu phố 1 10\/08\/2026/);
  });

  it('xlsx read by LibreOffice: the same rows and totals, amounts as numbers', async () => {
    const rows = parseCsv(xlsxToCsvSheets(await writeArrearsWorkbook(office, LIST, NAMES))[0]!);
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header + 1]!.slice(0, 10)).toEqual([
      '1',
      'Trần Văn Bình',
      'Khu phố 1',
      'Trợ cấp xã hội hằng tháng',
      '01/2026',
      '03/2026',
      '3',
      '2250000',
      'Quyết định đến muộn',
      'Trần Văn Bình',
    ]);
    expect(rows[header + 3]![1]).toBe('Cộng: 2');
    expect(rows[header + 3]![7]).toBe('3000000');
    expect(rows.flat()).toContain(`Tổng số tiền truy lĩnh bằng chữ: ${amountInWords(3_000_000)}.`);
    expect(rows.flat()).toContain('Chưa thu hồi');
  });

  it('ledgerFiles.arrearsList: a job that downloads or writes to the folder, audited with counts; the approver cannot', async () => {
    core.as('accountant');
    const down = await core.job('ledgerFiles.arrearsList', { month: '2026-12', format: 'pdf' });
    expect(down).toMatchObject({
      destination: 'download',
      fileName: 'truy-linh-truy-thu_2026-12.pdf',
      mimeType: 'application/pdf',
    });
    const folder = join(dir, 'usb');
    mkdirSync(folder);
    const written = await core.job('ledgerFiles.arrearsList', { month: '2026-12', format: 'xlsx', folder });
    if (written.destination !== 'folder') throw new Error('expected a folder');
    expect(readFileSync(written.files[0]!.path).length).toBe(written.files[0]!.bytes);
    expect(xlsxToCsvSheets(readFileSync(written.files[0]!.path))[0]).toContain(
      'DANH SÁCH TRUY LĨNH, TRUY THU — THÁNG 12/2026',
    );
    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'ledgerFiles.arrearsList' ORDER BY id")
      .all() as Array<{ detail_json: string }>;
    expect(audit.map((a) => JSON.parse(a.detail_json))).toMatchObject([
      { month: '2026-12', format: 'pdf', destination: 'download' },
      { month: '2026-12', format: 'xlsx', destination: 'folder', folder },
    ]);
    await expect(
      core.job('ledgerFiles.arrearsList', { month: '2026-12', format: 'pdf', folder: join(dir, 'gone') }),
    ).rejects.toThrow(/Không tìm thấy thư mục/);
    core.as('approver');
    expect(await core.fail('ledgerFiles.arrearsList', { month: '2026-12', format: 'pdf' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    core.as('officer');
  });
});
