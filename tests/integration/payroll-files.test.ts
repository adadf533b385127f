import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import { amountInWords, formatVnd } from '@shared/domain/money';
import type { ExportFilesResult, FilesPlan } from '@shared/api/payroll-files';
import { tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { zipEntries } from '../support/zip';
import { testCore, type TestCore } from '../support/register';
import { FIXTURE_TOTAL, LINES, insertPayroll } from './payroll-files-fixture';

// Files for the payer from an approved payroll, read back by real readers: LibreOffice for the xlsx,
// pdftotext / pdfinfo for the PDFs. The totals of the bank files, cash and post-office lists and the
// summary must add up to the approved payroll, to the đồng.

let dir: string;
let cleanup: () => void;
let core: TestCore;
let payrollId: number;
let plan: FilesPlan;
let out: string;
let written: Extract<ExportFilesResult, { destination: 'folder' }>;

const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND thành phố Phan Thiết',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const number = (s: string | undefined) => Number((s ?? '').replace(/[.,\s]/g, ''));
const fileOf = (key: string) => written.files.find((f) => f.key === key)!;
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-11-22T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  payrollId = insertPayroll(core.store!.sqlite);
  core.as('accountant');
  plan = await core.ok('payrollFiles.plan', { payrollId });
  out = join(dir, 'usb');
  mkdirSync(out);
  const result = await core.job('payrollFiles.export', { payrollId, files: plan.files.map((f) => f.key), folder: out });
  if (result.destination !== 'folder') throw new Error('expected the files written to the folder');
  written = result;
}, 180_000);
afterAll(() => {
  core.close();
  cleanup();
});

describe('the plan of files of an approved payroll', () => {
  it('gives one bank file per bank, cash and post-office lists per neighbourhood, and the summary', () => {
    expect(plan.month).toBe('2026-12');
    expect(plan.payrollTotalVnd).toBe(FIXTURE_TOTAL);
    expect(plan.payrollCount).toBe(LINES.length);
    expect(plan.warnings).toEqual([]);
    expect(plan.files.map((f) => f.key)).toEqual([
      'bank:AGRIBANK',
      'bank:VIETCOMBANK',
      'cash-pdf:kp:Khu phố 1',
      'cash-pdf:kp:Khu phố 2',
      'cash-xlsx:kp:Khu phố 1',
      'cash-xlsx:kp:Khu phố 2',
      'post-pdf:kp:Khu phố 1',
      'post-pdf:kp:Khu phố 2',
      'post-xlsx:kp:Khu phố 1',
      'post-xlsx:kp:Khu phố 2',
      'summary-pdf',
    ]);
    const sum = (kind: string) => plan.files.filter((f) => f.kind === kind).reduce((s, f) => s + f.totalVnd, 0);
    expect(sum('bank') + sum('cash-pdf') + sum('post-pdf')).toBe(FIXTURE_TOTAL);
    expect(sum('cash-xlsx')).toBe(sum('cash-pdf'));
    expect(sum('summary-pdf')).toBe(FIXTURE_TOTAL);
    expect(plan.files.find((f) => f.key === 'bank:VIETCOMBANK')).toMatchObject({
      count: 2,
      totalVnd: 1_250_000,
      fileName: 'chuyen-khoan_vietcombank_2026-12_btxh.xlsx',
    });
  });

  it('refuses a draft payroll, and the roles outside payroll work', async () => {
    const draft = insertPayroll(core.store!.sqlite, { month: '2027-01', approved: false, lines: LINES.slice(0, 1) });
    expect(await core.fail('payrollFiles.plan', { payrollId: draft })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('chưa được phê duyệt'),
    });
    core.as('approver');
    expect(await core.fail('payrollFiles.plan', { payrollId })).toMatchObject({ code: 'FORBIDDEN' });
    core.as('accountant');
  });
});

