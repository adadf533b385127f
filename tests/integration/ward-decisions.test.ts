import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintedPdf } from '@shared/api/forms';
import type { WardDecisionView } from '@shared/api/ward-decisions';
import { pdfText, savePdf } from '../support/pdf';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// The decisions the ward signs (issue 16): the per-year register's numbers (never twice in a year, across
// a restart, from 1 again in a new year), the draft Quyết định and its attached list read back by
// pdftotext, the posting list's period, the signed number written back on the entitlement's decision,
// and who may do what.

const { dir, cleanup } = tempDir('so-an-sinh-ward-decisions-');
let core: TestCore;

const OFFICE = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Trương Văn Ánh',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};

const sql = () => core.store!.sqlite;
const count = (q: string, ...args: unknown[]) =>
  sql()
    .prepare(q)
    .pluck()
    .get(...args) as number;
const save = (name: string, printed: PrintedPdf) => savePdf(dir, name, Buffer.from(printed.contentBase64, 'base64'));
// Long lines wrap (also after a slash): compare with line breaks as spaces, none after a slash.
const flat = (path: string) => pdfText(path).replace(/\s+/g, ' ').replace(/\/ /g, '/');

const NAMES = [
  'Nguyễn Thị Hoa',
  'Lê Văn Đức',
  'Phạm Thị Ánh',
  'Võ Văn Ơn',
  'Đặng Thị Yến',
  'Trần Văn Lộc',
  'Huỳnh Thị Mai',
];
const people: number[] = [];
const grants: number[] = [];

const grantDecisionOf = (personId: number) =>
  count(`SELECT id FROM decisions WHERE person_id = ? AND kind = 'grant'`, personId);
const create = (decisionIds: number[], date?: string) =>
  core.ok('wardDecisions.create', date ? { decisionIds, date } : { decisionIds });

function openCore(): void {
  core = testCore(dir, '2026-11-13T09:00:00+07:00');
}

beforeAll(async () => {
  openCore();
  core.as('admin');
  await core.ok('settings.saveOffice', OFFICE);
  core.as('officer');
  for (const [i, fullName] of NAMES.entries()) {
    const r = await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName,
          birthDate: `0${i + 1}/03/1940`,
          gender: i % 2 ? 'male' : 'female',
          address: `Số ${i + 1} đường Ỷ Lan, khu phố 1`,
        },
        'BTXH',
        'BTXH-5C',
        '2026-10',
        {
          decision: decision('2026-10', { number: 'Chưa ký' }),
        },
      ),
    );
    people.push(r.personId);
    grants.push(grantDecisionOf(r.personId));
  }
});
afterAll(() => {
  core?.close();
  cleanup();
});

