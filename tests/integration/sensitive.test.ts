import { describe, expect, it } from 'vitest';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';

// Sensitive data on screen: masked in lists and on the person page; full on request, and on record.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

describe('sensitive fields', () => {
  it('are masked in search results and on the person page; a reveal is audited', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName: 'Lê Thị Hường',
          birthDate: '05/08/1934',
          gender: 'female',
          citizenId: '060134025039',
          legacyId: '123456789',
        },
        'BTXH',
        'BTXH-8',
        '2026-11',
      ),
    );
    const found = await core.ok('people.search', { text: 'huong' });
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ citizenId: '060•••••5039', groupCodes: ['Nhóm không hiển thị'] });
    expect(JSON.stringify(found)).not.toContain('060134025039');
    expect(JSON.stringify(found)).not.toContain('BTXH-8');

    const detail = await core.ok('people.get', { id: personId });
    expect(detail.person).toMatchObject({ citizenId: '060•••••5039', legacyId: '123••6789' });
    expect(JSON.stringify(detail.person)).not.toContain('060134025039');

    expect(await core.ok('people.reveal', { id: personId })).toEqual({
      citizenId: '060134025039',
      legacyId: '123456789',
    });
    const log = core
      .store!.sqlite.prepare(
        "SELECT user_name, person_id, detail_json FROM audit_log WHERE action = 'sensitive.reveal'",
      )
      .all();
    expect(log).toEqual([
      { user_name: 'canbo', person_id: personId, detail_json: '{"fields":["citizenId","legacyId"]}' },
    ]);
  });

  it('a citizen ID is found only by the whole ID, and every such search is on record (masked)', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName: 'Lê Thị Hường',
          birthDate: '05/08/1934',
          gender: 'female',
          citizenId: '060134025039',
          phone: '0905 111 222',
        },
        'BTXH',
        'BTXH-5C',
        '2026-11',
      ),
    );
    const log = () =>
      core
        .store!.sqlite.prepare(
          "SELECT user_name, person_id, detail_json FROM audit_log WHERE action = 'sensitive.searchId' ORDER BY id",
        )
        .all() as Array<{ user_name: string; person_id: number | null; detail_json: string }>;
    // Fragments of the masked ID (first 3, last 4, anything in between) find no one: it cannot be rebuilt.
    for (const text of ['5039', '060', '0601340', '13402', '06013402503', '60134025039']) {
      expect((await core.ok('people.search', { text })).rows, text).toEqual([]);
    }
    expect(log()).toEqual([]); // none of those is ID-shaped (12 or 9 digits)
    const found = await core.ok('people.search', { text: '060134025039' });
    expect(found.rows.map((r) => [r.id, r.citizenId])).toEqual([[personId, '060•••••5039']]);
    expect(log()).toEqual([
      {
        user_name: 'canbo',
        person_id: personId,
        detail_json: JSON.stringify({ ids: ['060•••••5039'], matched: 1, personIds: [personId] }),
      },
    ]);
    // A 12-digit number that is no one's ID is a search by ID too: on record, with no match.
    expect((await core.ok('people.search', { text: '060134025038' })).rows).toEqual([]);
    expect(log()).toHaveLength(2);
    expect(JSON.stringify(log())).not.toContain('060134025038');
    // The phone still matches by any fragment, unaudited.
    expect((await core.ok('people.search', { text: '111 222' })).rows.map((r) => r.id)).toEqual([personId]);
    expect(log()).toHaveLength(2);
  });

  it('only the officer may filter by a protected group; refusals and uses are on record; the label is neutral', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lê Thị Hường', birthDate: '05/08/1974', gender: 'female' }, 'BTXH', 'BTXH-8', '2026-11'),
    );
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Trần Văn An', birthDate: '1940', gender: 'male' }, 'BTXH', 'BTXH-6D', '2026-11'),
    );
    const audit = (action: string) =>
      core
        .store!.sqlite.prepare('SELECT user_name, detail_json FROM audit_log WHERE action = ? ORDER BY id')
        .all(action) as Array<{ user_name: string; detail_json: string }>;
    for (const role of ['accountant', 'approver', 'admin'] as const) {
      core.as(role);
      const refused = await core.fail('people.search', { groupCode: 'BTXH-8' });
      expect(refused.code, role).toBe('FORBIDDEN');
      expect(refused.message).not.toMatch(/HIV/);
      // Other groups, and the list itself, stay open to every role; the protected group is never named.
      const all = await core.ok('people.search', {});
      expect(all.rows.find((r) => r.id === personId)!.groupCodes).toEqual(['Nhóm không hiển thị']);
      expect(JSON.stringify(all)).not.toMatch(/BTXH-8|HIV|bảo mật/);
      expect((await core.ok('people.search', { groupCode: 'BTXH-6D' })).rows).toHaveLength(1);
    }
    expect(audit('access.denied').map((a) => JSON.parse(a.detail_json))).toEqual(
      ['accountant', 'approver', 'admin'].map((role) => ({ channel: 'people.search', role, filter: 'protectedGroup' })),
    );
    expect(audit('sensitive.groupFilter')).toEqual([]);
    core.as('officer');
    const filtered = await core.ok('people.search', { groupCode: 'BTXH-8' });
    expect(filtered.rows.map((r) => r.id)).toEqual([personId]);
    expect(audit('sensitive.groupFilter')).toEqual([
      { user_name: 'canbo', detail_json: JSON.stringify({ groupCode: 'BTXH-8', matched: 1, totalCapped: false }) },
    ]);
  });

  it('the receiver search of an authorization finds by a whole ID only, and that search is on record', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Phạm Thị Hoa', birthDate: '20/08/1938', gender: 'female', citizenId: '068138001234' },
        'BTXH',
        'BTXH-5C',
        '2026-11',
      ),
    );
    const find = async (text: string) =>
      (await core.ok('payout.findReceivers', { text })).map((r) => [r.id, r.citizenId]);
    for (const text of ['1234', '068138', '68138001234', '068 138 00']) expect(await find(text), text).toEqual([]);
    expect(await find('068138001234')).toEqual([[personId, '068•••••1234']]);
    expect(await find('hoa')).toEqual([[personId, '068•••••1234']]);
    const log = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'sensitive.searchId'")
      .pluck()
      .all() as string[];
    expect(log.map((d) => JSON.parse(d))).toEqual([
      { list: 'payout.findReceivers', ids: ['068•••••1234'], matched: 1, personIds: [personId] },
    ]);
  });
});