describe('written to the chosen folder', () => {
  it('writes every file under its name, leaves no temp file, and audits counts and totals', () => {
    expect(readdirSync(out).sort()).toEqual(plan.files.map((f) => f.fileName).sort());
    for (const f of written.files) expect(readFileSync(f.path).length).toBe(f.bytes);
    const audit = core
      .store!.sqlite.prepare(
        "SELECT user_name, entity_id, detail_json FROM audit_log WHERE action = 'payrollFiles.export'",
      )
      .all() as Array<{ user_name: string; entity_id: string; detail_json: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_name).toBe('ketoan');
    const detail = JSON.parse(audit[0]!.detail_json);
    expect(detail).toMatchObject({ month: '2026-12', destination: 'folder', folder: out });
    expect(detail.files).toHaveLength(plan.files.length);
    expect(detail.files.find((f: { kind: string }) => f.kind === 'summary-pdf')).toMatchObject({
      count: LINES.length,
      totalVnd: FIXTURE_TOTAL,
    });
    expect(JSON.stringify(detail)).not.toContain('1234567890123456789');
  });
});

describe('bank batch xlsx, read by LibreOffice', () => {
  it('keeps account numbers as text (leading zeros, 19 digits), names upper-case without diacritics, amounts and the total', () => {
    const [agri] = xlsxToCsvSheets(readFileSync(fileOf('bank:AGRIBANK').path));
    const rows = parseCsv(agri!);
    expect(rows[0]![0]).toBe('UBND PHƯỜNG ĐỨC NGHĨA');
    expect(rows[1]![0]).toBe('DANH SÁCH CHUYỂN KHOẢN CHI TRẢ TRỢ CẤP THÁNG 12/2026');
    expect(rows[2]![0]).toBe('Ngân hàng: Agribank');
    expect(rows[3]).toEqual([
      'STT',
      'Số tài khoản',
      'Tên chủ tài khoản',
      'Ngân hàng',
      'Chi nhánh',
      'Số tiền',
      'Nội dung',
    ]);
    // Given name order: Hường (Nguyễn Thị), then Ơn (Lê Văn).
    expect(rows.slice(4, 6).map((r) => [r[0], r[1], r[2], r[3], number(r[5]), r[6]])).toEqual([
      ['1', '0001234567890', 'NGUYEN THI HUONG', 'Agribank', 750_000, 'TRO CAP XH T12/2026 NGUYEN THI HUONG'],
      ['2', '0000000000123', 'LE VAN ON', 'Agribank', 750_000, 'TRO CAP XH T12/2026 LE VAN ON'],
    ]);
    expect(rows[6]![0]).toBe('Tổng cộng: 2 món');
    expect(number(rows[6]![5])).toBe(1_500_000);

    const [vcb] = xlsxToCsvSheets(readFileSync(fileOf('bank:VIETCOMBANK').path));
    const v = parseCsv(vcb!);
    expect(v.slice(4, 6).map((r) => [r[1], r[2], number(r[5]), r[6]])).toEqual([
      ['1234567890123456789', 'DO THI LAN', 1_000_000, 'TRO CAP XH T12/2026 DANG VAN DUC'],
      [
        '1234567890123456789',
        'DO THI LAN',
        250_000,
        'TRUY LINH TRO CAP TU T09/2026 DEN T11/2026 (3 THANG) T12/2026 DANG VAN DUC',
      ],
    ]);
    expect(number(v[6]![5])).toBe(1_250_000);
  });
});

describe('bank files exported alone', () => {
  it('are the same files as exported with the lists and the summary (only the account lines are read)', async () => {
    const alone = join(dir, 'usb-bank');
    mkdirSync(alone);
    const keys = plan.files.filter((f) => f.kind === 'bank').map((f) => f.key);
    expect(keys.length).toBeGreaterThan(1);
    const result = await core.job('payrollFiles.export', { payrollId, files: keys, folder: alone });
    if (result.destination !== 'folder') throw new Error('expected the files written to the folder');
    for (const key of keys) {
      const got = result.files.find((f) => f.key === key)!;
      const want = fileOf(key);
      expect({ fileName: got.fileName, count: got.count, totalVnd: got.totalVnd }).toEqual({
        fileName: want.fileName,
        count: want.count,
        totalVnd: want.totalVnd,
      });
      const [a, b] = await Promise.all([zipEntries(readFileSync(got.path)), zipEntries(readFileSync(want.path))]);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [name, text] of b) if (name !== 'docProps/core.xml') expect(a.get(name), `${key} ${name}`).toBe(text);
    }
  });
});

