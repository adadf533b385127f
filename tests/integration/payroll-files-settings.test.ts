import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '@shared/domain/csv';
import {
  bankFilesSettingsSchema,
  fillPattern,
  transferDescription,
  upperAscii,
  type BankFilesSettings,
} from '@shared/api/payroll-files';
import { isRoot, tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { testCore, type TestCore } from '../support/register';
import { LINES, insertPayroll } from './payroll-files-fixture';
import shipped from '../../resources/templates/bank-batch.json';

// Bank templates as data (shipped default, edited by the administrator, validated, audited, applied per
// bank), several programmes in one export, lines that cannot go into a bank file, and a full drive.

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-11-22T09:00:00+07:00');
});
afterEach(() => {
  core.close();
  cleanup();
});

describe('bank templates in settings', () => {
  it('ships the default template of payments.md; the administrator saves a bank-specific one, audited; others cannot', async () => {
    const got = await core.ok('payrollFiles.getSettings', {});
    expect(got.settings).toEqual(bankFilesSettingsSchema.parse(shipped));
    expect(got.settings.templates[0]!.columns.map((c) => c.header)).toEqual([
      'STT',
      'Số tài khoản',
      'Tên chủ tài khoản',
      'Ngân hàng',
      'Chi nhánh',
      'Số tiền',
      'Nội dung',
    ]);
    expect(got.banks.map((b) => b.name)).toEqual(['Agribank', 'Vietcombank', 'VietinBank', 'BIDV']);

    const agribank: BankFilesSettings['templates'][number] = {
      id: 'agribank',
      name: 'Agribank chi nhánh Phan Thiết',
      banks: ['AGRIBANK'],
      sheetName: 'DS',
      titleRows: ['BẢNG KÊ {COUNT} MÓN, TỔNG {TOTAL} ĐỒNG'],
      columns: [
        { header: 'Tài khoản', source: 'accountNumber', width: 20 },
        { header: 'Họ tên', source: 'holderName', width: 30 },
        { header: 'Tiền', source: 'amount', width: 12 },
        { header: 'Diễn giải', source: 'description', width: 40 },
      ],
      nameFormat: 'as-written',
      descriptionPattern: 'BTXH {MM}-{YYYY} {NAME} {CONTENT}',
      descriptionMaxLength: 25,
      totalRow: false,
    };
    const settings = { ...got.settings, templates: [...got.settings.templates, agribank] };
    expect(await core.fail('payrollFiles.saveSettings', settings)).toMatchObject({ code: 'FORBIDDEN' });
    core.as('admin');
    await core.ok('payrollFiles.saveSettings', settings);
    const audit = core
      .store!.sqlite.prepare("SELECT after_json FROM audit_log WHERE action = 'payrollFiles.settings.save'")
      .all() as Array<{ after_json: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json).templates[1].id).toBe('agribank');

    const payrollId = insertPayroll(core.store!.sqlite);
    core.as('accountant');
    const result = await core.job('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK'] });
    if (result.destination !== 'download') throw new Error('expected a download');
    expect(result).toMatchObject({
      fileName: 'chuyen-khoan_agribank_2026-12_btxh.xlsx',
      count: 2,
      totalVnd: 1_500_000,
    });
    const rows = parseCsv(xlsxToCsvSheets(Buffer.from(result.contentBase64, 'base64'))[0]!);
    expect(rows[0]![0]).toBe('BẢNG KÊ 2 MÓN, TỔNG 1.500.000 ĐỒNG');
    expect(rows[1]).toEqual(['Tài khoản', 'Họ tên', 'Tiền', 'Diễn giải']);
    expect(rows.slice(2).filter((r) => r.some((c) => c !== ''))).toEqual([
      ['0001234567890', 'Nguyễn Thị Hường', expect.stringMatching(/^750[.,]?000$/), 'BTXH 12-2026 NGUYEN THI H'],
      ['0000000000123', 'Lê Văn Ơn', expect.stringMatching(/^750[.,]?000$/), 'BTXH 12-2026 LE VAN ON TR'],
    ]);
    // Other banks keep the default.
    const vcb = await core.job('payrollFiles.export', { payrollId, files: ['bank:VIETCOMBANK'] });
    if (vcb.destination !== 'download') throw new Error('expected a download');
    expect(parseCsv(xlsxToCsvSheets(Buffer.from(vcb.contentBase64, 'base64'))[0]!)[3]![0]).toBe('STT');
  });

  it('refuses a template without an account number column, two defaults, unknown placeholders, a bank in two templates', async () => {
    core.as('admin');
    const { settings } = await core.ok('payrollFiles.getSettings', {});
    const base = settings.templates[0]!;
    const noAccount = {
      ...settings,
      templates: [{ ...base, columns: base.columns.filter((c) => c.source !== 'accountNumber') }],
    };
    expect((await core.fail('payrollFiles.saveSettings', noAccount)).issues).toEqual([
      { path: 'templates.0.columns', message: 'Mẫu phải có cột «Số tài khoản».' },
    ]);
    const twoDefaults = { ...settings, templates: [base, { ...base, id: 'khac' }] };
    expect((await core.fail('payrollFiles.saveSettings', twoDefaults)).issues).toEqual([
      { path: 'templates', message: expect.stringContaining('đúng một mẫu mặc định') },
    ]);
    const unknown = { ...settings, templates: [{ ...base, descriptionPattern: 'TRO CAP {THANG}' }] };
    expect((await core.fail('payrollFiles.saveSettings', unknown)).issues?.[0]).toMatchObject({
      path: 'templates.0.descriptionPattern',
      message: expect.stringContaining('{THANG}'),
    });
    const twice = {
      ...settings,
      templates: [base, { ...base, id: 'a', banks: ['BIDV'] }, { ...base, id: 'b', banks: ['BIDV'] }],
    };
    expect((await core.fail('payrollFiles.saveSettings', twice)).issues?.[0]).toMatchObject({
      path: 'templates.2.banks',
    });
    expect(
      core
        .store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'payrollFiles.settings.save'")
        .pluck()
        .get(),
    ).toBe(0);
  });
});