describe('the per-year register of decisions', () => {
  it('numbers drafts 1, 2, 3 … in the year, never twice, and goes on after the core is closed and reopened', async () => {
    const a = await create([grants[0]!]);
    const b = await create([grants[1]!]);
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a).toMatchObject({ year: 2026, symbol: '01/QĐ-UBND', status: 'draft', count: 1, firstName: NAMES[0] });
    expect(a.subject).toBe(`Về việc hưởng trợ cấp xã hội hằng tháng đối với bà ${NAMES[0]}`);

    core.close();
    openCore();
    const c = await create([grants[2]!]);
    expect(c).toMatchObject({ year: 2026, seq: 3, symbol: '03/QĐ-UBND' });
    expect(
      count(`SELECT count(*) FROM (SELECT year, seq FROM ward_decisions GROUP BY year, seq HAVING count(*) > 1)`),
    ).toBe(0);

    // The database itself refuses a repeated number, a deletion (which would free a number) and a renumbering.
    expect(() =>
      sql()
        .prepare(
          `INSERT INTO ward_decisions (year, seq, symbol, draft_date, programme_code, kind, subject, created_at) VALUES (2026, 2, 'x', '2026-11-13', 'BTXH', 'grant', 's', 'now')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() => sql().prepare('DELETE FROM ward_decisions WHERE id = ?').run(c.id)).toThrow(/never deleted/);
    expect(() => sql().prepare('UPDATE ward_decisions SET seq = 9 WHERE id = ?').run(c.id)).toThrow(/keeps its number/);
    const list = await core.ok('wardDecisions.list', { year: 2026 });
    expect(list.map((w) => w.seq)).toEqual([3, 2, 1]);
  });

  it('starts again at 1 in a new year, leaving the old year as it was', async () => {
    core.setNow('2027-01-04T09:00:00+07:00');
    try {
      const n = await create([grants[3]!]);
      expect(n).toMatchObject({ year: 2027, seq: 1, symbol: '01/QĐ-UBND' });
      // A draft dated in the old year takes the old year's next number.
      const old = await create([grants[4]!], '30/12/2026');
      expect(old).toMatchObject({ year: 2026, seq: 4 });
      expect((await core.ok('wardDecisions.list', { year: 2027 })).map((w) => w.seq)).toEqual([1]);
    } finally {
      core.setNow('2026-11-13T09:00:00+07:00');
    }
  });

  it('refuses what the ward does not decide or has already put in a decision, changing nothing', async () => {
    const ncc = await core.ok('register.enroll', {
      ...enrollNew({ fullName: 'Tạ Văn Ước', birthDate: '1945' }, 'NCC', undefined, '2026-10'),
      categoryLabel: 'Thương binh 61%',
      components: [{ kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 }],
    });
    const before = count('SELECT count(*) FROM ward_decisions');
    expect((await core.fail('wardDecisions.create', { decisionIds: [grantDecisionOf(ncc.personId)] })).message).toMatch(
      /Sở Nội vụ/,
    );
    expect((await core.fail('wardDecisions.create', { decisionIds: [grants[0]!] })).message).toContain(
      'đã có trong quyết định số 01/QĐ-UBND',
    );
    expect((await core.fail('wardDecisions.create', { decisionIds: [] })).code).toBe('INVALID_INPUT');
    expect((await core.fail('wardDecisions.create', { decisionIds: [999_999] })).code).toBe('NOT_FOUND');
    expect(count('SELECT count(*) FROM ward_decisions')).toBe(before);
    const open = await core.ok('wardDecisions.candidates', {});
    expect(open.map((c) => c.decisionId).sort()).toEqual([grants[5]!, grants[6]!].sort());
  });
});

describe('printing', () => {
  let several: WardDecisionView;

  it('a decision about several people: Decree 30 layout and the list attached with every person', async () => {
    several = await create([grants[5]!, grants[6]!]);
    expect(several).toMatchObject({
      seq: 5,
      count: 2,
      subject: 'Về việc hưởng trợ cấp xã hội hằng tháng đối với 2 người',
    });
    const printed = await core.ok('wardDecisions.print', { id: several.id });
    expect(printed.pages).toBeGreaterThanOrEqual(2);
    const text = flat(save('several.pdf', printed));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG ĐỨC NGHĨA',
      'Số: 05/QĐ-UBND',
      'Đức Nghĩa, ngày …… tháng …… năm ……',
      'QUYẾT ĐỊNH',
      'đối với 2 người',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA',
      'Căn cứ Nghị định số 20/2021/NĐ-CP',
      'QUYẾT ĐỊNH:',
      'Điều 1.',
      'danh sách kèm theo Quyết định này',
      'Điều 2.',
      'Điều 3.',
      'Nơi nhận:',
      '- Như Điều 3;',
      '- Lưu: VT, VHXH.',
      'Trương Văn Ánh',
      'DANH SÁCH',
      '(Kèm theo Quyết định số 05/QĐ-UBND',
      NAMES[5],
      NAMES[6],
      '06/03/1940',
      'Tổng cộng: 2 người',
      '10/2026',
    ]) {
      expect(text, s).toContain(s);
    }
    // A People's Committee's letterhead carries only its own name; the chairman decides in their own name.
    expect(text).not.toContain('UBND TỈNH LÂM ĐỒNG');
    expect(text).not.toContain('TM. ỦY BAN NHÂN DÂN');
    // The list is on its own page(s) after the decision.
    expect(pdfText(save('several-p1.pdf', printed), { first: 1, last: 1 })).not.toContain(NAMES[5]);
  });

  it('a decision about one person names them in Article 1 with the amount, and attaches no list', async () => {
    const list = await core.ok('wardDecisions.list', { year: 2026 });
    const one = list.find((w) => w.seq === 1)!;
    const printed = await core.ok('wardDecisions.print', { id: one.id });
    const text = flat(save('one.pdf', printed));
    const amount = count(`SELECT monthly_vnd FROM register_summary WHERE person_id = ?`, people[0]);
    expect(amount).toBeGreaterThan(0);
    expect(text).toContain(`Hưởng trợ cấp xã hội hằng tháng đối với bà ${NAMES[0]}, sinh ngày 01/03/1940`);
    expect(text).toContain(`mức ${amount.toLocaleString('de-DE')} đồng/tháng; kể từ tháng 10/2026.`);
    expect(text).not.toContain('DANH SÁCH');
    expect(printed.pages).toBe(1);
  });

  it('the posting list: 2 working days from the first working day, the people, audited with counts', async () => {
    // Friday 13/11/2026: Friday and Monday.
    const printed = await core.ok('wardDecisions.printPosting', { id: several.id, from: '13/11/2026' });
    const text = flat(save('posting.pdf', printed));
    for (const s of [
      'DANH SÁCH NIÊM YẾT CÔNG KHAI',
      'Đối tượng đề nghị hưởng trợ cấp xã hội hằng tháng',
      '(Kèm theo dự thảo Quyết định số 05/QĐ-UBND',
      'từ ngày 13/11/2026 đến hết ngày 16/11/2026 (02 ngày làm việc)',
      NAMES[5],
      NAMES[6],
      'NGƯỜI LẬP DANH SÁCH',
      'Trần Thị Hường',
      'TM. ỦY BAN NHÂN DÂN',
    ]) {
      expect(text, s).toContain(s);
    }
    // Starting on a Saturday: Monday and Tuesday.
    const weekend = flat(
      save('posting2.pdf', await core.ok('wardDecisions.printPosting', { id: several.id, from: '14/11/2026' })),
    );
    expect(weekend).toContain('từ ngày 16/11/2026 đến hết ngày 17/11/2026');
    const entry = sql()
      .prepare(`SELECT detail_json FROM audit_log WHERE action = 'wardDecision.printPosting' ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(entry)).toMatchObject({ people: 2, from: '2026-11-16', to: '2026-11-17' });
    expect(entry).not.toContain(NAMES[5]);
  });
});

