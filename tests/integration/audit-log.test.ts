import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAudit, listAudit } from '../../main/services/audit-log';
import { parseCsv } from '../../shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// The audit screen's queries (filters, xlsx export read back by LibreOffice).

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir);
});
afterEach(() => {
  core.close();
  cleanup();
});

describe('audit log queries', () => {
  it('filters by action, person and date, newest first, and exports without personal details', async () => {
    core.setNow('2026-10-05T09:00:00+07:00');
    const a = await core.ok<{ personId: number }>('register.enroll', enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-10'));
    core.setNow('2026-11-05T09:00:00+07:00');
    await core.ok('register.enroll', enrollNew({ fullName: 'Đặng Thị Ánh', birthDate: '1935', gender: 'female' }, 'BTXH', 'BTXH-5C', '2026-11'));
    const store = core.store!;
    const all = listAudit(store, { limit: 100, offset: 0 });
    expect(all.total).toBe(6);
    expect(all.rows[0]!.id).toBeGreaterThan(all.rows[5]!.id);
    expect(listAudit(store, { action: 'decision', limit: 100, offset: 0 }).rows.map((r) => r.action)).toEqual(['decision.grant', 'decision.grant']);
    const mine = listAudit(store, { personId: a.personId, limit: 100, offset: 0 });
    expect(mine.rows.every((r) => r.personName === 'Nguyễn Văn Ơn')).toBe(true);
    expect(mine.total).toBe(3);
    expect(listAudit(store, { from: '2026-11-01', to: '2026-11-30', limit: 100, offset: 0 }).total).toBe(3);
    expect(listAudit(store, { action: '%', limit: 100, offset: 0 }).total).toBe(0);

    const { buffer, count } = await exportAudit(store, { action: 'person' });
    expect(count).toBe(2);
    const rows = parseCsv(xlsxToCsvSheets(buffer)[0]!);
    expect(rows[0]).toEqual(['STT', 'Thời điểm (UTC)', 'Người thực hiện', 'Thao tác', 'Đối tượng dữ liệu', 'Mã', 'Người liên quan']);
    expect(rows.slice(1).map((r) => [r[3], r[6]])).toEqual([
      ['person.create', 'Nguyễn Văn Ơn'],
      ['person.create', 'Đặng Thị Ánh'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('1940'); // before/after data never leaves in the export
  }, 120_000);
});
