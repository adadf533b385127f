import Database from 'better-sqlite3';
import { createHash, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIGRATIONS } from '../../main/db/migrations';
import { migrate } from '../../main/db/migrate';
import { Store } from '../../main/db/store';
import { appendAudit, type AuditInput } from '../../main/services/audit';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';

// Upgrade fixtures: one small register per schema version, made with the app's own code at that version
// (migrations are immutable, so running the bundled migrations up to N and no further IS the schema of the
// app that shipped N), filled with a realistic ward's data in every table that exists at N, and the counts,
// money totals and audit-chain head it holds. `npm run fixtures:upgrade` (scripts/make-upgrade-fixtures.mjs)
// writes them to tests/fixtures/upgrade/; tests/integration/upgrade-fixtures.test.ts opens a copy of each
// with today's code, migrates it and compares.
//
// Deterministic: every timestamp is fixed, password hashes use a fixed salt, and the file is written with
// VACUUM INTO from an in-memory database, so the same code makes the same bytes.

export const FIXTURE_DIR = resolve(__dirname, '../fixtures/upgrade');
export const FIXTURE_PASSWORD = 'Phường Đông 2026!';
export const FIXTURE_APP_VERSION = (version: number) => `fixture-schema-${version}`;

export const fixtureName = (version: number) => `v${String(version).padStart(3, '0')}`;
export const fixturePath = (version: number) => join(FIXTURE_DIR, `${fixtureName(version)}.sqlite`);
export const expectedPath = (version: number) => join(FIXTURE_DIR, `${fixtureName(version)}.expected.json`);

/** Schema 1 was never shipped alone (001 and 002 came in one commit): 002 seeds these, so at 1 they are empty. */
const EMPTY_AT_V1: Record<string, string> = {
  programmes: 'seeded by migration 002',
  allowance_groups: 'seeded by migration 002',
  group_coefficients: 'seeded by migration 002',
  standard_levels: 'seeded by migration 002',
  banks: 'seeded by migration 002',
};
const V1_NEEDS_REFERENCE = 'needs the reference data that migration 002 seeds';

export interface TableFacts {
  rows: number;
  /** Sum of each money column (`*_vnd`) of the table. */
  sums: Record<string, number>;
}
export interface PayrollFacts {
  id: number;
  month: string;
  programme: string;
  status: string;
  totalVnd: number;
  lineCount: number;
  lineSumVnd: number;
  lines: number;
}
export interface RegisterFacts {
  schemaVersion: number;
  tables: Record<string, TableFacts>;
  payrolls: PayrollFacts[];
  audit: { entries: number; headId: number; headHash: string };
}
export interface FixtureExpectation extends RegisterFacts {
  /** Tables that exist at this version but hold no row, each with the reason. */
  emptyByDesign: Record<string, string>;
  sha256: string;
}

/** The register's own tables: not SQLite's, not the FTS indexes (virtual) or their shadow tables. */
export function registerTables(db: Database.Database): string[] {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string; sql: string }>;
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  return rows.map((r) => r.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

export function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).all(table) as Array<{ name: string }>).map(
    (c) => c.name,
  );
}

/** Counts, money sums, payroll totals and the audit chain's head: what must survive an upgrade. */
export function measure(db: Database.Database): RegisterFacts {
  const tables: Record<string, TableFacts> = {};
  for (const table of registerTables(db)) {
    const rows = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const sums: Record<string, number> = {};
    for (const column of columnsOf(db, table).filter((c) => c.endsWith('_vnd'))) {
      sums[column] = (db.prepare(`SELECT coalesce(sum("${column}"), 0) AS s FROM "${table}"`).get() as { s: number }).s;
    }
    tables[table] = { rows, sums };
  }
  const payrolls = tables.payrolls
    ? (db
        .prepare(
          `SELECT p.id, p.month, p.programme_code AS programme, p.status, p.total_vnd AS totalVnd, p.line_count AS lineCount,
                  coalesce((SELECT sum(amount_vnd) FROM payroll_lines l WHERE l.payroll_id = p.id), 0) AS lineSumVnd,
                  (SELECT count(*) FROM payroll_lines l WHERE l.payroll_id = p.id) AS lines
           FROM payrolls p ORDER BY p.id`,
        )
        .all() as PayrollFacts[])
    : [];
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const schemaVersion = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
  return {
    schemaVersion,
    tables,
    payrolls,
    audit: { entries: tables.audit_log?.rows ?? 0, headId: head?.id ?? 0, headHash: head?.hash ?? '' },
  };
}

