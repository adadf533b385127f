import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import type { BhytMonthList } from '@shared/api/bhyt';
import { tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { decision, enrollNew, person as personInput, testCore, type TestCore } from '../support/register';

// Health insurance (issue 16): a person's cards, and the month's list for the social-insurance office
// computed from the register. September 2026: a new beneficiary (start), a death and a move in August
// (end from September), a group change from September (change); people with nothing happening, or in
// a programme the state does not insure for (care support), are not listed.

let dir: string;
let cleanup: () => void;
let core: TestCore;
const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const paper = { number: '30/QĐ-UBND', signedDate: '05/09/2026', signer: 'Nguyễn Văn Chủ', reason: '' };
const ids: Record<string, number> = {};

const enroll = async (
  name: string,
  birth: string,
  programme: 'BTXH' | 'NCC' | 'BTXH_CARE',
  group: string | undefined,
  month: string,
  extra = {},
) => {
  const r = await core.ok('register.enroll', {
    ...enrollNew({ fullName: name, birthDate: birth }, programme, group, month),
    decision: decision(month, { number: `${month.slice(5)}/QĐ-UBND` }),
    ...extra,
  });
  ids[name] = r.personId;
  return r;
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-01-20T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  core.as('officer');
  await enroll('Lê Văn Vững', '1940', 'BTXH', 'BTXH-5C', '2026-01');
  await enroll('Phạm Thị Mất', '1935', 'BTXH', 'BTXH-5C', '2026-01');
  await enroll('Tạ Văn Đi', '1945', 'NCC', undefined, '2026-01', {
    categoryLabel: 'Thương binh 61%',
    components: [{ kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 }],
  });
  const change = await enroll('Hồ Thị Đổi', '1942', 'BTXH', 'BTXH-5C', '2026-01');
  core.setNow('2026-09-15T09:00:00+07:00');
  await enroll('Ngô Văn Mới', '1944', 'BTXH', 'BTXH-5C', '2026-09');
  await enroll('Chăm Sóc', '1980', 'BTXH_CARE', 'CS-NUOI', '2026-09', { caredPersonId: ids['Lê Văn Vững'] }).catch(
    () => undefined,
  );
  await core.ok('register.recordDeath', {
    personId: ids['Phạm Thị Mất']!,
    deathDate: '10/08/2026',
    decision: paper,
    funeral: { payeeName: 'Con', multiplier: 20 },
  });
  await core.ok('register.moveAway', { personId: ids['Tạ Văn Đi']!, movedDate: '20/08/2026', decision: paper });
  await core.ok('register.decide', {
    entitlementId: change.entitlementId!,
    kind: 'adjust',
    groupCode: 'BTXH-5A2',
    decision: decision('2026-09', { number: '31/QĐ-UBND', reason: 'Hộ nghèo, không có người phụng dưỡng' }),
  });
}, 60_000);
afterAll(() => {
  core.close();
  cleanup();
});

const names = (rows: BhytMonthList['start']) => rows.map((r) => r.fullName);