describe('bank text rules (property)', () => {
  it('names and descriptions are printable ASCII, upper-case, within the length', () => {
    const vi = fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ '.split(''),
    );
    const name = fc.array(vi, { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(name, fc.integer({ min: 20, max: 210 }), (n, max) => {
        const a = upperAscii(n);
        expect(a).toMatch(/^[\x20-\x7e]*$/);
        expect(a).toBe(a.toUpperCase());
        const d = transferDescription('{CONTENT} T{MM}/{YYYY} {NAME}', max, {
          CONTENT: 'TRO CAP XH',
          MM: '01',
          YYYY: '2026',
          NAME: n,
        });
        expect(d.length).toBeLessThanOrEqual(max);
        expect(d).toMatch(/^TRO CAP XH T01\/2026/);
        // Folding part by part (compileDescription) = folding the filled pattern.
        const pattern = ` {CONTENT}  t{MM}/{YYYY}\t${n} {NAME} `;
        const values = { CONTENT: 'Trợ cấp', MM: '01', YYYY: '2026', NAME: n };
        expect(transferDescription(pattern, max, values)).toBe(
          upperAscii(fillPattern(pattern, values)).slice(0, max).trim(),
        );
      }),
    );
    expect(upperAscii('Đặng Thị Ngọc Ánh')).toBe('DANG THI NGOC ANH');
    expect(upperAscii('Nguyễn Văn Ơn')).toBe('NGUYEN VAN ON');
  });

  it('a text already in ASCII folds as through the full rules (the shortcut for folded names)', () => {
    const full = (s: string) =>
      s
        .normalize('NFD')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase()
        .replace(/[^\x20-\x7e]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(upperAscii(s)).toBe(full(s));
      }),
    );
    expect(upperAscii(' tro cap\u0007 xh ')).toBe('TRO CAP XH');
  });
});