describe('a protected group', () => {
  it('is not named on the attached list, and the person is left off the public posting list', async () => {
    const hidden = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lý Thị Kim', birthDate: '1980', gender: 'female' }, 'BTXH', 'BTXH-8', '2026-10'),
    );
    const open = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Mạc Văn Tùng', birthDate: '02/02/1941', gender: 'male' }, 'BTXH', 'BTXH-5C', '2026-10'),
    );
    const w = await create([grantDecisionOf(hidden.personId), grantDecisionOf(open.personId)]);
    const decisionText = flat(save('protected.pdf', await core.ok('wardDecisions.print', { id: w.id })));
    expect(decisionText).toContain('Lý Thị Kim');
    expect(decisionText).toContain('Nhóm không hiển thị');
    expect(decisionText).not.toMatch(/HIV/);
    const posting = await core.ok('wardDecisions.printPosting', { id: w.id });
    const postingText = flat(save('protected-posting.pdf', posting));
    expect(posting.count).toBe(1);
    expect(postingText).toContain('Mạc Văn Tùng');
    expect(postingText).not.toContain('Lý Thị Kim');
    expect(postingText).toContain('Tổng cộng: 1 người');
  });
});

describe('the signed number back on the entitlement', () => {
  it('records the signed number and date on every decision it covers, shown on the person page; once only', async () => {
    const list = await core.ok('wardDecisions.list', { year: 2026 });
    const several = list.find((w) => w.seq === 5)!;
    core.as('approver');
    try {
      const signed = await core.ok('wardDecisions.recordSigned', {
        id: several.id,
        number: '123/QĐ-UBND',
        signedDate: '13/11/2026',
      });
      expect(signed).toMatchObject({ status: 'signed', signedNumber: '123/QĐ-UBND', signedDate: '2026-11-13' });
    } finally {
      core.as('officer');
    }
    for (const personId of [people[5]!, people[6]!]) {
      const detail = await core.ok('people.get', { id: personId });
      const grant = detail.decisions.find((d) => d.kind === 'grant')!;
      expect(grant).toMatchObject({ number: '123/QĐ-UBND', signedDate: '2026-11-13', signer: 'Trương Văn Ánh' });
      const links = await core.ok('wardDecisions.forPerson', { personId });
      expect(links).toEqual([
        expect.objectContaining({ decisionId: grant.id, status: 'signed', signedNumber: '123/QĐ-UBND' }),
      ]);
    }
    const audit = sql()
      .prepare(`SELECT * FROM audit_log WHERE action = 'wardDecision.recordSigned' ORDER BY id DESC LIMIT 1`)
      .get() as Record<string, string>;
    expect(JSON.parse(audit.after_json!)).toMatchObject({ number: '123/QĐ-UBND', signedDate: '2026-11-13' });
    expect(JSON.parse(audit.detail_json!)).toMatchObject({ decisions: 2 });

    // Reprinted, the decision carries the signed number and date.
    const text = flat(save('signed.pdf', await core.ok('wardDecisions.print', { id: several.id })));
    expect(text).toContain('Số: 123/QĐ-UBND');
    expect(text).toContain('Đức Nghĩa, ngày 13 tháng 11 năm 2026');

    const again = await core.fail('wardDecisions.recordSigned', {
      id: several.id,
      number: '124/QĐ-UBND',
      signedDate: '13/11/2026',
    });
    expect(again.message).toContain('đã ghi số đã ký 123/QĐ-UBND');
    expect(count(`SELECT count(*) FROM decisions WHERE number = '124/QĐ-UBND'`)).toBe(0);
  });

  it('refuses a signing date before the draft or in the future', async () => {
    const list = await core.ok('wardDecisions.list', { year: 2026 });
    const draft = list.find((w) => w.seq === 1)!;
    expect(
      (await core.fail('wardDecisions.recordSigned', { id: draft.id, number: '7/QĐ-UBND', signedDate: '01/01/2026' }))
        .message,
    ).toContain('trước ngày lập dự thảo');
    expect(
      (await core.fail('wardDecisions.recordSigned', { id: draft.id, number: '7/QĐ-UBND', signedDate: '01/12/2026' }))
        .message,
    ).toContain('sau hôm nay');
    expect(count(`SELECT status FROM ward_decisions WHERE id = ?`, draft.id)).toBe('draft');
  });
});

