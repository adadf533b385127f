import type { Store } from '../main/db/store';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';

// A synthetic ward register of N people, deterministic for a seed: Vietnamese names with every kind of
// diacritic, valid 12-digit citizen IDs, year-only birth dates for some, neighbourhoods, phones.
// Used by `npm run bench` and by tests that need a large register.

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lương',
  'Tạ',
];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Công', 'Thành', 'Xuân', 'Ngọc', 'Đình'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Diệu', 'Hồng', 'Bích', 'Thùy'];
const GIVEN_MALE = [
  'Ơn',
  'Hùng',
  'Dũng',
  'Đạt',
  'Tuấn',
  'Khải',
  'Lộc',
  'Phúc',
  'Quý',
  'Sơn',
  'Thắng',
  'Vĩnh',
  'Bảo',
  'Cường',
  'Hiếu',
  'Nghĩa',
  'Trí',
  'Ấn',
  'Ước',
  'Ẩn',
];
const GIVEN_FEMALE = [
  'Hương',
  'Hường',
  'Lan',
  'Hoa',
  'Mai',
  'Đào',
  'Nguyệt',
  'Yến',
  'Ánh',
  'Oanh',
  'Ngân',
  'Thảo',
  'Trinh',
  'Tuyết',
  'Ưng',
  'Ý',
  'Dung',
  'Diễm',
  'Hạnh',
  'Loan',
];
const PROVINCES = ['060', '068', '079', '001', '048', '092', '038', '040'];

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticPerson {
  fullName: string;
  gender: 'male' | 'female';
  birthYear: number;
  birthDate: string;
  birthPrecision: 'day' | 'year';
  citizenId: string;
  neighbourhood: number;
  phone: string;
}

export function* syntheticPeople(count: number, seed = 2026): Generator<SyntheticPerson> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const gender = next() < 0.55 ? 'female' : 'male';
    const family = pick(FAMILY);
    const middle = pick(gender === 'female' ? MIDDLE_FEMALE : MIDDLE_MALE);
    const given = pick(gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
    const birthYear = 1925 + Math.floor(next() * 95);
    const yearOnly = next() < 0.1;
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const century = birthYear >= 2000 ? 2 : 0;
    const genderDigit = century + (gender === 'female' ? 1 : 0);
    // The serial is the running index, so IDs are unique across the register.
    const citizenId = `${pick(PROVINCES)}${genderDigit}${String(birthYear % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
    yield {
      fullName: `${family} ${middle} ${given}`,
      gender,
      birthYear,
      birthDate: yearOnly
        ? String(birthYear)
        : `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      birthPrecision: yearOnly ? 'year' : 'day',
      citizenId,
      neighbourhood: 1 + Math.floor(next() * 12),
      phone: `09${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
    };
  }
}

/** Inserts the register with one prepared statement in one transaction (the bulk path). */
export function insertSyntheticRegister(store: Store, count: number, seed = 2026): void {
  const now = new Date().toISOString();
  const neighbourhood = store.sqlite.prepare(
    'INSERT OR IGNORE INTO neighbourhoods (id, name, search_key) VALUES (?, ?, ?)',
  );
  const person = store.sqlite.prepare(
    `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, birth_date,
       birth_precision, birth_year, gender, citizen_id, address, neighbourhood_id, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  store.transaction(() => {
    for (let n = 1; n <= 12; n++) neighbourhood.run(n, `Khu phố ${n}`, `khu pho ${n}`);
    for (const p of syntheticPeople(count, seed)) {
      const name = splitFullName(p.fullName);
      person.run(
        name.full,
        name.family,
        name.middle,
        name.given,
        foldForSearch(name.full),
        nameSortKey(name),
        p.birthDate,
        p.birthPrecision,
        p.birthYear,
        p.gender,
        p.citizenId,
        `Khu phố ${p.neighbourhood}, phường Đức Nghĩa`,
        p.neighbourhood,
        p.phone,
        now,
        now,
      );
    }
  });
}

// ---- entitlements ----------------------------------------------------------------------------------

/** A BTXH group valid for the age at the start month (the group family moves children on by itself). */
function groupForAgeAtStart(age: number, r: number): string {
  if (age < 4) return 'BTXH-1A';
  if (age < 16) return 'BTXH-1B';
  if (age < 22) return 'BTXH-2';
  if (age < 60) return r < 0.4 ? 'BTXH-6C' : r < 0.6 ? 'BTXH-6A' : r < 0.8 ? 'BTXH-4' : 'BTXH-8';
  if (age < 80) return r < 0.5 ? 'BTXH-5A1' : r < 0.8 ? 'BTXH-6D' : 'BTXH-6B';
  return r < 0.6 ? 'BTXH-5C' : 'BTXH-5A2';
}