describe('several programmes, lines outside the bank files', () => {
  it('all programmes of the month in one export, split per programme when the office wants; totals still agree', async () => {
    const btxh = insertPayroll(core.store!.sqlite);
    insertPayroll(core.store!.sqlite, {
      programme: 'NCC',
      lines: [
        {
          name: 'Nguyễn Văn Công',
          citizenId: '001040099001',
          neighbourhood: 'Khu phố 1',
          amount: 2_789_000,
          method: 'OWN_ACCOUNT',
          bank: 'AGRIBANK',
          account: '0009999999999',
          holder: 'Nguyễn Văn Công',
        },
        {
          name: 'Phan Thị Hiền',
          citizenId: '001140099002',
          neighbourhood: 'Khu phố 2',
          amount: 2_055_000,
          method: 'OWN_ACCOUNT',
          bank: null,
          account: null,
          holder: null,
        },
      ],
    });
    core.as('accountant');
    const plan = await core.ok('payrollFiles.plan', { payrollId: btxh, allProgrammes: true });
    expect(plan.programmes).toEqual(['BTXH', 'NCC']);
    const total = LINES.reduce((s, l) => s + l.amount, 0) + 2_789_000 + 2_055_000;
    expect(plan.payrollTotalVnd).toBe(total);
    expect(plan.warnings).toEqual([expect.stringContaining('1 dòng chuyển khoản thiếu ngân hàng hoặc số tài khoản')]);
    expect(plan.files.find((f) => f.key === 'bank:AGRIBANK')).toMatchObject({
      count: 3,
      totalVnd: 1_500_000 + 2_789_000,
      fileName: 'chuyen-khoan_agribank_2026-12_tat-ca.xlsx',
    });

    core.as('admin');
    const { settings } = await core.ok('payrollFiles.getSettings', {});
    await core.ok('payrollFiles.saveSettings', { ...settings, splitByProgramme: true });
    core.as('accountant');
    const split = await core.ok('payrollFiles.plan', { payrollId: btxh, allProgrammes: true });
    expect(split.files.filter((f) => f.kind === 'bank').map((f) => [f.key, f.count])).toEqual([
      ['bank:AGRIBANK:BTXH', 2],
      ['bank:AGRIBANK:NCC', 1],
      ['bank:VIETCOMBANK:BTXH', 2],
    ]);

    const folder = join(dir, 'usb');
    mkdirSync(folder);
    const written = await core.job('payrollFiles.export', {
      payrollId: btxh,
      allProgrammes: true,
      files: ['summary-pdf'],
      folder,
    });
    if (written.destination !== 'folder') throw new Error('expected a folder');
    const text = execFileSync('pdftotext', ['-layout', written.files[0]!.path, '-'], { encoding: 'utf8' }).replace(
      /[ \t]+/g,
      ' ',
    );
    expect(text).toContain('Trợ cấp ưu đãi người có công');
    expect(text).toMatch(/Chuyển khoản thiếu số tài khoản \(chưa có trong tệp\) 2\.055\.000/);
    expect(text).toContain(`(bằng tổng bảng chi trả đã phê duyệt) ${total.toLocaleString('de-DE')}`);
  });
});

describe('order of the lines', () => {
  it('follows the names as snapshotted, even after a person is renamed in the register', async () => {
    const payrollId = insertPayroll(core.store!.sqlite);
    // "Lê Văn Ơn" becomes "Lê Văn Ân" in the register: by the new name he would come before Hường.
    core
      .store!.sqlite.prepare(
        "UPDATE people SET full_name = 'Lê Văn Ân', given_name = 'Ân', sort_key = '' WHERE full_name = 'Lê Văn Ơn'",
      )
      .run();
    core.as('accountant');
    const result = await core.job('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK'] });
    if (result.destination !== 'download') throw new Error('expected a download');
    const rows = parseCsv(xlsxToCsvSheets(Buffer.from(result.contentBase64, 'base64'))[0]!);
    expect(rows.slice(4, 6).map((r) => r[2])).toEqual(['NGUYEN THI HUONG', 'LE VAN ON']);
  });
});

describe.skipIf(!isRoot)('a full drive (needs root to mount a tmpfs)', () => {
  it('fails in Vietnamese, removes what it wrote, and audits nothing', async () => {
    const mountPoint = join(dir, 'usb');
    mkdirSync(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    try {
      const fd = openSync(join(mountPoint, 'filler.bin'), 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(64 * 1024, 1));
      } catch {
        /* full */
      }
      for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
        try {
          for (;;) writeSync(fd, Buffer.alloc(size, 1));
        } catch {
          /* smaller pieces until nothing fits */
        }
      }
      closeSync(fd);
      const payrollId = insertPayroll(core.store!.sqlite);
      core.as('accountant');
      const plan = await core.ok('payrollFiles.plan', { payrollId });
      await expect(
        core.job('payrollFiles.export', { payrollId, files: plan.files.map((f) => f.key), folder: mountPoint }),
      ).rejects.toThrow(/đã đầy.*Không có tệp nào được ghi/);
      expect(readdirSync(mountPoint)).toEqual(['filler.bin']);
      expect(
        core.store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'payrollFiles.export'").pluck().get(),
      ).toBe(0);
    } finally {
      execFileSync('umount', [mountPoint]);
      rmdirSync(mountPoint);
    }
  });
});
