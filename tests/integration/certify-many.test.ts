import { describe, expect, it } from 'vitest';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';

// The approver certifies the uncertified papers listed together (issue 14's gap: an import brings dozens
// of authorizations, each had to be certified one by one): one date and one certifier for all, each
// checked as a single certification is, and all or none.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

async function authorizations(n: number): Promise<number[]> {
  const db = core.store!.sqlite;
  const receiver = (
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Trần Thị Hường', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-10'),
    )
  ).personId;
  const account = Number(
    db
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '1500205123456', 'TRAN THI HUONG', '2026-10-01T00:00:00Z')",
      )
      .run(receiver).lastInsertRowid,
  );
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const giver = (
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: `Nguyễn Văn Ơn ${i + 1}`, birthDate: '1938' }, 'BTXH', 'BTXH-5C', '2026-10'),
      )
    ).personId;
    ids.push(
      Number(
        db
          .prepare(
            "INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, scope_note, created_at) VALUES (?, ?, 'Con', ?, '2026-10-01', '2027-09-30', '', '2026-10-02T00:00:00Z')",
          )
          .run(giver, receiver, account).lastInsertRowid,
      ),
    );
  }
  return ids;
}
const certified = () =>
  core.store!.sqlite.prepare('SELECT count(*) FROM authorizations WHERE certified_date IS NOT NULL').pluck().get();

describe('certifying several authorizations at once', () => {
  it('certifies every one listed with one date and certifier, one audit entry each', async () => {
    const ids = await authorizations(3);
    core.as('approver');
    expect(
      await core.ok('authorizations.certifyMany', {
        ids,
        certifiedDate: '05/11/2026',
        certifiedBy: 'Lê Văn Chủ, Chủ tịch UBND phường',
      }),
    ).toEqual({ certified: 3 });
    const rows = core
      .store!.sqlite.prepare('SELECT certified_date, certified_by FROM authorizations ORDER BY id')
      .all();
    expect(rows).toEqual(
      Array(3).fill({ certified_date: '2026-11-05', certified_by: 'Lê Văn Chủ, Chủ tịch UBND phường' }),
    );
    expect(
      core.store!.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'authorization.certify'").pluck().get(),
    ).toBe(3);
  });

  it('certifies none when one cannot be (revoked, already certified, a date before its term), naming the giver', async () => {
    const ids = await authorizations(3);
    core.store!.sqlite.prepare("UPDATE authorizations SET revoked_date = '2026-10-15' WHERE id = ?").run(ids[1]);
    core.as('approver');
    const refused = await core.fail('authorizations.certifyMany', {
      ids,
      certifiedDate: '05/11/2026',
      certifiedBy: 'Lê Văn Chủ',
    });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Nguyễn Văn Ơn 2');
    expect(refused.message).toContain('Không giấy nào được ghi chứng thực');
    expect(certified()).toBe(0);
    const early = await core.fail('authorizations.certifyMany', {
      ids: [ids[0]!, ids[2]!],
      certifiedDate: '01/01/2026',
      certifiedBy: 'Lê Văn Chủ',
    });
    expect(early.message).toContain('trước ngày bắt đầu ủy quyền');
    expect(certified()).toBe(0);
    expect(
      (
        await core.fail('authorizations.certifyMany', {
          ids: [],
          certifiedDate: '05/11/2026',
          certifiedBy: 'Lê Văn Chủ',
        })
      ).code,
    ).toBe('INVALID_INPUT');
  });

  it('is the approver’s alone', async () => {
    const ids = await authorizations(1);
    for (const role of ['officer', 'accountant', 'admin'] as const) {
      core.as(role);
      expect(
        (await core.fail('authorizations.certifyMany', { ids, certifiedDate: '05/11/2026', certifiedBy: 'X' })).code,
        role,
      ).toBe('FORBIDDEN');
    }
    expect(certified()).toBe(0);
  });
});
