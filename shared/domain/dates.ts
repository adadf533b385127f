// Calendar values as plain strings ('YYYY-MM' months, 'YYYY-MM-DD' dates): they sort as text, store
// as SQLite TEXT and never meet a time zone, which a payroll month must not depend on.

/** 'YYYY-MM' */
export type Month = string;
/** 'YYYY-MM-DD' */
export type IsoDate = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const toIsoDate = (y: number, m: number, d: number): IsoDate => `${pad4(y)}-${pad2(m)}-${pad2(d)}`;

// ---- months -------------------------------------------------------------------------------------

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

export function parseMonth(m: Month): { year: number; month: number } {
  const match = MONTH_RE.exec(m);
  if (!match) throw new RangeError(`Tháng không hợp lệ (cần dạng YYYY-MM): "${m}"`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** User input "01/2026", "1/2026" or "2026-01" → '2026-01', or null. */
export function parseMonthVi(text: string): Month | null {
  const t = text.trim();
  if (isMonth(t)) return t;
  const match = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!match) return null;
  const month = Number(match[1]);
  return month >= 1 && month <= 12 ? `${match[2]}-${pad2(month)}` : null;
}

const monthIndex = (m: Month): number => {
  const { year, month } = parseMonth(m);
  return year * 12 + (month - 1);
};

function monthFromIndex(i: number): Month {
  const year = Math.floor(i / 12);
  if (year < 0 || year > 9999) throw new RangeError(`Tháng vượt phạm vi năm 0000–9999: chỉ số ${i}`);
  return `${pad4(year)}-${pad2((i % 12) + 1)}`;
}

export function addMonths(m: Month, k: number): Month {
  if (!Number.isInteger(k)) throw new RangeError(`Số tháng phải là số nguyên: ${k}`);
  return monthFromIndex(monthIndex(m) + k);
}

/** The month's last day, 'YYYY-MM-DD'. */
export function lastDayOfMonth(m: Month): IsoDate {
  const { year, month } = parseMonth(m);
  return `${m}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function nextMonth(m: Month): Month {
  return addMonths(m, 1);
}

/** b − a in months: monthDiff('2026-01', '2026-03') = 2. */
export function monthDiff(a: Month, b: Month): number {
  return monthIndex(b) - monthIndex(a);
}

export function compareMonth(a: Month, b: Month): number {
  return Math.sign(monthDiff(b, a));
}

/** Every month from `from` to `to`, both included; empty when from > to. */
export function monthRange(from: Month, to: Month): Month[] {
  const start = monthIndex(from);
  const end = monthIndex(to);
  const out: Month[] = [];
  for (let i = start; i <= end; i++) out.push(monthFromIndex(i));
  return out;
}

export function monthOfDate(date: IsoDate): Month {
  if (!isIsoDate(date)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): "${date}"`);
  return date.slice(0, 7);
}

/** '2026-01' → "01/2026" */
export function formatMonthVi(m: Month): string {
  const { year, month } = parseMonth(m);
  return `${pad2(month)}/${pad4(year)}`;
}

// ---- dates ----------------------------------------------------------------------------------------

export function isIsoDate(s: string): boolean {
  const match = DATE_RE.exec(s);
  return !!match && isValidYmd(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** '2026-01-05' → "05/01/2026" */
export function formatDateVi(date: IsoDate): string {
  if (!isIsoDate(date)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): "${date}"`);
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "5/1/2026", "05/01/2026", "05-01-2026", "05.01.2026" (day first, as written in Vietnam) → ISO, or null. */
export function parseDateVi(text: string): IsoDate | null {
  const match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const d = Number(match[1]);
  const m = Number(match[3]);
  const y = Number(match[4]);
  return isValidYmd(y, m, d) ? toIsoDate(y, m, d) : null;
}

/**
 * "Phan Thiết, ngày 05 tháng 01 năm 2026": administrative documents write days below 10 and the
 * months 1 and 2 with a leading zero (Decree 30/2020), other months without ("tháng 3", "tháng 12").
 */
export function formatPlaceDateVi(place: string, date: IsoDate): string {
  if (!isIsoDate(date)) throw new RangeError(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): "${date}"`);
  const month = Number(date.slice(5, 7));
  const text = `ngày ${date.slice(8, 10)} tháng ${month <= 2 ? pad2(month) : String(month)} năm ${date.slice(0, 4)}`;
  const p = place.trim();
  return p ? `${p}, ${text}` : text;
}

// ---- birth dates ----------------------------------------------------------------------------------

/** Old records may hold only a year of birth; keep that instead of inventing 01/01. */
export interface BirthDate {
  precision: 'day' | 'year';
  /** 'YYYY-MM-DD' when precision is 'day', 'YYYY' when it is 'year'. */
  value: string;
}

const MIN_BIRTH_YEAR = 1880;
const MAX_BIRTH_YEAR = 2100;
const birthYearOk = (y: number): boolean => y >= MIN_BIRTH_YEAR && y <= MAX_BIRTH_YEAR;

/** "05/01/1938", "1938-01-05" or "1938" → BirthDate, or null. Years outside 1880–2100 are refused. */
export function parseBirthDate(text: string): BirthDate | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return birthYearOk(Number(t)) ? { precision: 'year', value: t } : null;
  const iso = isIsoDate(t) ? t : parseDateVi(t);
  if (iso === null || !birthYearOk(Number(iso.slice(0, 4)))) return null;
  return { precision: 'day', value: iso };
}

/** "05/01/1938" or "1938" */
export function formatBirthDate(b: BirthDate): string {
  return b.precision === 'day' ? formatDateVi(b.value) : b.value;
}

export function birthYear(b: BirthDate): number {
  return Number(b.value.slice(0, 4));
}

/**
 * Completed years of age on the last day of `month`; negative before the birth.
 * Full date: at a month's end the birthday of that month has always passed (a 29 February birthday
 * counts as reached on 28 February, the last day of the month), so only the birth month matters.
 * Year only (assumption): the record says only that the birthday falls somewhere in that year, and
 * we count the whole year as reached, so the age at any month of year Y is Y − birth year (born
 * "2022" → 4 in every month of 2026). That errs towards the older age for part of the year, i.e. an
 * age-based change (child turning 4, elder turning 80) applies from January of that year; the
 * officer should record the full date when the decision depends on it.
 */
export function ageInYearsAtMonthEnd(birth: BirthDate, month: Month): number {
  const { year, month: m } = parseMonth(month);
  return ageInYearsAt(birth, year, m);
}

/** ageInYearsAtMonthEnd for a month already parsed (year, month 1–12): the hot path of the monthly amounts. */
export function ageInYearsAt(birth: BirthDate, year: number, month: number): number {
  const age = year - birthYear(birth);
  if (birth.precision === 'year') return age;
  return month < Number(birth.value.slice(5, 7)) ? age - 1 : age;
}