export interface SyntheticEntitlementCounts {
  entitlements: number;
  suspended: number;
  stopped: number;
  deceased: number;
  withoutEntitlement: number;
}

/**
 * Gives the people already in the register a BTXH entitlement (grant decision, entitlement, term with a
 * group valid for their age), a payout method (cash at the ward, post office, or own bank account), and a
 * realistic spread of states: ~3% never enrolled, ~3% suspended, ~3% stopped, ~0.5% deceased.
 * Prepared statements in one transaction, as a bulk import would; register_summary is left to refreshSummary.
 */
export function insertSyntheticEntitlements(
  store: Store,
  options: { startMonth?: string; seed?: number } = {},
): SyntheticEntitlementCounts {
  const startMonth = options.startMonth ?? '2024-07';
  const startYear = Number(startMonth.slice(0, 4));
  const next = random(options.seed ?? 7);
  const now = new Date().toISOString();
  const sql = store.sqlite;
  const decision = sql.prepare(
    `INSERT INTO decisions (person_id, programme_code, kind, number, signed_date, signer, effective_month, created_at, created_by)
     VALUES (?, 'BTXH', ?, ?, ?, 'Nguyễn Văn Chủ', ?, ?, 1)`,
  );
  const entitlement = sql.prepare(
    `INSERT INTO entitlements (person_id, programme_code, start_month, end_month, grant_decision_id, created_at)
     VALUES (?, 'BTXH', ?, ?, ?, ?)`,
  );
  const linkDecision = sql.prepare('UPDATE decisions SET entitlement_id = ? WHERE id = ?');
  const term = sql.prepare(
    `INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, ?, ?, ?, ?)`,
  );
  const account = sql.prepare(
    `INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, ?, ?)`,
  );
  const method = sql.prepare(
    `INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const death = sql.prepare('UPDATE people SET death_date = ? WHERE id = ?');
  const people = sql.prepare('SELECT id, full_name, birth_year FROM people ORDER BY id').all() as Array<{
    id: number;
    full_name: string;
    birth_year: number | null;
  }>;
  const counts: SyntheticEntitlementCounts = {
    entitlements: 0,
    suspended: 0,
    stopped: 0,
    deceased: 0,
    withoutEntitlement: 0,
  };
  store.transaction(() => {
    let n = 0;
    for (const p of people) {
      n++;
      const r = next();
      const groupPick = next();
      const methodPick = next();
      if (r < 0.03) {
        counts.withoutEntitlement++;
        continue;
      }
      const age = startYear - (p.birth_year ?? startYear - 70);
      const group = groupForAgeAtStart(age, groupPick);
      const stopped = r >= 0.06 && r < 0.09;
      const grant = Number(
        decision.run(p.id, 'grant', `${n}/QĐ-UBND`, `${startMonth}-01`, startMonth, now).lastInsertRowid,
      );
      const e = Number(entitlement.run(p.id, startMonth, stopped ? '2025-12' : null, grant, now).lastInsertRowid);
      linkDecision.run(e, grant);
      term.run(e, startMonth, 'active', group, grant);
      counts.entitlements++;
      if (r < 0.06) {
        const suspend = Number(
          decision.run(p.id, 'suspend', `${n}-TD/QĐ-UBND`, '2025-06-01', '2025-06', now).lastInsertRowid,
        );
        linkDecision.run(e, suspend);
        term.run(e, '2025-06', 'suspended', group, suspend);
        counts.suspended++;
      } else if (stopped) {
        const stop = Number(
          decision.run(p.id, 'stop', `${n}-TH/QĐ-UBND`, '2026-01-01', '2026-01', now).lastInsertRowid,
        );
        linkDecision.run(e, stop);
        counts.stopped++;
      } else if (r < 0.095) {
        death.run('2025-09-12', p.id);
        counts.deceased++;
      }
      if (methodPick < 0.6) method.run(p.id, startMonth, 'CASH_WARD', null, now);
      else if (methodPick < 0.85) method.run(p.id, startMonth, 'POST_OFFICE', null, now);
      else {
        const a = Number(
          account.run(p.id, `3600205${String(p.id).padStart(6, '0')}`, p.full_name.toUpperCase(), now).lastInsertRowid,
        );
        method.run(p.id, startMonth, 'OWN_ACCOUNT', a, now);
      }
    }
  });
  return counts;
}
