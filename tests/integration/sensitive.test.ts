import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonDetail, SearchResult } from '../../shared/api/register';
import { tempDir } from '../support/temp';
import { enrollNew, testCore, type TestCore } from '../support/register';

// Sensitive data on screen: masked in lists and on the person page; full on request, and on record.

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

describe('sensitive fields', () => {
  it('are masked in search results and on the person page; a reveal is audited', async () => {
    const { personId } = await core.ok<{ personId: number }>('register.enroll', enrollNew({ fullName: 'Lê Thị Hường', birthDate: '05/08/1934', gender: 'female', citizenId: '060134025039', legacyId: '123456789' }, 'BTXH', 'BTXH-8', '2026-11'));
    const found = await core.ok<SearchResult>('people.search', { text: '5039' });
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ citizenId: '060•••••5039', groupCodes: ['Nhóm được bảo mật'] });
    expect(JSON.stringify(found)).not.toContain('060134025039');
    expect(JSON.stringify(found)).not.toContain('BTXH-8');

    const detail = await core.ok<PersonDetail>('people.get', { id: personId });
    expect(detail.person).toMatchObject({ citizenId: '060•••••5039', legacyId: '123••6789' });
    expect(JSON.stringify(detail.person)).not.toContain('060134025039');

    expect(await core.ok('people.reveal', { id: personId })).toEqual({ citizenId: '060134025039', legacyId: '123456789' });
    const log = core.store!.sqlite.prepare("SELECT user_name, person_id, detail_json FROM audit_log WHERE action = 'sensitive.reveal'").all();
    expect(log).toEqual([{ user_name: 'canbo', person_id: personId, detail_json: '{"fields":["citizenId","legacyId"]}' }]);
  });
});