describe('cash payout list', () => {
  it('PDF: landscape A4, names with diacritics in Vietnamese order, totals, amount in words, signature blocks', () => {
    const path = fileOf('cash-pdf:kp:Khu phố 2').path;
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.2\d pts \(A4\)/);
    const text = pdfText(path);
    expect(text).toContain('DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HẰNG THÁNG — THÁNG 12/2026');
    expect(text).toContain('Khu phố/tổ dân phố: Khu phố 2');
    // Ánh (Phạm Thị) before Cúc (Võ Thị); the funeral support on Cúc's row with its receiver.
    expect(text.indexOf('Phạm Thị Ánh')).toBeGreaterThan(0);
    expect(text.indexOf('Phạm Thị Ánh')).toBeLessThan(text.indexOf('Võ Thị Cúc'));
    expect(text).toContain('Võ Văn Hải');
    expect(text).toContain('10.000.000');
    const total = 1_000_000 + 750_000 + 10_000_000;
    expect(text).toContain(formatVnd(total));
    expect(text.replace(/\s+/g, ' ')).toContain(`Tổng số tiền bằng chữ: ${amountInWords(total)}.`);
    for (const caption of [
      'NGƯỜI LẬP BIỂU',
      'KẾ TOÁN',
      'NGƯỜI CHI TRẢ',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn Chủ',
      'Trần Thị Hường',
      'Ký nhận',
      'Người nhận',
    ])
      expect(text).toContain(caption);
    // The HIV group (BTXH-3B) of Ánh is not printed on a list others sign.
    expect(text).not.toContain('BTXH-3B');
  });

  it('xlsx: same rows and totals as the PDF', () => {
    const [csv] = xlsxToCsvSheets(readFileSync(fileOf('cash-xlsx:kp:Khu phố 1').path));
    const rows = parseCsv(csv!);
    const header = rows.findIndex((r) => r[0] === 'STT');
    const data = rows.slice(header + 1, header + 3);
    expect(data.map((r) => [r[1], r[2], r[3], number(r[7]), number(r[8]), number(r[10])])).toEqual([
      ['Hoàng Văn An', '1950', '001060012351', 750_000, 0, 750_000],
      ['Trần Văn Bình', '1938', '001038012348', 1_000_000, 500_000, 1_500_000],
    ]);
    const totalRow = rows[header + 3]!;
    expect(totalRow[1]).toBe('Tổng cộng: 2 người');
    expect(number(totalRow[10])).toBe(2_250_000);
    expect(rows[header + 4]![0]).toBe(`Tổng số tiền bằng chữ: ${amountInWords(2_250_000)}.`);
  });

  it('the whole ward in one list when asked; the post-office list likewise', async () => {
    const wardPlan = await core.ok('payrollFiles.plan', { payrollId, listsBy: 'ward' });
    const keys = wardPlan.files.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['cash-pdf:ward', 'post-pdf:ward']));
    const ward = await core.job('payrollFiles.export', { payrollId, listsBy: 'ward', files: ['post-pdf:ward'] });
    if (ward.destination !== 'download') throw new Error('expected a download');
    expect(ward).toMatchObject({
      fileName: 'chi-tra-buu-dien_2026-12_btxh_toan-phuong.pdf',
      mimeType: 'application/pdf',
      count: 2,
      totalVnd: 1_750_000,
    });
    const path = join(dir, 'post.pdf');
    writeFileSync(path, Buffer.from(ward.contentBase64, 'base64'));
    const text = pdfText(path);
    expect(text).toContain('QUA BƯU ĐIỆN');
    expect(text).toContain('Bùi Thị Mai');
    expect(text).toContain('Lý Văn Tư');
    expect(text.replace(/\s+/g, ' ')).toContain(amountInWords(1_750_000));
  });
});