/** A password hash in the app's format (main/services/auth/passwords.ts) with a fixed salt: same bytes each run. */
function fixedHash(password: string, saltText: string): string {
  const salt = createHash('sha256').update(saltText).digest().subarray(0, 16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 1 << 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

type Row = Record<string, string | number | null>;

/**
 * Builds the register at `version` in memory and fills it. Every insert goes through `put`, which skips a
 * table the version does not have and drops columns it does not have yet: one description of the ward
 * serves every version, and each version keeps exactly what its schema can hold.
 */
export function buildFixture(version: number): { db: Database.Database; emptyByDesign: Record<string, string> } {
  if (!MIGRATIONS.some((m) => m.version === version)) throw new Error(`no migration ${version}`);
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, { appVersion: FIXTURE_APP_VERSION(version), target: version });
  const store = new Store(db);
  const v = version;
  const has = (table: string) =>
    !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  const columnCache = new Map<string, Set<string>>();
  const put = (table: string, row: Row): void => {
    if (!has(table)) return;
    let columns = columnCache.get(table);
    if (!columns) columnCache.set(table, (columns = new Set(columnsOf(db, table))));
    const keys = Object.keys(row).filter((k) => columns.has(k));
    db.prepare(
      `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    ).run(...keys.map((k) => row[k] ?? null));
  };
  // The office's clock: one step of a few minutes per recorded action, from 2025-12-01 08:00 (UTC+7).
  let tick = Date.parse('2025-12-01T01:00:00.000Z');
  const now = () => new Date((tick += 7 * 60_000));
  const iso = () => now().toISOString();
  const audit = (userId: number, username: string, input: AuditInput) =>
    appendAudit(store, { id: userId, username } as never, input, now());
  const reference = v >= 2;

  const fill = db.transaction(() => {
    // Users: the built-in administrator (002) gets a password, as the first-run wizard does; three staff.
    if (reference)
      db.prepare('UPDATE users SET password_hash = ?, created_at = ? WHERE id = 1').run(
        fixedHash(FIXTURE_PASSWORD, 'quantri'),
        iso(),
      );
    const staff: Array<[number, string, string, string]> = [
      [2, 'canbo.lan', 'Nguyễn Thị Lan', 'officer'],
      [3, 'ketoan.hung', 'Trần Văn Hùng', 'accountant'],
      [4, 'chutich.duc', 'Lê Minh Đức', 'approver'],
    ];
    if (!reference)
      put('users', {
        id: 9,
        username: 'quantri.phuong',
        full_name: 'Quản trị phường',
        role: 'admin',
        password_hash: fixedHash(FIXTURE_PASSWORD, 'quantri.phuong'),
        created_at: iso(),
      });
    for (const [id, username, fullName, role] of staff) {
      put('users', {
        id,
        username,
        full_name: fullName,
        role,
        password_hash: fixedHash(FIXTURE_PASSWORD, username),
        created_at: iso(),
      });
      audit(reference ? 1 : 9, reference ? 'quantri' : 'quantri.phuong', {
        action: 'user.create',
        entity: 'user',
        entityId: id,
        after: { username, fullName, role },
      });
    }
    const admin: [number, string] = reference ? [1, 'quantri'] : [9, 'quantri.phuong'];
    const officer: [number, string] = [2, 'canbo.lan'];
    const office = {
      unitName: 'UBND phường Đông Hưng',
      parentBody: 'UBND quận Hoàn Kiếm',
      placeName: 'Đông Hưng',
      province: 'Thành phố Hà Nội',
      chairmanName: 'Lê Minh Đức',
      officerName: 'Nguyễn Thị Lan',
      reportRecipients: [{ name: 'Phòng Nội vụ quận Hoàn Kiếm' }],
    };
    put('settings', { key: 'office', value_json: JSON.stringify(office), updated_at: iso(), updated_by: admin[0] });
    audit(...admin, { action: 'settings.office.save', entity: 'settings', entityId: 'office', after: office });

    const hoods = ['Tổ dân phố số 1', 'Tổ dân phố số 2', 'Khu phố Đông Hưng'];
    hoods.forEach((name, i) => put('neighbourhoods', { id: i + 1, name, search_key: foldForSearch(name) }));

    // People: [id, name, birth, precision, gender, citizen ID, neighbourhood, address, phone]
    const people: Array<
      [
        number,
        string,
        string | null,
        'day' | 'year' | 'unknown',
        'male' | 'female',
        string | null,
        number,
        string,
        string,
      ]
    > = [
      [1, 'Nguyễn Văn Ơn', '1945-03-12', 'day', 'male', '001045001234', 1, 'Số 12 ngõ Hoà Bình', '0912 345 678'],
      [2, 'Trần Thị Hoà', '1940', 'year', 'female', '001140002345', 1, 'Số 3 ngách 4/7 phố Hàng Đường', ''],
      [3, 'Lê Văn Đức', '1990-07-01', 'day', 'male', '001090003456', 2, 'Số 45 phố Đông Hưng', '0987.654.321'],
      [4, 'Phạm Thị Lụa', '1965-11-20', 'day', 'female', '001165004567', 2, 'Số 45 phố Đông Hưng', '0904111222'],
      [5, 'Đặng Minh Khôi', '2015-05-09', 'day', 'male', null, 3, 'Số 8 hẻm Chợ Gạo', ''],
      [6, 'Hoàng Văn Bảy', '1938-01-01', 'day', 'male', '001038006789', 3, 'Số 21 phố Hàng Bạc', ''],
      [7, 'Hoàng Thị Mai', '1968-09-15', 'day', 'female', '001168007890', 3, 'Số 21 phố Hàng Bạc', '0913000111'],
      [8, 'Vũ Thị Hạnh', '1975-02-28', 'day', 'female', '001175008901', 1, 'Số 12 ngõ Hoà Bình', '0978123456'],
      [9, 'Bùi Văn Tư', '1949-12-31', 'day', 'male', '001049009012', 2, 'Số 7 phố Lò Sũ', ''],
      [10, 'Ngô Thị Ánh', '1950', 'year', 'female', '001150000123', 1, 'Số 2 phố Cầu Gỗ', ''],
    ];
    for (const [id, fullName, birth, precision, gender, citizenId, hood, address, phone] of people) {
      const name = splitFullName(fullName);
      const at = iso();
      put('people', {
        id,
        full_name: name.full,
        family_name: name.family,
        middle_name: name.middle,
        given_name: name.given,
        search_key: foldForSearch(name.full),
        sort_key: nameSortKey(name),
        birth_date: birth,
        birth_precision: precision,
        birth_year: birth ? Number(birth.slice(0, 4)) : null,
        gender,
        citizen_id: citizenId,
        address,
        neighbourhood_id: hood,
        phone,
        id_issue_date: citizenId ? '2021-06-15' : null,
        id_issue_place: citizenId ? 'Cục Cảnh sát QLHC về TTXH' : null,
        note: '',
        created_at: at,
        updated_at: at,
      });
      audit(...officer, {
        action: 'person.create',
        entity: 'person',
        entityId: id,
        personId: id,
        after: { fullName, birth },
      });
    }
    if (!reference) return;

    // Decisions and entitlements. [entitlement id, person, programme, group, start, cared person]
    const coefficient = (group: string) =>
      (
        db
          .prepare(
            'SELECT coefficient_milli FROM group_coefficients WHERE group_code = ? ORDER BY effective_from DESC LIMIT 1',
          )
          .get(group) as { coefficient_milli: number }
      ).coefficient_milli;
    const STANDARD = 500_000;
    const grants: Array<[number, number, string, string | null, string, number | null]> = [
      [1, 1, 'NCC', null, '2024-07', null],
      [2, 2, 'BTXH', 'BTXH-5C', '2024-07', null],
      [3, 3, 'BTXH', 'BTXH-6A', '2024-09', null],
      [4, 4, 'BTXH_CARE', 'CS-1', '2024-09', 3],
      [5, 5, 'BTXH', 'BTXH-1B', '2025-10', null],
      [6, 6, 'BTXH', 'BTXH-5C', '2024-07', null],
      [7, 9, 'HTXH', 'HTXH-1', '2025-07', null],
      [8, 10, 'BTXH', 'BTXH-5C', '2024-07', null],
    ];
    let decisionId = 0;
    let termId = 0;
    const decide = (
      person: number,
      programme: string,
      kind: string,
      month: string,
      entitlement: number | null,
      extra: Row = {},
    ) => {
      const id = ++decisionId;
      put('decisions', {
        id,
        person_id: person,
        programme_code: programme,
        kind,
        number: `${100 + id}/QĐ-UBND`,
        signed_date: `${month}-05`,
        signer: 'Lê Minh Đức',
        effective_month: month,
        reason: kind === 'grant' ? 'Đủ điều kiện theo Nghị định 20/2021/NĐ-CP' : 'Theo đề nghị của cán bộ',
        created_at: iso(),
        created_by: officer[0],
        entitlement_id: entitlement,
        ...extra,
      });
      audit(...officer, {
        action: `decision.${kind}`,
        entity: 'decision',
        entityId: id,
        personId: person,
        after: { programme, month },
      });
      return id;
    };
    const entitlementIds: Record<number, number> = {};
    for (const [ent, person, programme, group, start, cared] of grants) {
      const eligibility: Row =
        programme === 'HTXH' ? { household_poverty: null, household_list_year: null, eligibility_reason: '' } : {};
      const d = decide(person, programme, 'grant', start, null, eligibility);
      put('entitlements', {
        id: ent,
        person_id: person,
        programme_code: programme,
        cared_person_id: cared,
        start_month: start,
        end_month: null,
        grant_decision_id: d,
        created_at: iso(),
      });
      if (has('entitlements') && columnsOf(db, 'decisions').includes('entitlement_id'))
        db.prepare('UPDATE decisions SET entitlement_id = ? WHERE id = ?').run(ent, d);
      entitlementIds[person] = ent;
      put('entitlement_terms', {
        id: ++termId,
        entitlement_id: ent,
        effective_from: start,
        status: 'active',
        group_code: group,
        decision_id: d,
        multiplier: 1,
        category_label: programme === 'NCC' ? 'Thương binh 61%' : '',
        note: '',
      });
      if (programme === 'NCC') {
        put('term_components', {
          id: 1,
          term_id: termId,
          kind: 'main',
          label_vi: 'Trợ cấp thương tật',
          amount_vnd: 3_624_000,
        });
        put('term_components', {
          id: 2,
          term_id: termId,
          kind: 'extra',
          label_vi: 'Phụ cấp đặc biệt',
          amount_vnd: 1_018_000,
        });
      }
      audit(...officer, {
        action: 'entitlement.create',
        entity: 'entitlement',
        entityId: ent,
        personId: person,
        after: { programme, group, start },
      });
    }
    // A suspension and resumption (person 3), and a move away (person 10, stopped from 2026-01).
    const s = decide(3, 'BTXH', 'suspend', '2025-03', 3);
    put('entitlement_terms', {
      id: ++termId,
      entitlement_id: 3,
      effective_from: '2025-03',
      status: 'suspended',
      group_code: 'BTXH-6A',
      decision_id: s,
      multiplier: 1,
      category_label: '',
      note: 'Tạm dừng do chưa xác minh',
    });
    const r = decide(3, 'BTXH', 'resume', '2025-05', 3);
    put('entitlement_terms', {
      id: ++termId,
      entitlement_id: 3,
      effective_from: '2025-05',
      status: 'active',
      group_code: 'BTXH-6A',
      decision_id: r,
      multiplier: 1,
      category_label: '',
      note: '',
    });
    const stop = decide(10, 'BTXH', 'stop', '2026-01', 8);
    put('entitlement_terms', {
      id: termId + 1,
      entitlement_id: 8,
      effective_from: '2026-01',
      status: 'stopped',
      group_code: 'BTXH-5C',
      decision_id: stop,
      multiplier: 1,
      category_label: '',
      note: 'Chuyển đi nơi khác',
    });
    db.prepare("UPDATE entitlements SET end_month = '2025-12' WHERE id = 8").run();
    db.prepare("UPDATE people SET moved_away_date = '2025-12-20', updated_at = ? WHERE id = 10").run(iso());
    // Person 6 died on 2026-01-10: payment stops from 2026-02, funeral support to the organiser (person 7).
    db.prepare("UPDATE people SET death_date = '2026-01-10', updated_at = ? WHERE id = 6").run(iso());
    db.prepare("UPDATE entitlements SET end_month = '2026-01' WHERE id = 6").run();
    audit(...officer, {
      action: 'person.death',
      entity: 'person',
      entityId: 6,
      personId: 6,
      after: { deathDate: '2026-01-10' },
    });
    const funeral = 20 * STANDARD;
    put('one_off_items', {
      id: 1,
      person_id: 6,
      entitlement_id: 6,
      kind: 'funeral',
      amount_vnd: funeral,
      due_month: '2026-01',
      payee_person_id: 7,
      payee_name: 'Hoàng Thị Mai',
      decision_id: null,
      note: 'Hỗ trợ mai táng phí',
      created_at: iso(),
      programme_code: 'BTXH',
    });
    audit(...officer, {
      action: 'funeral.create',
      entity: 'one_off_item',
      entityId: 1,
      personId: 6,
      after: { amountVnd: funeral },
    });
    // Arrears (truy lĩnh) of person 5 for 10–12/2025, decided with the grant, paid in January.
    const arrears = 3 * Math.round((coefficient('BTXH-1B') * STANDARD) / 1000);
    put('one_off_items', {
      id: 2,
      person_id: 5,
      entitlement_id: 5,
      kind: 'arrears',
      amount_vnd: arrears,
      due_month: '2026-01',
      payee_person_id: null,
      payee_name: '',
      decision_id: 5,
      note: 'Truy lĩnh tháng 10–12/2025',
      created_at: iso(),
      months_from: '2025-10',
      months_to: '2025-12',
      programme_code: 'BTXH',
    });
    audit(...officer, {
      action: 'arrears.create',
      entity: 'one_off_item',
      entityId: 2,
      personId: 5,
      after: { amountVnd: arrears },
    });

    // Bank accounts, an authorization, payout methods.
    put('bank_accounts', {
      id: 1,
      owner_person_id: 3,
      bank_code: 'AGRIBANK',
      branch: 'Chi nhánh Hoàn Kiếm',
      account_number: '1500205123456',
      holder_name: 'LE VAN DUC',
      created_at: iso(),
    });
    put('bank_accounts', {
      id: 2,
      owner_person_id: 8,
      bank_code: 'VIETCOMBANK',
      branch: 'Chi nhánh Hà Nội',
      account_number: '0011004567890',
      holder_name: 'VU THI HANH',
      created_at: iso(),
    });
    audit(...officer, { action: 'bank_account.create', entity: 'bank_account', entityId: 1, personId: 3 });
    audit(...officer, { action: 'bank_account.create', entity: 'bank_account', entityId: 2, personId: 8 });
    put('authorizations', {
      id: 1,
      giver_person_id: 1,
      receiver_person_id: 8,
      relationship: 'Con dâu',
      bank_account_id: 2,
      valid_from: '2025-11-01',
      valid_to: '2026-10-31',
      certified_date: '2025-11-03',
      certified_by: 'UBND phường Đông Hưng',
      scope_note: 'Nhận trợ cấp ưu đãi hằng tháng',
      created_at: iso(),
    });
    audit(...officer, { action: 'authorization.create', entity: 'authorization', entityId: 1, personId: 1 });
    audit(...officer, { action: 'authorization.certify', entity: 'authorization', entityId: 1, personId: 1 });
    const methods: Array<[number, number, string, number | null, number | null]> = [
      [1, 1, 'AUTHORIZED_ACCOUNT', 2, 1],
      [2, 3, 'OWN_ACCOUNT', 1, null],
      [3, 9, 'POST_OFFICE', null, null],
      [4, 2, 'CASH_WARD', null, null],
    ];
    for (const [id, person, method, account, authorization] of methods) {
      put('payout_methods', {
        id,
        person_id: person,
        programme_code: null,
        effective_from: '2025-12',
        method,
        bank_account_id: account,
        authorization_id: authorization,
        note: '',
        created_at: iso(),
        created_by: officer[0],
      });
      audit(...officer, {
        action: 'payout_method.change',
        entity: 'payout_method',
        entityId: id,
        personId: person,
        after: { method },
      });
    }

    // The import that brought people 5 and 9 in (schema 3 on).
    if (has('imports')) {
      put('imports', {
        id: 1,
        file_name: 'Sổ đối tượng phường Đông Hưng.xlsx',
        file_sha256: createHash('sha256').update('so-doi-tuong').digest('hex'),
        as_of_month: '2025-10',
        added: 2,
        skipped: 1,
        created_at: iso(),
        created_by: officer[0],
      });
      audit(...officer, { action: 'import.commit', entity: 'import', entityId: 1, detail: { added: 2, skipped: 1 } });
    }
    put('ledger_heirs', {
      id: 1,
      person_id: 6,
      full_name: 'Hoàng Thị Mai',
      relationship: 'Con gái',
      citizen_id: '001168007890',
      paper_kind: 'Văn bản thoả thuận phân chia di sản',
      paper_number: '15/2026',
      paper_date: '2026-01-20',
      method: 'CASH_WARD',
      note: '',
      created_at: iso(),
      created_by: officer[0],
    });
    if (has('ledger_heirs'))
      audit(...officer, { action: 'ledger.heir.name', entity: 'ledger_heir', entityId: 1, personId: 6 });
    put('ledger_recoveries', {
      id: 1,
      person_id: 10,
      component: 'allowance',
      from_month: '2025-12',
      to_month: '2025-12',
      method: 'refund',
      amount_vnd: 750_000,
      paper_number: '02/BB-TH',
      paper_date: '2026-01-15',
      note: 'Chuyển đi nơi khác, đã nhận tháng 12',
      created_at: iso(),
      created_by: officer[0],
    });
    put('ledger_recovery_months', { recovery_id: 1, service_month: '2025-12', amount_vnd: 750_000 });
    if (has('ledger_recoveries'))
      audit(...officer, { action: 'ledger.recovery.record', entity: 'ledger_recovery', entityId: 1, personId: 10 });
    put('ledger_opening', { entitlement_id: 5, from_month: '2026-01' });

    // Payrolls of 2026-01 (BTXH, BTXH_CARE, NCC, HTXH) approved; BTXH of 2026-02 a draft with a carry-over.
    const line = (
      payroll: number,
      lineNo: number,
      person: number,
      kind: string,
      amount: number,
      extra: Row = {},
    ): Row & { amount_vnd: number; line_no: number; person_id: number; kind: string } => {
      const p = people.find((x) => x[0] === person)!;
      return {
        payroll_id: payroll,
        line_no: lineNo,
        person_id: person,
        kind,
        full_name: p[1],
        birth_text: p[2] ?? '',
        birth_date: p[2],
        citizen_id: p[5],
        neighbourhood_name: hoods[p[6] - 1] ?? '',
        address: p[7],
        amount_vnd: amount,
        method: 'CASH_WARD',
        registered_method: 'CASH_WARD',
        search_key: foldForSearch(p[1]),
        attention_note: '',
        note: '',
        ...extra,
      };
    };
    const monthly = (group: string) => Math.round((coefficient(group) * STANDARD) / 1000);
    const component = (programme: string) =>
      ({ BTXH: 'allowance', BTXH_CARE: 'care', HTXH: 'pension', NCC: 'ncc' })[programme]!;
    type Line = ReturnType<typeof line>;
    const payrollPlan: Array<[number, string, string, 'approved' | 'draft', Line[]]> = [
      [
        1,
        '2026-01',
        'BTXH',
        'approved',
        [
          line(1, 1, 2, 'regular', monthly('BTXH-5C'), {
            entitlement_id: 2,
            group_code: 'BTXH-5C',
            coefficient_milli: coefficient('BTXH-5C'),
            standard_vnd: STANDARD,
          }),
          line(1, 2, 3, 'regular', monthly('BTXH-6A'), {
            entitlement_id: 3,
            group_code: 'BTXH-6A',
            coefficient_milli: coefficient('BTXH-6A'),
            standard_vnd: STANDARD,
            method: 'OWN_ACCOUNT',
            registered_method: 'OWN_ACCOUNT',
            bank_code: 'AGRIBANK',
            account_number: '1500205123456',
            holder_name: 'LE VAN DUC',
            bank_account_id: 1,
            branch: 'Chi nhánh Hoàn Kiếm',
          }),
          line(1, 3, 5, 'regular', monthly('BTXH-1B'), {
            entitlement_id: 5,
            group_code: 'BTXH-1B',
            coefficient_milli: coefficient('BTXH-1B'),
            standard_vnd: STANDARD,
          }),
          line(1, 4, 5, 'arrears', arrears, {
            entitlement_id: 5,
            one_off_item_id: 2,
            period_from: '2025-10',
            period_to: '2025-12',
            period_months: 3,
          }),
          line(1, 5, 6, 'regular', monthly('BTXH-5C'), {
            entitlement_id: 6,
            group_code: 'BTXH-5C',
            coefficient_milli: coefficient('BTXH-5C'),
            standard_vnd: STANDARD,
          }),
          line(1, 6, 6, 'funeral', funeral, {
            one_off_item_id: 1,
            receiver_name: 'Hoàng Thị Mai',
            receiver_person_id: 7,
          }),
        ],
      ],
      [
        2,
        '2026-01',
        'BTXH_CARE',
        'approved',
        [
          line(2, 1, 4, 'care', monthly('CS-1'), {
            entitlement_id: 4,
            group_code: 'CS-1',
            coefficient_milli: coefficient('CS-1'),
            standard_vnd: STANDARD,
          }),
        ],
      ],
      [
        3,
        '2026-01',
        'NCC',
        'approved',
        [
          line(3, 1, 1, 'regular', 4_642_000, {
            entitlement_id: 1,
            method: 'AUTHORIZED_ACCOUNT',
            registered_method: 'AUTHORIZED_ACCOUNT',
            bank_code: 'VIETCOMBANK',
            account_number: '0011004567890',
            holder_name: 'VU THI HANH',
            bank_account_id: 2,
            authorization_id: 1,
            receiver_name: 'Vũ Thị Hạnh',
            receiver_person_id: 8,
            components_json: JSON.stringify([
              { kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_624_000 },
              { kind: 'extra', label: 'Phụ cấp đặc biệt', amountVnd: 1_018_000 },
            ]),
          }),
        ],
      ],
      [
        4,
        '2026-01',
        'HTXH',
        'approved',
        [
          line(4, 1, 9, 'regular', monthly('HTXH-1'), {
            entitlement_id: 7,
            group_code: 'HTXH-1',
            coefficient_milli: coefficient('HTXH-1'),
            standard_vnd: STANDARD,
            method: 'POST_OFFICE',
            registered_method: 'POST_OFFICE',
          }),
        ],
      ],
      [
        5,
        '2026-02',
        'BTXH',
        'draft',
        [
          line(5, 1, 2, 'regular', monthly('BTXH-5C'), {
            entitlement_id: 2,
            group_code: 'BTXH-5C',
            coefficient_milli: coefficient('BTXH-5C'),
            standard_vnd: STANDARD,
          }),
          line(5, 2, 3, 'regular', monthly('BTXH-6A'), {
            entitlement_id: 3,
            group_code: 'BTXH-6A',
            coefficient_milli: coefficient('BTXH-6A'),
            standard_vnd: STANDARD,
          }),
          line(5, 3, 5, 'regular', monthly('BTXH-1B'), {
            entitlement_id: 5,
            group_code: 'BTXH-1B',
            coefficient_milli: coefficient('BTXH-1B'),
            standard_vnd: STANDARD,
          }),
        ],
      ],
    ];
    let lineId = 0;
    const lineIds: Record<string, number> = {};
    for (const [id, month, programme, status, lines] of payrollPlan) {
      const total = lines.reduce((sum, l) => sum + (l.amount_vnd as number), 0);
      const ledgerSeq = has('ledger_marks')
        ? (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM ledger_marks').get() as { s: number }).s
        : 0;
      put('payrolls', {
        id,
        month,
        programme_code: programme,
        status: 'draft',
        line_count: lines.length,
        total_vnd: total,
        built_at: iso(),
        built_by: officer[0],
        attention_count: 0,
        ledger_seq: ledgerSeq,
      });
      for (const l of lines) {
        const lid = ++lineId;
        lineIds[`${id}/${l.line_no}`] = lid;
        put('payroll_lines', { id: lid, ...l });
        const kind = l.kind as string;
        const serviceMonths =
          kind === 'arrears' ? ['2025-10', '2025-11', '2025-12'] : [kind === 'funeral' ? '2026-01' : month];
        serviceMonths.forEach((m, i) => {
          const share =
            Math.floor((l.amount_vnd as number) / serviceMonths.length) +
            (i === 0 ? (l.amount_vnd as number) % serviceMonths.length : 0);
          put('payroll_line_months', {
            line_id: lid,
            payroll_id: id,
            person_id: l.person_id,
            component: kind === 'funeral' ? 'funeral' : component(programme),
            entitlement_id: l.entitlement_id ?? null,
            service_month: m,
            amount_vnd: share,
            paid_before_vnd: 0,
          });
        });
      }
      audit(...officer, {
        action: 'payroll.build',
        entity: 'payroll',
        entityId: id,
        detail: { month, programme, lines: lines.length, totalVnd: total },
      });
      if (id === 1)
        put('payroll_ledger_open', {
          payroll_id: 1,
          person_id: 6,
          component: 'allowance',
          entitlement_id: 6,
          service_month: '2026-01',
          kind: 'held',
          owed_vnd: monthly('BTXH-5C'),
          paid_vnd: 0,
          reason: 'Người hưởng đã mất, chờ người thừa kế',
        });
      if (status === 'approved') {
        db.prepare("UPDATE payrolls SET status = 'approved', approved_at = ?, approved_by = 4 WHERE id = ?").run(
          iso(),
          id,
        );
        audit(4, 'chutich.duc', {
          action: 'payroll.approve',
          entity: 'payroll',
          entityId: id,
          detail: { month, programme, lines: lines.length, totalVnd: total },
        });
      }
    }
    // Results of January's BTXH payroll: paid in cash and to the account; person 2 did not come (carried over).
    const attempt = (key: string, no: number, status: string, reason = '') =>
      put('payment_attempts', {
        payroll_line_id: lineIds[key]!,
        attempt_no: no,
        status,
        at: iso(),
        reason,
        reference: status === 'paid' ? `PC-${key}` : '',
        source: 'Danh sách chi trả tiền mặt',
      });
    attempt('1/2', 1, 'sent');
    attempt('1/2', 2, 'paid');
    attempt('1/3', 1, 'paid');
    attempt('1/1', 1, 'not_collected', 'Vắng nhà, hẹn tháng sau');
    attempt('3/1', 1, 'paid');
    db.prepare("UPDATE payroll_lines SET status = 'paid' WHERE id IN (?, ?)").run(lineIds['1/2']!, lineIds['1/3']!);
    db.prepare("UPDATE payroll_lines SET status = 'carried_over' WHERE id = ?").run(lineIds['1/1']!);
    // The carry-over joins February's draft.
    const carried = line(5, 4, 2, 'carryover', monthly('BTXH-5C'), {
      carried_from_line_id: lineIds['1/1']!,
      entitlement_id: 2,
      note: 'Chuyển từ tháng 01/2026',
    });
    put('payroll_lines', { id: lineId + 1, ...carried });
    db.prepare('UPDATE payrolls SET line_count = line_count + 1, total_vnd = total_vnd + ? WHERE id = 5').run(
      carried.amount_vnd,
    );
    audit(...officer, { action: 'payroll.correction', entity: 'payroll', entityId: 5, detail: { carriedOver: 1 } });

    // Everyone's current-state summary (schema 3 on), as the register services keep it.
    if (has('register_summary')) {
      const summary: Array<[number, string, string, string, string | null, number]> = [
        [1, 'active', ',NCC,', '', 'AUTHORIZED_ACCOUNT', 4_642_000],
        [2, 'active', ',BTXH,', ',BTXH-5C,', 'CASH_WARD', monthly('BTXH-5C')],
        [3, 'active', ',BTXH,', ',BTXH-6A,', 'OWN_ACCOUNT', monthly('BTXH-6A')],
        [4, 'active', ',BTXH_CARE,', ',CS-1,', 'CASH_WARD', monthly('CS-1')],
        [5, 'active', ',BTXH,', ',BTXH-1B,', 'CASH_WARD', monthly('BTXH-1B')],
        [6, 'deceased', ',BTXH,', ',BTXH-5C,', 'CASH_WARD', 0],
        [7, 'none', '', '', null, 0],
        [8, 'none', '', '', null, 0],
        [9, 'active', ',HTXH,', ',HTXH-1,', 'POST_OFFICE', monthly('HTXH-1')],
        [10, 'stopped', ',BTXH,', ',BTXH-5C,', 'CASH_WARD', 0],
      ];
      for (const [person, status, programmes, groups, method, monthlyVnd] of summary) {
        put('register_summary', {
          person_id: person,
          as_of_month: '2026-02',
          status,
          programmes,
          group_codes: groups,
          method,
          monthly_vnd: monthlyVnd,
        });
      }
    }
    // The ward's register of decisions (schema 13 on): one signed decision covering person 5's grant
    // (its number written back on the register decision), and a draft for the social pension of person 9.
    if (has('ward_decisions')) {
      put('ward_decisions', {
        id: 1,
        year: 2025,
        seq: 1,
        symbol: '01/QĐ-UBND',
        draft_date: '2025-10-03',
        programme_code: 'BTXH',
        kind: 'grant',
        subject: 'Về việc hưởng trợ cấp xã hội hằng tháng',
        status: 'signed',
        signed_number: '105/QĐ-UBND',
        signed_date: '2025-10-05',
        signer: 'Lê Minh Đức',
        created_at: iso(),
        created_by: officer[0],
        signed_at: iso(),
        signed_by: officer[0],
      });
      put('ward_decision_items', { ward_decision_id: 1, decision_id: 5, line_no: 1 });
      audit(...officer, {
        action: 'wardDecision.create',
        entity: 'ward_decision',
        entityId: 1,
        detail: { year: 2025, seq: 1, decisions: 1 },
      });
      audit(...officer, {
        action: 'wardDecision.recordSigned',
        entity: 'ward_decision',
        entityId: 1,
        detail: { number: '105/QĐ-UBND', date: '2025-10-05', decisions: 1 },
      });
      put('ward_decisions', {
        id: 2,
        year: 2026,
        seq: 1,
        symbol: '01/QĐ-UBND',
        draft_date: '2026-02-10',
        programme_code: 'HTXH',
        kind: 'grant',
        subject: 'Về việc hưởng trợ cấp hưu trí xã hội hằng tháng',
        status: 'draft',
        signed_number: null,
        signed_date: null,
        signer: '',
        created_at: iso(),
        created_by: officer[0],
        signed_at: null,
        signed_by: null,
      });
      put('ward_decision_items', { ward_decision_id: 2, decision_id: 7, line_no: 1 });
      audit(...officer, {
        action: 'wardDecision.create',
        entity: 'ward_decision',
        entityId: 2,
        detail: { year: 2026, seq: 1, decisions: 1 },
      });
    }
    // Schema 15 on: a draft the deputy was to sign, voided (its item released, its number kept), and the
    // office names' first period.
    if (has('office_names_history')) {
      put('ward_decisions', {
        id: 3,
        year: 2026,
        seq: 2,
        symbol: '02/QĐ-UBND',
        draft_date: '2026-02-11',
        programme_code: 'BTXH',
        kind: 'grant',
        subject: 'Về việc hưởng trợ cấp xã hội hằng tháng',
        status: 'draft',
        signer: '',
        signer_role: 'deputy',
        created_at: iso(),
        created_by: officer[0],
        voided_at: iso(),
        voided_by: officer[0],
        void_reason: 'Lập nhầm người',
      });
      put('ward_decision_items', { ward_decision_id: 3, decision_id: 8, line_no: 1, released: 1 });
      audit(...officer, {
        action: 'wardDecision.void',
        entity: 'ward_decision',
        entityId: 3,
        after: { status: 'voided', reason: 'Lập nhầm người' },
      });
      put('office_names_history', {
        id: 1,
        valid_from: '1900-01-01',
        value_json: JSON.stringify(office),
        recorded_at: iso(),
        recorded_by: admin[0],
      });
      // An allowance the Sở decided for person 1 (NCC), paid once to the named relative.
      put('one_off_items', {
        id: 3,
        person_id: 1,
        entitlement_id: 1,
        kind: 'other',
        amount_vnd: 7_488_000,
        due_month: '2026-02',
        payee_name: 'Nguyễn Thị Hiền',
        payee_relationship: 'Con gái',
        decision_id: null,
        note: 'Trợ cấp một lần theo Quyết định số 152/QĐ-SNV',
        created_at: iso(),
        programme_code: 'NCC',
        decided_number: '152/QĐ-SNV',
        decided_date: '2026-02-05',
        decided_by: 'Sở Nội vụ Thành phố Hà Nội',
      });
      audit(...officer, {
        action: 'nccBenefit.create',
        entity: 'one_off_item',
        entityId: 3,
        personId: 1,
        after: { kind: 'lump_sum', amountVnd: 7_488_000 },
      });
    }
    // 014: BHYT cards, the old card of person 1 and its renewal; person 9's card under another group.
    put('health_insurance_cards', {
      id: 1,
      person_id: 1,
      card_number: 'BT2797920001234',
      bhxh_number: '7920001234',
      valid_from: '2025-01-01',
      valid_to: '2025-12-31',
      source: 'state',
      note: '',
      recorded_at: iso(),
      recorded_by: 2,
    });
    put('health_insurance_cards', {
      id: 2,
      person_id: 1,
      card_number: 'BT2797920001234',
      bhxh_number: '7920001234',
      valid_from: '2026-01-01',
      valid_to: '2026-12-31',
      source: 'state',
      note: 'Gia hạn',
      recorded_at: iso(),
      recorded_by: 2,
    });
    put('health_insurance_cards', {
      id: 3,
      person_id: 9,
      card_number: '7920005678',
      bhxh_number: '7920005678',
      valid_from: '2025-07-01',
      valid_to: '2027-06-30',
      source: 'other',
      note: 'Thẻ hưu trí',
      recorded_at: iso(),
      recorded_by: 2,
    });
    // 016: eligibility evidence, person 1's household on the 2025 and 2026 lists (the old one ended) and
    // person 9's disability certificate.
    put('eligibility_evidence', {
      id: 1,
      person_id: 1,
      kind: 'household',
      level: 'poor',
      list_year: 2025,
      issuer: 'UBND phường',
      document_no: '210/QĐ-UBND',
      issued_date: '2024-12-20',
      valid_until: '2025-12-31',
      note: '',
      ended_date: '2025-12-31',
      end_reason: 'Danh sách năm mới',
      recorded_at: iso(),
      recorded_by: 2,
    });
    put('eligibility_evidence', {
      id: 2,
      person_id: 1,
      kind: 'household',
      level: 'near_poor',
      list_year: 2026,
      issuer: 'UBND phường',
      document_no: '230/QĐ-UBND',
      issued_date: '2025-12-22',
      valid_until: '2026-12-31',
      note: '',
      ended_date: null,
      end_reason: '',
      recorded_at: iso(),
      recorded_by: 2,
    });
    put('eligibility_evidence', {
      id: 3,
      person_id: 9,
      kind: 'disability',
      level: 'severe',
      list_year: null,
      issuer: 'UBND phường',
      document_no: '15/GXN',
      issued_date: '2020-03-02',
      valid_until: null,
      note: 'Vận động',
      ended_date: null,
      end_reason: '',
      recorded_at: iso(),
      recorded_by: 2,
    });
    // 017: person 10's transfer out to another ward (the move-out's stop decision is its number).
    if (has('person_transfers')) {
      put('person_transfers', {
        id: 1,
        person_id: 10,
        direction: 'out',
        other_unit: 'Phường Phú Thủy',
        moved_date: '2026-01-20',
        decision_number: '09/QĐ-UBND',
        schema_version: null,
        payload_sha256: null,
        key_fingerprint: null,
        payload_json: null,
        created_at: iso(),
        created_by: officer[0],
      });
      audit(...officer, {
        action: 'personFile.transferOut',
        entity: 'person',
        entityId: 10,
        detail: { toUnit: 'Phường Phú Thủy', movedDate: '2026-01-20' },
      });
    }
    // 019: one-off rounds — an approved Tết round (a rule by NCC category, one person paid by account,
    // one added by hand in cash) and a draft 27/7 round with a removal by hand.
    if (has('rounds')) {
      const key = '1234qdctn|2026-01-05|chutichnuoc';
      put('rounds', {
        id: 1,
        name: 'Quà Tết Bính Ngọ 2026 của Chủ tịch nước',
        basis_number: '1234/QĐ-CTN',
        basis_date: '2026-01-05',
        basis_issuer: 'Chủ tịch nước',
        basis_key: key,
        round_date: '2026-02-10',
        line_count: 2,
        total_vnd: 900_000,
        created_at: iso(),
        created_by: officer[0],
        built_at: iso(),
        submitted_at: iso(),
        submitted_by: officer[0],
        submitted_audit_seq: 1,
      });
      put('round_rules', {
        id: 1,
        round_id: 1,
        rule_no: 1,
        label: 'Thương binh, bệnh binh',
        programme_code: 'NCC',
        groups_json: '[]',
        categories_json: '["Thương binh","Bệnh binh"]',
        amount_vnd: 600_000,
      });
      put('round_adjustments', {
        id: 1,
        round_id: 1,
        person_id: 8,
        kind: 'add',
        programme_code: 'NCC',
        amount_vnd: 300_000,
        reason: 'Theo ý kiến Chủ tịch UBND phường',
        created_at: iso(),
        created_by: officer[0],
      });
      put('round_lines', {
        id: 1,
        round_id: 1,
        basis_key: key,
        line_no: 1,
        person_id: 3,
        programme_code: 'NCC',
        rule_no: 1,
        amount_vnd: 600_000,
        full_name: 'Lê Văn Đức',
        birth_text: '1950',
        citizen_id: null,
        neighbourhood_name: 'Tổ 3',
        address: 'Tổ 3',
        group_label: 'Thương binh 61%',
        method: 'OWN_ACCOUNT',
        bank_code: 'AGRIBANK',
        branch: 'Chi nhánh Hoàn Kiếm',
        account_number: '1500205123456',
        holder_name: 'LE VAN DUC',
        note: '',
      });
      put('round_lines', {
        id: 2,
        round_id: 1,
        basis_key: key,
        line_no: 2,
        person_id: 8,
        programme_code: 'NCC',
        rule_no: null,
        amount_vnd: 300_000,
        full_name: 'Vũ Thị Hạnh',
        birth_text: '1948',
        neighbourhood_name: 'Tổ 1',
        address: 'Tổ 1',
        group_label: '',
        method: 'CASH_WARD',
        note: 'Bổ sung: Theo ý kiến Chủ tịch UBND phường',
      });
      db.prepare(
        "UPDATE rounds SET status = 'approved', review_state = 'approved', approved_at = ?, approved_by = 4 WHERE id = 1",
      ).run(iso());
      audit(...officer, {
        action: 'round.create',
        entity: 'round',
        entityId: 1,
        detail: { lines: 2, totalVnd: 900_000 },
      });
      audit(4, 'chutich.duc', {
        action: 'round.approve',
        entity: 'round',
        entityId: 1,
        detail: { lines: 2, totalVnd: 900_000 },
      });
      // 020: the approved round's results — the transfer failed then paid (from the bank's file), the cash
      // line not collected.
      if (has('round_payment_attempts')) {
        const attempt = (id: number, line: number, no: number, status: string, reason: string, source: string) =>
          put('round_payment_attempts', {
            id,
            round_line_id: line,
            attempt_no: no,
            status,
            on_date: '2026-02-12',
            reason,
            reference: '',
            source,
            recorded_at: iso(),
            recorded_by: officer[0],
          });
        attempt(1, 1, 1, 'failed', 'Sai tên chủ tài khoản', 'manual');
        attempt(2, 1, 2, 'paid', '', `sha256:${'c'.repeat(64)}`);
        attempt(3, 2, 1, 'not_collected', 'Không đến nhận', 'cash-list');
        audit(...officer, {
          action: 'roundResults.record',
          entity: 'round',
          entityId: 1,
          detail: { outcome: 'not_collected', changed: 1, amountVnd: 300_000 },
        });
      }
      put('rounds', {
        id: 2,
        name: 'Quà 27/7/2026',
        basis_number: '55/QĐ-UBND',
        basis_date: '2026-07-01',
        basis_issuer: 'UBND tỉnh',
        basis_key: '55qdubnd|2026-07-01|ubndtinh',
        round_date: '2026-07-20',
        created_at: iso(),
        created_by: officer[0],
        built_at: iso(),
      });
      put('round_rules', { id: 2, round_id: 2, rule_no: 1, label: '', programme_code: 'NCC', amount_vnd: 500_000 });
      put('round_adjustments', {
        id: 2,
        round_id: 2,
        person_id: 3,
        kind: 'remove',
        reason: 'Đã nhận tại Trung tâm điều dưỡng',
        created_at: iso(),
        created_by: officer[0],
      });
    }
    audit(...admin, { action: 'backup.create', entity: 'backup', detail: { reason: 'payroll.approve' } });
    // 018: a receiving office's tables (a ward register never fills them; the fixture does, to upgrade them).
    if (version >= 18) {
      put('receiving_wards', { code: '22978', name: 'UBND phường Đức Nghĩa', province: 'Lâm Đồng', added_at: iso() });
      put('received_exports', {
        id: 1,
        ward_code: '22978',
        month: '2025-10',
        period_from: '2025-07',
        year_from: '2025-01',
        manifest_sha256: 'a'.repeat(64),
        folder_name: 'bao-cao-gui-tinh-2025-10',
        created_at: iso(),
        created_by: 'canbo',
        app_version: '0.1.0',
        data_version: 1,
        encrypted: 0,
        anchor_seq: 12,
        anchor_hash: 'b'.repeat(64),
        reports_json: '["noncash"]',
        files: 6,
        bytes: 1234,
        received_at: iso(),
        received_by: 1,
      });
      put('received_report_data', {
        export_id: 1,
        report: 'noncash',
        ward_code: '22978',
        month: '2025-10',
        created_at: iso(),
        data_json: '{"month":"2025-10","rows":[]}',
      });
    }
  });
  fill();

  // Same bytes on every run: the migration records and 002's built-in account carry "now".
  db.prepare("UPDATE schema_migrations SET applied_at = '2025-12-01T00:00:00.000Z'").run();
  if (reference) db.prepare("UPDATE users SET created_at = '2025-12-01T01:00:00.000Z' WHERE id = 1").run();
  const problems = db.pragma('foreign_key_check') as unknown[];
  if (problems.length) throw new Error(`fixture v${version} breaks foreign keys: ${JSON.stringify(problems)}`);

  const emptyByDesign: Record<string, string> = {};
  if (!reference) {
    for (const table of registerTables(db)) {
      const rows = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
      if (rows === 0) emptyByDesign[table] = EMPTY_AT_V1[table] ?? V1_NEEDS_REFERENCE;
    }
  }
  return { db, emptyByDesign };
}

/** Writes vNNN.sqlite and vNNN.expected.json for one version; returns what it wrote. */
export function writeFixture(version: number): FixtureExpectation {
  const { db, emptyByDesign } = buildFixture(version);
  try {
    const facts = measure(db);
    for (const [table, t] of Object.entries(facts.tables)) {
      if (t.rows === 0 && !emptyByDesign[table])
        throw new Error(
          `fixture v${version}: table ${table} has no row — add data for it to tests/support/upgrade-fixtures.ts`,
        );
    }
    mkdirSync(FIXTURE_DIR, { recursive: true });
    const target = fixturePath(version);
    const temp = `${target}.tmp`;
    rmSync(temp, { force: true });
    db.exec(`VACUUM INTO '${temp.replace(/'/g, "''")}'`);
    renameSync(temp, target);
    const sha256 = createHash('sha256').update(readFileSync(target)).digest('hex');
    return { ...facts, emptyByDesign, sha256 };
  } finally {
    db.close();
  }
}

export const fixtureExists = (version: number) => existsSync(fixturePath(version)) && existsSync(expectedPath(version));

/** Every schema version the bundled migrations know, oldest first. */
export const schemaVersions = (): number[] => MIGRATIONS.map((m) => m.version);
