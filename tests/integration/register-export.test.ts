import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '@shared/domain/csv';
import { decryptFile } from '../../main/services/backup/format';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';
import yauzl from 'yauzl';

/** One entry of a zip (an xlsx), as text. */
function zipEntryText(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('not a zip'));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      file.on('end', () => reject(new Error(`${name} not in the zip`)));
      file.readEntry();
    });
  });
}

let dir: string;
let core: TestCore;
eachTestCore((fresh) => ({ dir, core } = fresh));

describe('register export to xlsx, read back by LibreOffice', () => {
  it('holds the filtered register in Vietnamese order, IDs as text with their leading zero, and the total', async () => {
    core.setNow('2026-01-15T09:00:00+07:00');
    core.as('admin');
    await core.ok('settings.saveOffice', {
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: '',
      placeName: 'Phan Thiết',
      province: 'Lâm Đồng',
      chairmanName: '',
      officerName: '',
      reportRecipients: [],
    });
    core.as('officer');
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Nguyễn Văn Ơn', birthDate: '1940', citizenId: '001040000123', neighbourhood: 'Khu phố 1' },
        'BTXH',
        'BTXH-6D',
        '2026-01',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName: 'Đặng Thị Ánh',
          birthDate: '1935',
          gender: 'female',
          citizenId: '060135000456',
          neighbourhood: 'Khu phố 2',
        },
        'BTXH',
        'BTXH-5C',
        '2026-01',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Trần Văn Hùng', birthDate: '1980', neighbourhood: 'Khu phố 1' },
        'BTXH',
        'BTXH-6C',
        '2026-01',
      ),
    );
    core.setNow('2026-11-15T09:00:00+07:00');

    // The explicit choice to write in clear (issue 12: encrypted by default, see below).
    const all = await core.job('register.export', { clear: true });
    expect(all).toMatchObject({
      fileName: 'so-doi-tuong-2026-11.xlsx',
      count: 3,
      totalVnd: 1_000_000 + 500_000 + 750_000,
    });
    const [csv] = xlsxToCsvSheets(Buffer.from(all.contentBase64, 'base64'));
    const rows = parseCsv(csv!);
    expect(rows[0]![0]).toBe('UBND PHƯỜNG ĐỨC NGHĨA');
    expect(rows[1]![0]).toContain('THÁNG 11/2026');
    const header = rows[3]!;
    expect(header.slice(0, 5)).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số định danh']);
    const data = rows.slice(4, 7);
    // Given name first: Ánh, Hùng, Ơn.
    expect(data.map((r) => r[1])).toEqual(['Đặng Thị Ánh', 'Trần Văn Hùng', 'Nguyễn Văn Ơn']);
    expect(data.map((r) => r[4])).toEqual(['060135000456', '', '001040000123']);
    const amount = header.indexOf('Mức hưởng/tháng (đồng)');
    expect(data.map((r) => Number(r[amount]!.replace(/[.,]/g, '')))).toEqual([500_000, 750_000, 1_000_000]);
    expect(rows[7]![1]).toBe('Tổng cộng: 3 người');
    expect(Number(rows[7]![amount]!.replace(/[.,]/g, ''))).toBe(2_250_000);

    const filtered = await core.job('register.export', { text: 'van', neighbourhoodId: 1, clear: true });
    expect(filtered.count).toBe(2);
    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'register.export' ORDER BY id")
      .all() as Array<{ detail_json: string }>;
    expect(audit.map((a) => JSON.parse(a.detail_json).rows)).toEqual([3, 2]);
    expect(audit.map((a) => JSON.parse(a.detail_json).encrypted)).toEqual([false, false]);
    expect(
      core.store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'sensitive.exportClear'").pluck().get(),
    ).toBe(2);
  }, 120_000);

  it('runs as a job that can be cancelled, leaving no audit entry', async () => {
    for (let i = 0; i < 30; i++)
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: `Lê Văn Tư ${i}`, birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'),
      );
    const before = (core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const { jobId } = await core.ok('register.export', { passphrase: 'mat-khau-xuat-so' });
    await core.ok('jobs.cancel', { jobId });
    let state = 'running';
    while (state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      state = (await core.ok('jobs.get', { jobId })).state;
    }
    expect(state).toBe('cancelled');
    expect((core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before);
  });

  it('a job belongs to the window that started it: another signed-in client can neither read nor cancel it', async () => {
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'),
    );
    const started = await core.ok('register.export', { passphrase: 'mat-khau-xuat-so' });
    const accountant = core
      .store!.sqlite.prepare("SELECT id FROM users WHERE role = 'accountant'")
      .pluck()
      .get() as number;
    core.signInInProcess('other-window', accountant);
    for (const channel of ['jobs.get', 'jobs.cancel']) {
      const refused = await core.call(channel, { jobId: started.jobId }, 'other-window');
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Its own client reads it to the end (and the file is not closed under the running job).
    for (;;) {
      const own = await core.call('jobs.get', { jobId: started.jobId });
      expect(own.ok).toBe(true);
      if (own.ok && (own.value as { state: string }).state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('is encrypted by default (.sasbak); protected groups are blank unless the officer includes them, on record', async () => {
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Nguyễn Văn Ơn', birthDate: '1940', citizenId: '001040000123' },
        'BTXH',
        'BTXH-6D',
        '2026-11',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Lê Thị Hường', birthDate: '05/08/1974', gender: 'female', citizenId: '060174025039' },
        'BTXH',
        'BTXH-8',
        '2026-11',
      ),
    );
    // Older data written before the text rule: a name starting with '=' stays inert text in the file.
    core.store!.sqlite.prepare("UPDATE people SET full_name = '=1+1' WHERE citizen_id = '001040000123'").run();
    const missing = await core.fail('register.export', {});
    expect(missing).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'passphrase', message: expect.stringContaining('Ghi không mã hoá') }],
    });
    expect((await core.fail('register.export', { passphrase: 'ngan' })).issues?.[0]?.path).toBe('passphrase');

    let opened = 0;
    const open = async (file: { fileName: string; contentBase64: string }, passphrase: string) => {
      const sealed = join(dir, `${++opened}-${file.fileName}`);
      writeFileSync(sealed, Buffer.from(file.contentBase64, 'base64'));
      await decryptFile(sealed, `${sealed}.xlsx`, passphrase);
      // The workbook's properties name the app version, build and register schema (issue 18).
      expect(await zipEntryText(readFileSync(`${sealed}.xlsx`), 'docProps/core.xml')).toContain(
        `Sổ An Sinh test (đóng gói ngày dev; lược đồ dữ liệu số ${LATEST_SCHEMA_VERSION})`,
      );
      const [csv] = xlsxToCsvSheets(readFileSync(`${sealed}.xlsx`));
      return parseCsv(csv!);
    };
    const groupsOf = (rows: string[][]) => {
      const column = rows[3]!.indexOf('Nhóm đối tượng');
      return Object.fromEntries(rows.slice(4, 6).map((r) => [r[4], r[column]]));
    };
    const sealed = await core.job('register.export', { passphrase: 'mat-khau-xuat-so' });
    expect(sealed).toMatchObject({ fileName: 'so-doi-tuong-2026-11.xlsx.sasbak', encrypted: true });
    expect(Buffer.from(sealed.contentBase64, 'base64').subarray(0, 8).toString('latin1')).toBe('SASBAK01');
    await expect(open(sealed, 'sai-mat-khau')).rejects.toThrow();
    const rows = await open(sealed, 'mat-khau-xuat-so');
    expect(groupsOf(rows)).toEqual({ '001040000123': 'BTXH-6D', '060174025039': '' });
    expect(rows.find((r) => r[4] === '001040000123')![1]).toBe('=1+1'); // text, not the formula's result 2
    expect(JSON.stringify(rows)).not.toMatch(/BTXH-8|không hiển thị/);

    // Only the officer may include them; an accountant asking is refused and on record.
    core.as('accountant');
    expect(
      (await core.fail('register.export', { passphrase: 'mat-khau-xuat-so', includeProtectedGroups: true })).code,
    ).toBe('FORBIDDEN');
    expect((await core.fail('register.export', { passphrase: 'mat-khau-xuat-so', groupCode: 'BTXH-8' })).code).toBe(
      'FORBIDDEN',
    );
    core.as('officer');
    const full = await core.job('register.export', { passphrase: 'mat-khau-xuat-so', includeProtectedGroups: true });
    expect(groupsOf(await open(full, 'mat-khau-xuat-so'))).toEqual({
      '001040000123': 'BTXH-6D',
      '060174025039': 'BTXH-8',
    });
    // A whole ID typed in the search is exported (one person) and kept masked in the audit entry.
    const one = await core.job('register.export', { text: '060174025039', passphrase: 'mat-khau-xuat-so' });
    expect(one.count).toBe(1);
    const lastExport = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'register.export' ORDER BY id DESC")
      .pluck()
      .get() as string;
    expect(JSON.parse(lastExport).filters.text).toBe('060•••••5039');
    const actions = core
      .store!.sqlite.prepare(
        "SELECT action, user_name FROM audit_log WHERE action IN ('access.denied', 'sensitive.exportProtectedGroups', 'sensitive.exportClear') ORDER BY id",
      )
      .all();
    expect(actions).toEqual([
      { action: 'access.denied', user_name: 'ketoan' },
      { action: 'access.denied', user_name: 'ketoan' },
      { action: 'sensitive.exportProtectedGroups', user_name: 'canbo' },
    ]);
  }, 120_000);
});