describe('roles', () => {
  it('the accountant may not make, print or sign; the approver may not make a draft; nothing changes', async () => {
    const before = count('SELECT count(*) FROM ward_decisions');
    const candidate = (await core.ok('wardDecisions.candidates', {}))[0];
    const decisionIds = [candidate?.decisionId ?? grants[0]!];
    core.as('accountant');
    try {
      for (const [channel, input] of [
        ['wardDecisions.create', { decisionIds }],
        ['wardDecisions.list', { year: 2026 }],
        ['wardDecisions.print', { id: 1 }],
        ['wardDecisions.recordSigned', { id: 1, number: '9/QĐ-UBND', signedDate: '13/11/2026' }],
      ] as const) {
        expect((await core.fail(channel, input)).code, channel).toBe('FORBIDDEN');
      }
      core.as('approver');
      expect((await core.fail('wardDecisions.create', { decisionIds })).code).toBe('FORBIDDEN');
    } finally {
      core.as('officer');
    }
    expect(count('SELECT count(*) FROM ward_decisions')).toBe(before);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'access.denied'`)).toBeGreaterThanOrEqual(5);
  });
});

describe('a voided draft, the deputy signing, the names in force on the document’s date', () => {
  let pair: number[];
  let voided: WardDecisionView;
  let deputyDraft: WardDecisionView;

  it('voids a draft with a reason: its number stays used, the people go back to the list, it cannot be printed or signed', async () => {
    pair = [];
    for (const fullName of ['Châu Văn Bảy', 'Kiều Thị Tám']) {
      const r = await core.ok(
        'register.enroll',
        enrollNew({ fullName, birthDate: '03/04/1939', gender: 'male' }, 'BTXH', 'BTXH-5C', '2026-10'),
      );
      pair.push(grantDecisionOf(r.personId));
    }
    voided = await create(pair);
    expect((await core.fail('wardDecisions.void', { id: voided.id, reason: ' ' })).code).toBe('INVALID_INPUT');
    const after = await core.ok('wardDecisions.void', { id: voided.id, reason: 'Lập nhầm loại quyết định' });
    expect(after).toMatchObject({
      status: 'voided',
      voidReason: 'Lập nhầm loại quyết định',
      count: 2,
      symbol: voided.symbol,
    });
    const open = await core.ok('wardDecisions.candidates', {});
    expect(open.map((c) => c.decisionId)).toEqual(expect.arrayContaining(pair));

    expect((await core.fail('wardDecisions.print', { id: voided.id })).message).toContain('đã hủy');
    expect((await core.fail('wardDecisions.printPosting', { id: voided.id })).message).toContain('đã hủy');
    expect(
      (
        await core.fail('wardDecisions.recordSigned', {
          id: voided.id,
          number: '200/QĐ-UBND',
          signedDate: '13/11/2026',
        })
      ).message,
    ).toContain('đã hủy');
    expect((await core.fail('wardDecisions.void', { id: voided.id, reason: 'lần nữa' })).message).toContain(
      'đã hủy trước đó',
    );
    const signed = (await core.ok('wardDecisions.list', { year: 2026 })).find((w) => w.status === 'signed')!;
    expect((await core.fail('wardDecisions.void', { id: signed.id, reason: 'muốn hủy' })).message).toContain('đã ký');

    const entry = sql().prepare(`SELECT * FROM audit_log WHERE action = 'wardDecision.void'`).all() as Record<
      string,
      string
    >[];
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]!.after_json!)).toMatchObject({ status: 'voided', reason: 'Lập nhầm loại quyết định' });

    // The database keeps a voided draft as it was and releases items only of a voided draft.
    expect(() => sql().prepare(`UPDATE ward_decisions SET subject = 'x' WHERE id = ?`).run(voided.id)).toThrow(
      /voided/,
    );
    expect(() =>
      sql().prepare(`UPDATE ward_decision_items SET released = 1 WHERE ward_decision_id = ?`).run(signed.id),
    ).toThrow(/released/);
    expect(() => sql().prepare(`DELETE FROM ward_decision_items WHERE ward_decision_id = ?`).run(voided.id)).toThrow(
      /keeps/,
    );
  });

  it('a new draft for the same people takes the next number, never the voided one; the deputy signs for the chairman', async () => {
    core.as('admin');
    await core.ok('settings.saveOffice', { ...OFFICE, deputyChairmanName: 'Lê Thị Phó' });
    core.as('officer');
    deputyDraft = await core.ok('wardDecisions.create', { decisionIds: pair, signerRole: 'deputy' });
    expect(deputyDraft.seq).toBe(voided.seq + 1);
    expect(deputyDraft).toMatchObject({ status: 'draft', signerRole: 'deputy' });
    const text = flat(save('deputy.pdf', await core.ok('wardDecisions.print', { id: deputyDraft.id })));
    for (const s of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Thị Phó', 'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA'])
      expect(text, s).toContain(s);
    expect(text).not.toContain('Trương Văn Ánh');
    const links = await core.ok('wardDecisions.forPerson', {
      personId: count('SELECT person_id FROM decisions WHERE id = ?', pair[0]),
    });
    expect(links.map((l) => l.status)).toEqual(['voided', 'draft']);
  });

  it('after a renaming, a draft reprints with the names of its date; a decision signed later carries the new names and signer', async () => {
    core.setNow('2026-12-02T09:00:00+07:00');
    core.as('admin');
    const renamed = {
      ...OFFICE,
      unitName: 'UBND phường Mũi Né',
      chairmanName: 'Đỗ Văn Mới',
      deputyChairmanName: 'Ngô Thị Phó Mới',
    };
    expect((await core.fail('settings.saveOffice', { ...renamed, validFrom: '03/12/2026' })).message).toContain(
      'không được sau hôm nay',
    );
    expect((await core.fail('settings.saveOffice', { ...renamed, validFrom: '01/11/2026' })).message).toContain(
      'không được trước 13/11/2026',
    );
    await core.ok('settings.saveOffice', { ...renamed, validFrom: '01/12/2026' });
    const history = await core.ok('settings.officeHistory', {});
    expect(history.map((p) => [p.validFrom, p.validTo, p.unitName])).toEqual([
      ['2026-12-01', null, 'UBND phường Mũi Né'],
      ['2026-11-13', '2026-11-30', 'UBND phường Đức Nghĩa'],
    ]);
    core.as('officer');

    // The draft of 13/11 reads as it did.
    const old = flat(save('old-names.pdf', await core.ok('wardDecisions.print', { id: deputyDraft.id })));
    expect(old).toContain('PHƯỜNG ĐỨC NGHĨA');
    expect(old).toContain('Lê Thị Phó');
    expect(old).not.toContain('MŨI NÉ');

    // Signed on 02/12: the deputy in office that day is recorded, and the signed decision carries that day's names.
    core.as('approver');
    try {
      await core.ok('wardDecisions.recordSigned', {
        id: deputyDraft.id,
        number: '210/QĐ-UBND',
        signedDate: '02/12/2026',
      });
    } finally {
      core.as('officer');
    }
    expect(count(`SELECT signer FROM decisions WHERE id = ?`, pair[0])).toBe('Ngô Thị Phó Mới');
    const signedText = flat(save('new-names.pdf', await core.ok('wardDecisions.print', { id: deputyDraft.id })));
    expect(signedText).toContain('PHƯỜNG MŨI NÉ');
    expect(signedText).toContain('Mũi Né, ngày 02 tháng 12 năm 2026');
    expect(signedText).toContain('Ngô Thị Phó Mới');
  });
});
