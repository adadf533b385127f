import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import type { Store } from '../../main/db/store';
import { currentMonth } from '../../main/services/clock';
import { planSearch, searchPeople, TOTAL_CAP } from '../../main/services/register/search';
import { refreshSummary } from '../../main/services/register/summary';
import type { PersonRow, SearchInput, SearchResult } from '@shared/api/register';
import { compareNamesVi, foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import { insertSyntheticEntitlements, insertSyntheticRegister } from '../../bench/synthetic-register';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// Search over the register (main/services/register/search.ts) on real SQLite files: the matching rules
// with Vietnamese names, the ward's order, IDs and phones, filters, paging and the capped total, hostile
// text, the FTS indexes following every write, and both plans (DRIVE/WALK) against a plain oracle.

const NOW = '2026-11-15T09:00:00+07:00';
const MONTH = '2026-11';
const ids = (r: SearchResult) => r.rows.map((p) => p.id);
const names = (r: SearchResult) => r.rows.map((p) => p.fullName);

/** Runs a search under the automatic plan and both forced plans; they must agree, and that is returned. */
function search(store: Store, input: SearchInput): SearchResult {
  const auto = searchPeople(store, input);
  expect(searchPeople(store, input, 'walk'), `walk: ${JSON.stringify(input)}`).toEqual(auto);
  expect(searchPeople(store, input, 'drive'), `drive: ${JSON.stringify(input)}`).toEqual(auto);
  return auto;
}

/** Inserts a person as a bulk writer would (no service), optionally with a summary row. */
function insertPerson(
  store: Store,
  fullName: string,
  fields: { citizenId?: string; phone?: string; neighbourhoodId?: number } = {},
): number {
  const name = splitFullName(fullName);
  const now = new Date().toISOString();
  const id = Number(
    store.sqlite
      .prepare(
        `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, citizen_id, phone, neighbourhood_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        name.full,
        name.family,
        name.middle,
        name.given,
        foldForSearch(name.full),
        nameSortKey(name),
        fields.citizenId ?? null,
        fields.phone ?? '',
        fields.neighbourhoodId ?? null,
        now,
        now,
      ).lastInsertRowid,
  );
  refreshSummary(store, MONTH, [id]);
  return id;
}

describe('search over a small register written through the API', () => {
  let dir: string;
  let cleanup: () => void;
  let core: TestCore;
  let store: Store;
  const id: Record<string, number> = {};
  let kp: Record<string, number>;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    core = testCore(dir, NOW);
    store = core.store!;
    const enroll = async (
      key: string,
      p: Parameters<typeof enrollNew>[0],
      group = 'BTXH-5C',
      programme: 'BTXH' | 'NCC' = 'BTXH',
    ) => {
      const extra =
        programme === 'NCC'
          ? {
              categoryLabel: 'Thương binh 61%',
              components: [{ kind: 'main' as const, label: 'Trợ cấp hằng tháng', amountVnd: 2_500_000 }],
            }
          : {};
      const r = await core.ok(
        'register.enroll',
        enrollNew(p, programme, programme === 'NCC' ? undefined : group, '2026-10', extra),
      );
      id[key] = r.personId;
      return r.entitlementId;
    };
    await enroll('on', {
      fullName: 'Nguyễn Văn Ơn',
      birthDate: '15/03/1940',
      gender: 'male',
      citizenId: '079040123456',
      phone: '0912 345 678',
      neighbourhood: 'Khu phố 1',
    });
    await enroll('huong1', {
      fullName: 'Đặng Thị Hường',
      birthDate: '1938',
      gender: 'female',
      citizenId: '079138000777',
      phone: '0987.654.321',
      neighbourhood: 'Khu phố 2',
    });
    await enroll(
      'huong2',
      { fullName: 'Trần Thị Hương', birthDate: '02/02/1950', gender: 'female', neighbourhood: 'Khu phố 1' },
      'BTXH-5A1',
    );
    await enroll(
      'dat',
      { fullName: 'Lê Văn Đạt', birthDate: '1944', gender: 'male', neighbourhood: 'Khu phố 3' },
      '',
      'NCC',
    );
    await enroll('maianh', {
      fullName: 'Nguyễn Thị Mai-Anh',
      birthDate: '1930',
      gender: 'female',
      neighbourhood: 'Khu phố 2',
    });
    await enroll('hhen', { fullName: "H'Hen Niê", birthDate: '1935', gender: 'female', neighbourhood: 'Khu phố 3' });
    await enroll('duong', { fullName: 'Dương Văn Ân', birthDate: '1941', gender: 'male', neighbourhood: 'Khu phố 1' });
    const hung = await enroll('hung', {
      fullName: 'Phạm Văn Hùng',
      birthDate: '1942',
      gender: 'male',
      neighbourhood: 'Khu phố 2',
    });
    const lan = await enroll('lan', {
      fullName: 'Võ Thị Lan',
      birthDate: '1939',
      gender: 'female',
      neighbourhood: 'Khu phố 3',
    });
    await enroll('son', { fullName: 'Bùi Văn Sơn', birthDate: '1936', gender: 'male', neighbourhood: 'Khu phố 1' });
    await enroll('an', { fullName: 'Ngô Thị An', birthDate: '1945', gender: 'female', neighbourhood: 'Khu phố 2' });
    await core.ok('register.decide', { entitlementId: hung!, kind: 'suspend', decision: decision('2026-11') });
    await core.ok('register.decide', { entitlementId: lan!, kind: 'stop', decision: decision('2026-11') });
    await core.ok('register.recordDeath', {
      personId: id.son!,
      deathDate: '05/10/2026',
      decision: { number: '99/QĐ-UBND', signedDate: '10/10/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
      funeral: { payeeName: 'Bùi Văn Tâm', multiplier: 20 },
    });
    // Payout methods (no channel writes them yet): as an import would, then the summary.
    const method = store.sqlite.prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, created_at) VALUES (?, '2026-10', ?, 'now')",
    );
    method.run(id.on, 'POST_OFFICE');
    method.run(id.huong1, 'CASH_WARD');
    method.run(id.duong, 'CASH_WARD');
    refreshSummary(store, MONTH, [id.on!, id.huong1!, id.duong!]);
    kp = Object.fromEntries(
      (store.sqlite.prepare('SELECT name, id FROM neighbourhoods').all() as Array<{ name: string; id: number }>).map(
        (n) => [n.name, n.id],
      ),
    );
    id.y = insertPerson(store, 'Hồ Thị Ý', { neighbourhoodId: kp['Khu phố 3'] });
  });
  afterAll(() => {
    core.close();
    cleanup();
  });

  it('finds names whatever the accents and case: "nguyen van on", "on", "ON", "ơn", decomposed input', () => {
    for (const text of [
      'nguyen van on',
      'Nguyễn Văn Ơn',
      'on',
      'ON',
      'ơn',
      'Ơn',
      'van on',
      'on van',
      'ng v o',
      'Nguyễn Văn Ơn'.normalize('NFD'),
    ]) {
      expect(ids(search(store, { text })), text).toContain(id.on);
    }
    expect(names(search(store, { text: 'on' }))).toEqual(['Nguyễn Văn Ơn']);
  });

  it('folds đ to d both ways: "dang", "d", "đ" find Đặng and Đạt as well as Dương', () => {
    expect(names(search(store, { text: 'dang' }))).toEqual(['Đặng Thị Hường']);
    expect(names(search(store, { text: 'Đặng' }))).toEqual(['Đặng Thị Hường']);
    for (const text of ['d', 'D', 'đ', 'Đ']) {
      expect(ids(search(store, { text })).sort(), text).toEqual([id.huong1, id.dat, id.duong].sort());
    }
  });

  it('finds Hường and Hương by "huong", and by either spelling', () => {
    for (const text of ['huong', 'hường', 'Hương', 'HUONG', 'huo']) {
      expect(ids(search(store, { text })).sort(), text).toEqual([id.huong1, id.huong2].sort());
    }
    expect(names(search(store, { text: 'thi huong dang' }))).toEqual(['Đặng Thị Hường']);
  });

  it('matches each word at the start of a word of the name, in any order, never inside a word', () => {
    expect(ids(search(store, { text: 'guyen' }))).toEqual([]);
    expect(ids(search(store, { text: 'uong' }))).toEqual([]);
    expect(ids(search(store, { text: 'van nguyen' }))).toEqual([id.on]);
    expect(ids(search(store, { text: 'nguyen tran' }))).toEqual([]);
    // Punctuation inside a name separates words: Mai-Anh, H'Hen.
    expect(ids(search(store, { text: 'anh' }))).toEqual([id.maianh]);
    expect(ids(search(store, { text: 'mai anh' }))).toEqual([id.maianh]);
    expect(ids(search(store, { text: 'mai-anh' }))).toEqual([id.maianh]);
    expect(ids(search(store, { text: 'hen' }))).toEqual([id.hhen]);
    expect(ids(search(store, { text: "h'hen nie" }))).toEqual([id.hhen]);
  });

  it('lists by given name, then family name, then middle name (compareNamesVi)', () => {
    const all = search(store, { text: '' });
    expect(all.total).toBe(12);
    const parts = all.rows.map((r) => splitFullName(r.fullName));
    expect(parts).toEqual([...parts].sort(compareNamesVi));
    // a < ă < â, d < đ, u < ư, and no tone < huyền: An, Ân, Đạt, Hùng, Hương, Hường…
    expect(names(all)).toEqual([
      'Ngô Thị An',
      'Dương Văn Ân',
      'Lê Văn Đạt',
      'Phạm Văn Hùng',
      'Trần Thị Hương',
      'Đặng Thị Hường',
      'Võ Thị Lan',
      'Nguyễn Thị Mai-Anh',
      "H'Hen Niê",
      'Nguyễn Văn Ơn',
      'Bùi Văn Sơn',
      'Hồ Thị Ý',
    ]);
  });

  it('finds by any fragment of the phone, typed with or without separators, and by a whole citizen ID only', () => {
    expect(ids(search(store, { text: '3456' }))).toEqual([id.on]); // middle of the phone
    expect(ids(search(store, { text: '5678' }))).toEqual([id.on]); // phone stored as "0912 345 678"
    expect(ids(search(store, { text: '345 678' }))).toEqual([id.on]);
    expect(ids(search(store, { text: '654.321' }))).toEqual([id.huong1]); // phone stored as "0987.654.321"
    expect(ids(search(store, { text: '4321' }))).toEqual([id.huong1]);
    expect(ids(search(store, { text: '0912345678' }))).toEqual([id.on]); // a whole phone
    expect(ids(search(store, { text: '78' }))).toEqual([id.on]); // short fragments too (no index)
    expect(ids(search(store, { text: '99999' }))).toEqual([]);
    // Issue 12: a fragment of a citizen ID never matches it (a masked ID cannot be rebuilt by searching).
    for (const text of ['0777', '079', '138000', 'huong 777', '7913800077', '79138000777', '079138000', '13800077']) {
      expect(ids(search(store, { text })), text).toEqual([]);
    }
    // The whole ID (12 digits), alone or with words; on every plan.
    expect(ids(search(store, { text: '079138000777' }))).toEqual([id.huong1]);
    expect(ids(search(store, { text: '079 138 000 777' }))).toEqual([id.huong1]);
    expect(ids(search(store, { text: 'huong 079138000777' }))).toEqual([id.huong1]);
    expect(ids(search(store, { text: 'on 079138000777' }))).toEqual([]);
    expect(ids(search(store, { text: '079040123456' }))).toEqual([id.on]); // (search() checks both plans agree)
    expect(ids(search(store, { text: '07904012345' }))).toEqual([]);
  });

  it('returns the row as the list shows it', () => {
    const [row] = search(store, { text: 'nguyen van on' }).rows;
    expect(row).toEqual<PersonRow>({
      id: id.on!,
      fullName: 'Nguyễn Văn Ơn',
      birthText: '15/03/1940',
      gender: 'male',
      citizenId: '079040123456',
      neighbourhood: 'Khu phố 1',
      phone: '0912 345 678',
      status: 'active',
      programmes: ['BTXH'],
      groupCodes: ['BTXH-5C'],
      method: 'POST_OFFICE',
      monthlyVnd: expect.any(Number),
    });
    expect(row!.monthlyVnd).toBeGreaterThan(0);
    expect(search(store, { text: 'huong dang' }).rows[0]).toMatchObject({ birthText: '1938', method: 'CASH_WARD' });
    expect(search(store, { text: 'y ho' }).rows[0]).toMatchObject({
      status: 'none',
      programmes: [],
      groupCodes: [],
      method: null,
      monthlyVnd: 0,
      birthText: '',
    });
  });

  it('filters by status, programme, group, neighbourhood and payout method, alone and with text', () => {
    const by = (input: SearchInput) => ids(search(store, input)).sort();
    expect(by({ status: 'suspended' })).toEqual([id.hung]);
    expect(by({ status: 'stopped' })).toEqual([id.lan]);
    expect(by({ status: 'deceased' })).toEqual([id.son]);
    expect(by({ status: 'none' })).toEqual([id.y]);
    expect(by({ status: 'active' })).toHaveLength(8);
    expect(by({ programme: 'NCC' })).toEqual([id.dat]);
    expect(by({ programme: 'BTXH' })).toHaveLength(7);
    expect(by({ programme: 'HTXH' })).toEqual([]);
    expect(by({ groupCode: 'BTXH-5A1' })).toEqual([id.huong2]);
    expect(by({ groupCode: 'BTXH-5' })).toEqual([]); // whole codes only
    expect(by({ groupCode: 'BTXH-5C,BTXH-5A1' })).toEqual([]);
    expect(by({ groupCode: '' })).toHaveLength(12); // an empty choice is no filter
    expect(by({ neighbourhoodId: kp['Khu phố 3'] })).toEqual([id.dat, id.hhen, id.lan, id.y].sort());
    expect(by({ method: 'CASH_WARD' })).toEqual([id.huong1, id.duong].sort());
    expect(by({ method: 'OWN_ACCOUNT' })).toEqual([]);
    expect(by({ text: 'huong', neighbourhoodId: kp['Khu phố 1'] })).toEqual([id.huong2]);
    expect(by({ text: 'thi', status: 'active', programme: 'BTXH', neighbourhoodId: kp['Khu phố 2'] })).toEqual(
      [id.huong1, id.maianh, id.an].sort(),
    );
    expect(by({ text: 'van', method: 'POST_OFFICE', groupCode: 'BTXH-5C' })).toEqual([id.on]);
  });

  it('pages with limit and offset over the same order, and counts the total', () => {
    const all = ids(search(store, { text: '' }));
    const pages = [0, 5, 10].map((offset) => search(store, { text: '', limit: 5, offset }));
    expect(pages.flatMap(ids)).toEqual(all);
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.every((p) => !p.totalCapped)).toBe(true);
    expect(search(store, { text: '', limit: 5, offset: 40 })).toEqual({ rows: [], total: 12, totalCapped: false });
    const thi = search(store, { text: 'thi', limit: 2, offset: 1 });
    expect(thi.rows).toHaveLength(2);
    expect(thi.total).toBe(6);
  });

  it('finds nothing without error for text that cannot match', () => {
    expect(search(store, { text: 'zzz' })).toEqual({ rows: [], total: 0, totalCapped: false });
    expect(search(store, { text: 'nguyen zzz' })).toEqual({ rows: [], total: 0, totalCapped: false });
  });

  it('takes SQL and FTS5 syntax in the text as plain text: no error, never "everything"', () => {
    const nguyen = search(store, { text: 'nguyen' });
    for (const text of [
      '%',
      '_',
      "'",
      '"',
      '*',
      '(',
      ')',
      '-',
      ':',
      '^',
      '\\',
      '%%',
      "' OR 1=1 --",
      '" OR "" = "',
      '*)',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'NEAR(',
      'name:on',
      'a*b%c',
    ]) {
      const r = search(store, { text });
      expect(r.total, text).toBeLessThan(3);
    }
    for (const text of ['%', '_', "'", '"', '*', '(', 'AND', 'NEAR', "' OR 1=1 --"])
      expect(search(store, { text }).rows, text).toEqual([]);
    // Punctuation around a word is ignored, as between words of a name.
    for (const text of ['nguyen%', 'nguyen*', '"nguyen"', "nguyen'", '(nguyen)', '-nguyen', 'nguyen_']) {
      expect(search(store, { text }), text).toEqual(nguyen);
    }
    expect(search(store, { text: 'nguyen AND tran' }).rows).toEqual([]);
    expect(search(store, { text: 'nguyen NEAR van' }).rows).toEqual([]);
  });

  it('answers through the API channel, whose schema bounds the input', async () => {
    const r = await core.ok('people.search', { text: 'huong', status: 'active' });
    expect(r.rows.map((p) => p.id).sort()).toEqual([id.huong1, id.huong2].sort());
    expect((await core.fail('people.search', { text: 'x'.repeat(101) })).code).toBe('INVALID_INPUT');
    expect((await core.fail('people.search', { limit: 501 })).code).toBe('INVALID_INPUT');
  });
});

describe('the search indexes follow every write', () => {
  let dir: string;
  let cleanup: () => void;
  let core: TestCore;
  let store: Store;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    core = testCore(dir, NOW);
    store = core.store!;
  });
  afterAll(() => {
    core.close();
    cleanup();
  });
  /** What the FTS indexes alone say (the DRIVE plan's candidates). */
  const fts = (table: 'people_name_fts' | 'people_digit_fts', query: string) =>
    store.sqlite.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(query) as number[];

  it('a rename is found by the new name and no longer by the old one; a new phone likewise', async () => {
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940', phone: '0912345678' }, 'BTXH', 'BTXH-5C', '2026-10'),
    );
    expect(ids(search(store, { text: 'on' }))).toEqual([personId]);
    expect(fts('people_name_fts', '"on"*')).toEqual([personId]);
    await core.ok('people.update', {
      id: personId,
      person: {
        fullName: 'Nguyễn Văn Phúc',
        birthDate: '1940',
        gender: 'male',
        citizenId: '',
        legacyId: '',
        idIssueDate: '',
        idIssuePlace: '',
        address: '',
        neighbourhood: '',
        phone: '0333 222 111',
        note: '',
      },
    });
    expect(ids(search(store, { text: 'on' }))).toEqual([]);
    expect(ids(search(store, { text: 'nguyen van on' }))).toEqual([]);
    expect(ids(search(store, { text: 'phuc' }))).toEqual([personId]);
    expect(fts('people_name_fts', '"on"*')).toEqual([]);
    expect(fts('people_name_fts', '"phuc"*')).toEqual([personId]);
    expect(ids(search(store, { text: '5678' }))).toEqual([]);
    expect(ids(search(store, { text: '2111' }))).toEqual([personId]);
    expect(fts('people_digit_fts', '"5678"')).toEqual([]);
    expect(fts('people_digit_fts', '"2111"')).toEqual([personId]);
  });

  it('a deleted person leaves both indexes', () => {
    const personId = insertPerson(store, 'Trương Thị Xoan', { citizenId: '079190555444', phone: '0901000111' });
    expect(ids(search(store, { text: 'xoan' }))).toEqual([personId]);
    expect(ids(search(store, { text: '079190555444' }))).toEqual([personId]);
    expect(ids(search(store, { text: '0001' }))).toEqual([personId]); // the phone
    store.sqlite.prepare('DELETE FROM register_summary WHERE person_id = ?').run(personId);
    store.sqlite.prepare('DELETE FROM people WHERE id = ?').run(personId);
    expect(fts('people_name_fts', '"xoan"*')).toEqual([]);
    expect(fts('people_digit_fts', '"5554"')).toEqual([]);
    expect(ids(search(store, { text: 'xoan' }))).toEqual([]);
    expect(ids(search(store, { text: '079190555444' }))).toEqual([]);
    expect(ids(search(store, { text: '0001' }))).toEqual([]);
  });

  it('writes that do not touch the name or numbers leave the indexes alone', () => {
    const personId = insertPerson(store, 'Tạ Văn Quý');
    const before = store.sqlite.prepare('SELECT count(*) FROM people_name_fts_data').pluck().get();
    store.sqlite
      .prepare("UPDATE people SET note = 'x', address = 'y', search_key = search_key WHERE id = ?")
      .run(personId);
    expect(store.sqlite.prepare('SELECT count(*) FROM people_name_fts_data').pluck().get()).toBe(before);
    expect(ids(search(store, { text: 'quy' }))).toEqual([personId]);
  });
});

describe('search over a synthetic register against a plain oracle', () => {
  let dir: string;
  let cleanup: () => void;
  let store: Store;
  const PEOPLE = 8000;
  interface Person {
    id: number;
    sortParts: ReturnType<typeof splitFullName>;
    words: string[];
    ids: string[];
    phoneDigits: string;
    neighbourhoodId: number | null;
    status: string;
    programmes: string;
    groupCodes: string;
    method: string | null;
  }
  let people: Person[] = [];
  let SOME_ID = '';
  let SOME_PHONE = '';

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    store = openDatabase(`${dir}/synthetic.sqlite`, { appVersion: 'test' }).store;
    insertSyntheticRegister(store, PEOPLE);
    insertSyntheticEntitlements(store);
    // A few names with punctuation, and a phone with separators.
    insertPerson(store, 'Nguyễn Thị Mai-Anh (Út)', { phone: '+84 912.000.111' });
    insertPerson(store, "Ksor H'Bơ Khăp");
    insertPerson(store, 'Lê Văn “Tư” Đức'); // (quotes not in the given name: collationKey only approximates them)
    refreshSummary(store, currentMonth(new Date(NOW)));
    const rows = store.sqlite
      .prepare(
        `SELECT p.id, p.full_name, p.search_key, p.citizen_id, p.legacy_id, p.phone, p.neighbourhood_id, s.status, s.programmes, s.group_codes, s.method
         FROM people p LEFT JOIN register_summary s ON s.person_id = p.id`,
      )
      .all() as Array<Record<string, string | number | null>>;
    people = rows.map((r) => ({
      id: r.id as number,
      sortParts: splitFullName(r.full_name as string),
      words: (r.search_key as string)
        .split(/[ \-.,'"()/\\_;:!?&+\u2018\u2019\u201c\u201d\u2013\u2014]+/)
        .filter(Boolean),
      ids: [r.citizen_id as string | null, r.legacy_id as string | null].filter((x): x is string => Boolean(x)),
      phoneDigits: (r.phone as string).replace(/[ .+-]/g, ''),
      neighbourhoodId: r.neighbourhood_id as number | null,
      status: (r.status as string | null) ?? 'none',
      programmes: (r.programmes as string | null) ?? '',
      groupCodes: (r.group_codes as string | null) ?? '',
      method: r.method as string | null,
    }));
    people.sort((a, b) => compareNamesVi(a.sortParts, b.sortParts) || a.id - b.id);
    SOME_ID = people.find((p) => p.ids.length > 0)!.ids[0]!;
    SOME_PHONE = people.find((p) => p.phoneDigits.length >= 10)!.phoneDigits;
  });
  afterAll(() => {
    store.close();
    cleanup();
  });

  /** The rules of the issue, written plainly over every person. */
  function oracle(input: SearchInput): SearchResult {
    const folded = foldForSearch(input.text ?? '');
    let words: string[] = [];
    let digits: string[] = [];
    if (/^[0-9 .+-]+$/.test(folded) && /[0-9]/.test(folded)) digits = [folded.replace(/[^0-9]/g, '')];
    else {
      const tokens = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      words = tokens.filter((t) => !/^[0-9]+$/.test(t));
      digits = tokens.filter((t) => /^[0-9]+$/.test(t));
    }
    const unmatchable = folded !== '' && words.length + digits.length === 0;
    const matches = unmatchable
      ? []
      : people.filter(
          (p) =>
            words.every((w) => p.words.some((n) => n.startsWith(w))) &&
            // Issue 12: a digit group matches a phone anywhere, an ID only as the whole ID (12 or 9 digits).
            digits.every(
              (d) => p.phoneDigits.includes(d) || ((d.length === 12 || d.length === 9) && p.ids.includes(d)),
            ) &&
            (!input.status || p.status === input.status) &&
            (!input.programme || p.programmes.includes(`,${input.programme},`)) &&
            (!input.groupCode || p.groupCodes.includes(`,${input.groupCode},`)) &&
            (input.neighbourhoodId === undefined || p.neighbourhoodId === input.neighbourhoodId) &&
            (!input.method || p.method === input.method),
        );
    const offset = input.offset ?? 0;
    const page = matches.slice(offset, offset + (input.limit ?? 100)).map((p) => p.id);
    return {
      rows: page as unknown as PersonRow[],
      total: Math.min(matches.length, TOTAL_CAP),
      totalCapped: matches.length > TOTAL_CAP,
    };
  }

  it('sorts server-side by name (both ways, Vietnamese order), birth, amount and status; pages are slices of one order; the plans agree', () => {
    const summary = new Map(
      (
        store.sqlite
          .prepare(
            'SELECT p.id, p.birth_date AS birth, s.monthly_vnd AS amount, s.status FROM people p LEFT JOIN register_summary s ON s.person_id = p.id',
          )
          .all() as Array<{ id: number; birth: string | null; amount: number | null; status: string | null }>
      ).map((r) => [r.id, r]),
    );
    const nameRank = new Map(people.map((p, i) => [p.id, i]));
    /** Every match of a sorted search, page by page (each page through every plan). */
    const all = (input: SearchInput): number[] => {
      const out: number[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = ids(search(store, { ...input, limit: 500, offset }));
        out.push(...page);
        if (page.length < 500) return out;
      }
    };
    /** Sorted by `value` (unknown last), ties in the ward's name order. */
    const inOrder = (list: number[], value: (id: number) => string | number | null, desc: boolean) => {
      for (let i = 1; i < list.length; i++) {
        const a = value(list[i - 1]!);
        const b = value(list[i]!);
        if (a === null) expect(b).toBeNull();
        else if (b !== null) {
          const cmp = a < b ? -1 : a > b ? 1 : 0;
          expect(desc ? -cmp : cmp).toBeLessThanOrEqual(0);
          if (cmp === 0) expect(nameRank.get(list[i - 1]!)!).toBeLessThan(nameRank.get(list[i]!)!);
        }
      }
    };
    const STATUS_RANK: Record<string, number> = { active: 1, suspended: 2, stopped: 3, deceased: 4 };
    for (const text of ['', 'ng', 'thi h']) {
      const asc = all({ text, sort: 'name' });
      expect(asc).toEqual(oracleIds(text));
      expect(all({ text, sort: 'name', direction: 'desc' })).toEqual([...asc].reverse());
      for (const direction of ['asc', 'desc'] as const) {
        const byAmount = all({ text, sort: 'amount', direction });
        expect([...byAmount].sort((a, b) => a - b)).toEqual([...asc].sort((a, b) => a - b));
        inOrder(byAmount, (id) => summary.get(id)!.amount, direction === 'desc');
        inOrder(all({ text, sort: 'birth', direction }), (id) => summary.get(id)!.birth, direction === 'desc');
        inOrder(
          all({ text, sort: 'status', direction }),
          (id) => STATUS_RANK[summary.get(id)!.status ?? ''] ?? 5,
          direction === 'desc',
        );
      }
    }
    // The total is still the capped count of matches.
    expect(search(store, { text: '', sort: 'amount', direction: 'desc', limit: 10 })).toMatchObject({
      total: TOTAL_CAP,
      totalCapped: true,
    });
    function oracleIds(text: string) {
      const out: number[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = oracle({ text, limit: 500, offset }).rows as unknown as number[];
        out.push(...page);
        if (page.length < 500) return out;
      }
    }
  });

  it('every plan returns exactly the oracle’s rows, order and capped total', () => {
    const texts = [
      '',
      'n',
      'ng',
      'nguyen',
      'nguyen thi',
      'thi nguyen',
      'huong',
      'hường',
      'd',
      'đ',
      'dang',
      'tran van hung',
      'le thi h',
      'on',
      'ơn',
      'u',
      'y',
      'zz',
      '0',
      '12',
      '345',
      '0912',
      '9 1',
      'nguyen 5',
      '%',
      SOME_ID,
      SOME_ID.slice(0, 9),
      SOME_ID.slice(0, 11),
      `nguyen ${SOME_ID}`,
      SOME_PHONE,
      SOME_PHONE.slice(1),
      'AND',
      'anh',
      'mai-anh',
      'ut',
      'h bo',
      'tu',
      'khap ksor',
    ];
    const filters: SearchInput[] = [
      {},
      { status: 'active' },
      { status: 'suspended' },
      { status: 'deceased' },
      { status: 'none' },
      { programme: 'BTXH' },
      { programme: 'NCC' },
      { groupCode: 'BTXH-5C' },
      { neighbourhoodId: 3 },
      { method: 'OWN_ACCOUNT' },
      { status: 'active', neighbourhoodId: 5, method: 'POST_OFFICE' },
    ];
    const strategies = new Set<string>();
    for (const text of texts) {
      for (const f of filters) {
        for (const [limit, offset] of [
          [100, 0],
          [30, 60],
        ] as const) {
          const input = { text, ...f, limit, offset };
          const expected = oracle(input);
          const got = search(store, input);
          expect({ ...got, rows: ids(got) }, JSON.stringify(input)).toEqual(expected);
          strategies.add(planSearch(store, input).strategy);
        }
      }
    }
    // At this size both plans are chosen for some queries.
    expect([...strategies].sort()).toEqual(['drive', 'none', 'walk']);
  });

  it('pages beyond the cap (as an export reads everything) like the oracle', () => {
    for (const text of ['', 'n', 'thi', 'ng th', '1']) {
      for (const f of [{}, { status: 'active' as const }, { neighbourhoodId: 4 }]) {
        for (const [limit, offset] of [
          [500, 900],
          [500, 2500],
          [100, 7950],
          [100, 9000],
        ] as const) {
          const input = { text, ...f, limit, offset };
          const got = search(store, input);
          expect({ ...got, rows: ids(got) }, JSON.stringify(input)).toEqual(oracle(input));
        }
      }
    }
  });

  it('caps the total at TOTAL_CAP and says so', () => {
    const r = search(store, { text: 'n' });
    expect(r).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(oracle({ text: 'n' })).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(search(store, { text: 'thi' })).toMatchObject({ total: oracle({ text: 'thi' }).total, totalCapped: false });
    const all = search(store, { text: '', limit: 500, offset: 7000 });
    expect(all.rows).toHaveLength(500);
    expect(all).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
  });

  it('chooses by the candidates: the index for rare words and numbers, the walk for common prefixes', () => {
    expect(planSearch(store, { text: 'tran van hung' })).toMatchObject({ strategy: 'drive', driver: 'names' });
    expect(planSearch(store, { text: '000123' })).toMatchObject({ strategy: 'drive', driver: 'digits' });
    expect(planSearch(store, { text: '', status: 'deceased' })).toMatchObject({ strategy: 'drive', driver: 'summary' });
    expect(planSearch(store, { text: '', method: 'OWN_ACCOUNT', status: 'active' })).toMatchObject({
      strategy: 'drive',
      driver: 'summary',
    });
    expect(planSearch(store, { text: '', status: 'active' })).toMatchObject({ strategy: 'walk' });
    expect(planSearch(store, { text: '' })).toMatchObject({ strategy: 'walk' });
  });

  it('walks the covering index in order: no table read for words, digits or neighbourhood, no sort', () => {
    for (const input of [
      { text: 'n' },
      { text: 'nguyen thi', neighbourhoodId: 2 },
      { text: '' },
      { text: '12' },
      { text: 'ng 4' },
    ]) {
      const { ids: statement } = planSearch(store, input, 'walk');
      const plan = (
        store.sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as Array<{
          detail: string;
        }>
      ).map((r) => r.detail);
      expect(plan, JSON.stringify(input)).toEqual(['SCAN p USING COVERING INDEX people_search_walk']);
    }
  });
});
