import type { Store } from '../main/db/store';
import { foldForSearch, nameSortKey, splitFullName } from '../shared/domain/text';

// A synthetic ward register of N people, deterministic for a seed: Vietnamese names with every kind of
// diacritic, valid 12-digit citizen IDs, year-only birth dates for some, neighbourhoods, phones.
// Used by `npm run bench` and by tests that need a large register.

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trương', 'Lương', 'Tạ'];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Công', 'Thành', 'Xuân', 'Ngọc', 'Đình'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Diệu', 'Hồng', 'Bích', 'Thùy'];
const GIVEN_MALE = ['Ơn', 'Hùng', 'Dũng', 'Đạt', 'Tuấn', 'Khải', 'Lộc', 'Phúc', 'Quý', 'Sơn', 'Thắng', 'Vĩnh', 'Bảo', 'Cường', 'Hiếu', 'Nghĩa', 'Trí', 'Ấn', 'Ước', 'Ẩn'];
const GIVEN_FEMALE = ['Hương', 'Hường', 'Lan', 'Hoa', 'Mai', 'Đào', 'Nguyệt', 'Yến', 'Ánh', 'Oanh', 'Ngân', 'Thảo', 'Trinh', 'Tuyết', 'Ưng', 'Ý', 'Dung', 'Diễm', 'Hạnh', 'Loan'];
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
      birthDate: yearOnly ? String(birthYear) : `${birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
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
  const neighbourhood = store.sqlite.prepare('INSERT OR IGNORE INTO neighbourhoods (id, name, search_key) VALUES (?, ?, ?)');
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
        name.full, name.family, name.middle, name.given, foldForSearch(name.full), nameSortKey(name), p.birthDate,
        p.birthPrecision, p.birthYear, p.gender, p.citizenId, `Khu phố ${p.neighbourhood}, phường Đức Nghĩa`,
        p.neighbourhood, p.phone, now, now,
      );
    }
  });
}