describe('the month list for the social-insurance office', () => {
  it('September: exactly the new beneficiary to start, the death and the move to end, the group change to change', async () => {
    const list = await core.ok('bhyt.monthList', { month: '09/2026' });
    expect(names(list.start)).toEqual(['Ngô Văn Mới']);
    expect(names(list.end).sort()).toEqual(['Phạm Thị Mất', 'Tạ Văn Đi']);
    expect(names(list.change)).toEqual(['Hồ Thị Đổi']);
    expect(list.start[0]).toMatchObject({ groupBefore: '', reason: 'Hưởng mới theo QĐ số 09/QĐ-UBND ngày 01/09/2026' });
    expect(list.start[0]!.groupAfter).toMatch(/^BTXH-5C — Người từ đủ 80 tuổi/);
    const end = Object.fromEntries(list.end.map((r) => [r.fullName, r]));
    expect(end['Phạm Thị Mất']).toMatchObject({ reason: 'Từ trần ngày 10/08/2026', groupAfter: '' });
    expect(end['Tạ Văn Đi']).toMatchObject({
      reason: 'Chuyển đi nơi khác ngày 20/08/2026',
      groupBefore: 'Trợ cấp ưu đãi người có công: Thương binh 61%',
    });
    expect(list.change[0]!.groupBefore).toMatch(/^BTXH-5C/);
    expect(list.change[0]!.groupAfter).toMatch(/^BTXH-5A2/);
    expect(list.change[0]!.reason).toBe(
      'Thay đổi diện hưởng theo QĐ số 31/QĐ-UBND ngày 01/09/2026: Hộ nghèo, không có người phụng dưỡng',
    );
  });

  it('the months around it: January starts the first four; August and October list nobody', async () => {
    const january = await core.ok('bhyt.monthList', { month: '2026-01' });
    expect(names(january.start).sort()).toEqual(['Hồ Thị Đổi', 'Lê Văn Vững', 'Phạm Thị Mất', 'Tạ Văn Đi']);
    expect([...january.end, ...january.change]).toEqual([]);
    for (const month of ['2026-08', '2026-10']) {
      const l = await core.ok('bhyt.monthList', { month });
      expect([...l.start, ...l.end, ...l.change]).toEqual([]);
    }
  });

  it('xlsx read by LibreOffice and PDF read by pdftotext: the three sections with the same people; audited with counts', async () => {
    await core.ok('bhyt.saveCard', {
      personId: ids['Ngô Văn Mới']!,
      cardNumber: 'BT2797920001234',
      validFrom: '01/09/2026',
      validTo: '31/12/2026',
      source: 'state',
    });
    const folder = join(dir, 'usb');
    mkdirSync(folder);
    const xlsx = await core.job('bhyt.exportList', { month: '2026-09', format: 'xlsx', folder });
    if (xlsx.destination !== 'folder') throw new Error('expected a folder');
    expect(xlsx.files[0]).toMatchObject({ fileName: 'bhyt_2026-09.xlsx', count: 4 });
    const rows = parseCsv(xlsxToCsvSheets(readFileSync(xlsx.files[0]!.path))[0]!);
    const flat = rows.map((r) => r.join('|'));
    const at = (text: string) => flat.findIndex((l) => l.includes(text));
    expect(flat).toContain(
      'DANH SÁCH ĐỀ NGHỊ CẤP, THU HỒI, ĐIỀU CHỈNH THẺ BẢO HIỂM Y TẾ — THÁNG 09/2026' +
        '|'.repeat(rows[at('DANH SÁCH')]!.length - 1),
    );
    const start = at('I. ĐỐI TƯỢNG ĐỀ NGHỊ CẤP THẺ BHYT');
    const end = at('II. ĐỐI TƯỢNG ĐỀ NGHỊ THÔI CẤP');
    const change = at('III. ĐỐI TƯỢNG ĐỀ NGHỊ ĐIỀU CHỈNH');
    expect(start).toBeGreaterThan(0);
    expect(rows[start]![0]).toBe('I. ĐỐI TƯỢNG ĐỀ NGHỊ CẤP THẺ BHYT (TĂNG MỚI): 1 người');
    expect(rows[start + 2]!.slice(0, 6)).toEqual(['1', 'Ngô Văn Mới', '1944', 'Nam', '', '7920001234']);
    expect(rows[start + 2]![9]).toBe('Hưởng mới theo QĐ số 09/QĐ-UBND ngày 01/09/2026');
    expect(rows[end]![0]).toBe('II. ĐỐI TƯỢNG ĐỀ NGHỊ THÔI CẤP, THU HỒI THẺ BHYT (GIẢM): 2 người');
    expect(
      rows
        .slice(end + 2, end + 4)
        .map((r) => [r[1], r[9]])
        .sort(),
    ).toEqual([
      ['Phạm Thị Mất', 'Từ trần ngày 10/08/2026'],
      ['Tạ Văn Đi', 'Chuyển đi nơi khác ngày 20/08/2026'],
    ]);
    expect(change).toBe(end + 5);
    expect(rows[change + 2]![1]).toBe('Hồ Thị Đổi');
    expect(rows[change + 2]![7]).toMatch(/^BTXH-5C/);
    expect(rows[change + 2]![8]).toMatch(/^BTXH-5A2/);

    const pdf = await core.job('bhyt.exportList', { month: '2026-09', format: 'pdf' });
    if (pdf.destination !== 'download') throw new Error('expected a download');
    expect(pdf).toMatchObject({ fileName: 'bhyt_2026-09.pdf', mimeType: 'application/pdf', count: 4 });
    const path = join(dir, 'bhyt.pdf');
    writeFileSync(path, Buffer.from(pdf.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('THẺ BẢO HIỂM Y TẾ — THÁNG 09/2026');
    expect(text).toContain('Đức Nghĩa, ngày 15 tháng 9 năm 2026');
    expect(text).toMatch(/\(TĂNG MỚI\): 1 người .*1 Ngô Văn Mới 1944 Nam 7920001234/);
    expect(text).toMatch(/\(GIẢM\): 2 người .*Phạm Thị Mất.*Từ trần ngày 10\/08\/2026/);
    expect(text).toMatch(/Tạ Văn Đi.*Chuyển đi nơi khác ngày 20\/08\/2026/);
    expect(text).toMatch(/\(THAY ĐỔI DIỆN HƯỞNG\): 1 người .*Hồ Thị Đổi/);
    expect(text.indexOf('Ngô Văn Mới')).toBeLessThan(text.indexOf('Phạm Thị Mất'));
    expect(text.indexOf('Tạ Văn Đi')).toBeLessThan(text.indexOf('Hồ Thị Đổi'));

    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'bhyt.exportList' ORDER BY id")
      .all() as Array<{ detail_json: string }>;
    expect(audit.map((a) => JSON.parse(a.detail_json))).toEqual([
      { month: '2026-09', format: 'xlsx', destination: 'folder', folder, start: 1, end: 2, change: 1 },
      { month: '2026-09', format: 'pdf', destination: 'download', start: 1, end: 2, change: 1 },
    ]);
  });
});

describe("a person's cards", () => {
  it('records and corrects a card (audited), the person page number follows the card in use; refuses bad numbers in Vietnamese and changes nothing', async () => {
    const personId = ids['Lê Văn Vững']!;
    const first = await core.ok('bhyt.saveCard', {
      personId,
      cardNumber: 'bt 2 79 7920009999',
      validFrom: '01/01/2026',
      validTo: '31/12/2026',
      source: 'state',
    });
    await core.ok('bhyt.saveCard', {
      personId,
      cardId: first.cardId,
      cardNumber: 'BT2797920009998',
      validFrom: '01/01/2026',
      validTo: '30/09/2026',
      source: 'state',
      note: 'Sửa số',
    });
    const cards = await core.ok('bhyt.cards', { personId });
    expect(cards).toEqual([
      expect.objectContaining({
        cardNumber: 'BT2797920009998',
        bhxhNumber: '7920009998',
        validTo: '2026-09-30',
        current: true,
        recordedBy: 'Trần Thị Hường',
        note: 'Sửa số',
      }),
    ]);
    const person = core
      .store!.sqlite.prepare('SELECT health_insurance_no FROM people WHERE id = ?')
      .pluck()
      .get(personId);
    expect(person).toBe('BT2797920009998');
    // The person form no longer carries a free-text card number: an old client sending one changes nothing.
    const name = core
      .store!.sqlite.prepare('SELECT full_name FROM people WHERE id = ?')
      .pluck()
      .get(personId) as string;
    const oldClient = { ...personInput({ fullName: name, birthDate: '1940' }), healthInsuranceNo: 'GIA TRI CU' };
    await core.ok('people.update', { id: personId, person: oldClient });
    expect(
      core.store!.sqlite.prepare('SELECT health_insurance_no FROM people WHERE id = ?').pluck().get(personId),
    ).toBe('BT2797920009998');
    const audit = core
      .store!.sqlite.prepare(
        "SELECT action, before_json, after_json FROM audit_log WHERE action LIKE 'bhyt.card.%' AND person_id = ? ORDER BY id",
      )
      .all(personId) as Array<{ action: string; before_json: string | null; after_json: string }>;
    expect(audit.map((a) => a.action)).toEqual(['bhyt.card.create', 'bhyt.card.update']);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ cardNumber: 'BT2797920009999', validTo: '2026-12-31' });

    const count = () => core.store!.sqlite.prepare('SELECT COUNT(*) FROM health_insurance_cards').pluck().get();
    const before = count();
    const bad = await core.fail('bhyt.saveCard', {
      personId,
      cardNumber: 'BT9797920009998',
      validFrom: '01/01/2026',
      validTo: '31/12/2026',
      source: 'state',
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues).toContainEqual({
      path: 'cardNumber',
      message: 'Số thẻ BHYT: ký tự thứ 3 là mức hưởng, phải là một chữ số từ 1 đến 5.',
    });
    const backwards = await core.fail('bhyt.saveCard', {
      personId,
      cardNumber: '7920009998',
      validFrom: '01/01/2026',
      validTo: '31/12/2025',
      source: 'state',
    });
    expect(backwards.issues).toContainEqual({
      path: 'validTo',
      message: 'Giá trị sử dụng đến ngày: phải sau ngày bắt đầu.',
    });
    const taken = await core.fail('bhyt.saveCard', {
      personId: ids['Hồ Thị Đổi'],
      cardNumber: '7920009998',
      validFrom: '01/01/2026',
      validTo: '31/12/2026',
      source: 'state',
    });
    expect(taken.message).toContain('đã ghi cho Lê Văn Vững');
    expect(count()).toBe(before);
  });

  it('the officer records; the accountant and approver read; the administrator is refused; cards expiring within 30 days reach the to-do list', async () => {
    // Lê Văn Vững's card ends 30/09/2026: 15 days from 15/09. Ngô Văn Mới's ends 31/12.
    core.as('accountant');
    expect(
      (
        await core.fail('bhyt.saveCard', {
          personId: ids['Hồ Thị Đổi'],
          cardNumber: '7920001111',
          validFrom: '01/01/2026',
          validTo: '31/12/2026',
          source: 'state',
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(await core.ok('bhyt.cards', { personId: ids['Hồ Thị Đổi']! })).toEqual([]);
    core.as('admin');
    expect((await core.fail('bhyt.cards', { personId: ids['Hồ Thị Đổi'] })).code).toBe('FORBIDDEN');
    expect((await core.fail('bhyt.exportList', { month: '2026-09', format: 'pdf' })).code).toBe('FORBIDDEN');
    core.as('approver');
    expect((await core.fail('bhyt.exportList', { month: '2026-09', format: 'pdf' })).code).toBe('FORBIDDEN');
    core.as('officer');
    const expiring = await core.ok('bhyt.expiring', {});
    expect(expiring).toEqual([
      {
        personId: ids['Lê Văn Vững'],
        fullName: 'Lê Văn Vững',
        neighbourhood: 'Khu phố 1',
        cardNumber: 'BT2797920009998',
        validTo: '2026-09-30',
      },
    ]);
    const todo = await core.ok('todo.list', {});
    expect(todo.items.find((i) => i.key === 'bhyt.expiring')).toMatchObject({
      count: 1,
      path: '/so-doi-tuong/bhyt',
      label: '1 thẻ BHYT của người đang hưởng hết hạn trong 30 ngày tới',
    });
    // A dead person's card is not shown: the death ends it.
    await core.ok('bhyt.saveCard', {
      personId: ids['Phạm Thị Mất']!,
      cardNumber: '7920002222',
      validFrom: '01/01/2026',
      validTo: '20/09/2026',
      source: 'state',
    });
    expect((await core.ok('bhyt.expiring', {})).map((c) => c.fullName)).toEqual(['Lê Văn Vững']);
  });

  it('when cards issued for a year all end together, the to-do item stops counting past 1.000 ("Hơn 1.000")', async () => {
    const db = core.store!.sqlite;
    db.transaction(() => {
      for (let i = 0; i < 1_005; i++) {
        const id = Number(
          db
            .prepare(
              "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES (?, 'A', 'a', 'a', '2026-01-01', '2026-01-01')",
            )
            .run(`Người ${i}`).lastInsertRowid,
        );
        db.prepare("INSERT INTO register_summary (person_id, as_of_month, status) VALUES (?, '2026-09', 'active')").run(
          id,
        );
        db.prepare(
          "INSERT INTO health_insurance_cards (person_id, card_number, bhxh_number, valid_from, valid_to, source, recorded_at) VALUES (?, ?, ?, '2026-01-01', '2026-10-01', 'state', '2026-01-01')",
        ).run(id, `BT279${String(8_000_000_000 + i)}`, String(8_000_000_000 + i));
      }
    })();
    const item = (await core.ok('todo.list', {})).items.find((i) => i.key === 'bhyt.expiring');
    expect(item).toMatchObject({
      count: 1_000,
      label: 'Hơn 1.000 thẻ BHYT của người đang hưởng hết hạn trong 30 ngày tới',
    });
    expect(item!.detail).toMatch(
      /^Lê Văn Vững \(đến 30\/09\/2026\), Người \d+ \(đến 01\/10\/2026\), Người \d+ \(đến 01\/10\/2026\) và hơn 997 người khác$/,
    );
    expect(await core.ok('bhyt.expiring', {})).toHaveLength(1_000);
  });
});
