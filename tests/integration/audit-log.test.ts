import { describe, expect, it } from 'vitest';
import { exportAudit, listAudit } from '../../main/services/audit-log';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';

// The audit screen's queries (filters, xlsx export read back by LibreOffice).

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

describe('audit log queries', () => {
  it('filters by action, person and date, newest first, and exports without personal details', async () => {
    core.setNow('2026-10-05T09:00:00+07:00');
    const a = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-10'),
    );
    core.setNow('2026-11-05T09:00:00+07:00');
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Đặng Thị Ánh', birthDate: '1935', gender: 'female' }, 'BTXH', 'BTXH-5C', '2026-11'),
    );
    const store = core.store!;
    const all = listAudit(store, { limit: 100, offset: 0 });
    expect(all.total).toBe(6);
    expect(all.rows[0]!.id).toBeGreaterThan(all.rows[5]!.id);
    expect(listAudit(store, { action: 'decision', limit: 100, offset: 0 }).rows.map((r) => r.action)).toEqual([
      'decision.grant',
      'decision.grant',
    ]);
    const mine = listAudit(store, { personId: a.personId, limit: 100, offset: 0 });
    expect(mine.rows.every((r) => r.personName === 'Nguyễn Văn Ơn')).toBe(true);
    expect(mine.total).toBe(3);
    expect(listAudit(store, { from: '2026-11-01', to: '2026-11-30', limit: 100, offset: 0 }).total).toBe(3);
    expect(listAudit(store, { action: '%', limit: 100, offset: 0 }).total).toBe(0);

    const { buffer, count } = await exportAudit(store, { action: 'person' });
    expect(count).toBe(2);
    const rows = parseCsv(xlsxToCsvSheets(buffer)[0]!);
    expect(rows[0]).toEqual([
      'STT',
      'Thời điểm',
      'Người thực hiện',
      'Thao tác',
      'Mã thao tác',
      'Đối tượng dữ liệu',
      'Mã',
      'Người liên quan',
    ]);
    expect(rows.slice(1).map((r) => [r[3], r[4], r[5], r[7]])).toEqual([
      ['Thêm hồ sơ', 'person.create', 'Hồ sơ', 'Nguyễn Văn Ơn'],
      ['Thêm hồ sơ', 'person.create', 'Hồ sơ', 'Đặng Thị Ánh'],
    ]);
    expect(rows[1]![1]).toMatch(/^\d{2}\/10\/2026 \d{2}:\d{2}:\d{2}$/);
    expect(JSON.stringify(rows)).not.toContain('1940'); // before/after data never leaves in the export
  }, 120_000);

  it('filters by the office calendar days, not UTC days (Vietnam is UTC+7)', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    try {
      // 06:00 on 1 November in Vietnam is still 31 October in UTC.
      core.setNow('2026-11-01T06:00:00+07:00');
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: 'Lê Văn Sáng', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2026-11'),
      );
      core.setNow('2026-10-31T23:30:00+07:00');
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: 'Lê Văn Khuya', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2026-10'),
      );
      const store = core.store!;
      const names = (from: string, to: string) => [
        ...new Set(
          listAudit(store, { from, to, action: 'person', limit: 100, offset: 0 }).rows.map((r) => r.personName),
        ),
      ];
      expect(names('2026-11-01', '2026-11-01')).toEqual(['Lê Văn Sáng']);
      expect(names('2026-10-31', '2026-10-31')).toEqual(['Lê Văn Khuya']);
      const { buffer } = await exportAudit(store, { action: 'person', from: '2026-11-01', to: '2026-11-01' });
      expect(parseCsv(xlsxToCsvSheets(buffer)[0]!)[1]![1]).toBe('01/11/2026 06:00:00');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  }, 120_000);
});