describe('monthly summary', () => {
  it('counts and amounts by programme and method, reconciled with the files, equal to the payroll', () => {
    const text = pdfText(fileOf('summary-pdf').path).replace(/[ \t]+/g, ' ');
    expect(text).toContain('BẢNG TỔNG HỢP CHI TRẢ THÁNG 12/2026');
    expect(text).toMatch(/Trợ cấp xã hội hằng tháng Tiền mặt 4 6 14\.000\.000/);
    expect(text).toMatch(/Bưu điện 2 2 1\.750\.000/);
    expect(text).toMatch(/TK cá nhân 2 2 1\.500\.000/);
    expect(text).toMatch(/TK ủy quyền 1 2 1\.250\.000/);
    expect(text).toMatch(/Tệp chuyển khoản ngân hàng 2\.750\.000/);
    expect(text).toMatch(/Danh sách chi trả tiền mặt 14\.000\.000/);
    expect(text).toContain(`Tổng cộng ${LINES.length} ${formatVnd(FIXTURE_TOTAL)}`);
    expect(text.replace(/\s+/g, ' ')).toContain(amountInWords(FIXTURE_TOTAL));
  });
});

describe('totals read back from every file', () => {
  it('bank files + cash lists + post-office lists = summary = the approved payroll, to the đồng', () => {
    const pdfTotal = (key: string) => {
      const line = pdfText(fileOf(key).path)
        .split('\n')
        .find((l) => l.includes('Tổng cộng:'))!;
      return number(line.match(/\d{1,3}(?:\.\d{3})+/g)!.at(-1));
    };
    const bankTotal = (key: string) => {
      const rows = parseCsv(xlsxToCsvSheets(readFileSync(fileOf(key).path))[0]!);
      return number(rows.find((r) => r[0]!.startsWith('Tổng cộng'))![5]);
    };
    const keys = (kind: string) => written.files.filter((f) => f.key.startsWith(`${kind}:`)).map((f) => f.key);
    const bank = keys('bank').reduce((s, k) => s + bankTotal(k), 0);
    const cash = keys('cash-pdf').reduce((s, k) => s + pdfTotal(k), 0);
    const post = keys('post-pdf').reduce((s, k) => s + pdfTotal(k), 0);
    const summary = pdfText(fileOf('summary-pdf').path).replace(/[ \t]+/g, ' ');
    const recorded = core.store!.sqlite.prepare('SELECT total_vnd FROM payrolls WHERE id = ?').pluck().get(payrollId);
    expect({ bank, cash, post }).toEqual({ bank: 2_750_000, cash: 14_000_000, post: 1_750_000 });
    expect(bank + cash + post).toBe(recorded);
    expect(summary).toContain(`Tổng cộng ${LINES.length} ${formatVnd(bank + cash + post)}`);
  });
});

describe('a missing folder, Cancel', () => {
  it('an export to a missing folder fails in Vietnamese and writes nothing, with no audit entry', async () => {
    const before = (
      core.store!.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payrollFiles.export'").get() as {
        n: number;
      }
    ).n;
    const gone = join(dir, 'usb-rut-ra');
    await expect(
      core.job('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK', 'summary-pdf'], folder: gone }),
    ).rejects.toThrow(/Không tìm thấy thư mục.*USB.*Không có tệp nào được ghi/);
    expect(existsSync(gone)).toBe(false);
    const after = (
      core.store!.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payrollFiles.export'").get() as {
        n: number;
      }
    ).n;
    expect(after).toBe(before);
  });

  it('Cancel leaves the folder empty and no audit entry', async () => {
    const folder = join(dir, 'cancelled');
    mkdirSync(folder);
    const { jobId } = await core.ok('payrollFiles.export', { payrollId, files: plan.files.map((f) => f.key), folder });
    await core.ok('jobs.cancel', { jobId });
    let state = 'running';
    while (state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      state = (await core.ok('jobs.get', { jobId })).state;
    }
    expect(state).toBe('cancelled');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('several files need a folder; an empty folder is refused next to the field', async () => {
    expect(
      await core.fail('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK', 'summary-pdf'] }),
    ).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'folder' }] });
    expect(await core.fail('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK'], folder: '  ' })).toMatchObject(
      {
        code: 'INVALID_INPUT',
        issues: [{ path: 'folder', message: 'Thư mục lưu: không được để trống.' }],
      },
    );
  });
});
