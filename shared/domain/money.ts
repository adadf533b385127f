// Money is whole Vietnamese đồng held in JS numbers that must stay safe integers: the đồng has no
// subunit in use, and every rounding happens in exactly one place (coefficientAmount).

function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} phải là số nguyên đồng: ${n}`);
}

/** 1234567 → "1.234.567" (dot thousands, as on Vietnamese payment lists). */
export function formatVnd(n: number): string {
  assertSafeInteger(n, 'Số tiền');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/**
 * Typed or imported amount → integer đồng, or null if it is not a clean amount. Accepts dot or
 * comma thousands (Excel exports use either), plain digits, a trailing đ/₫/đồng/VND, surrounding
 * spaces and a leading minus. A single separator style per number, groups of exactly 3: "1,5" or
 * "1.234,5" are rejected rather than guessed, because a decimal comma would silently multiply.
 */
export function parseVnd(text: string): number | null {
  const m = /^(-?)\s*(\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)\s*(?:đ|₫|đồng|vnđ|vnd)?$/iu.exec(
    text.normalize('NFC').trim(),
  );
  if (!m) return null;
  const n = Number((m[2] as string).replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(n)) return null;
  return m[1] === '-' && n !== 0 ? -n : n;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const digitWord = (d: number): string => DIGITS[d] as string;

/** Tens and units of a group (t, u not both 0); `afterHundreds` decides "linh" for 0 tens. */
function tensAndUnits(t: number, u: number, afterHundreds: boolean): string[] {
  if (t === 0) return afterHundreds ? ['linh', digitWord(u)] : [digitWord(u)];
  const words = t === 1 ? ['mười'] : [digitWord(t), 'mươi'];
  if (u === 0) return words;
  if (u === 5) return [...words, 'lăm'];
  if (t >= 2 && u === 1) return [...words, 'mốt'];
  if (t >= 2 && u === 4) return [...words, 'tư'];
  return [...words, digitWord(u)];
}

/** One non-zero group of 3 digits; `full` when a higher non-zero group precedes it ("không trăm"). */
function groupWords(v: number, full: boolean): string[] {
  const h = Math.floor(v / 100);
  const t = Math.floor(v / 10) % 10;
  const u = v % 10;
  const withHundreds = full || h > 0;
  const words = withHundreds ? [digitWord(h), 'trăm'] : [];
  if (t !== 0 || u !== 0) words.push(...tensAndUnits(t, u, withHundreds));
  return words;
}

/** 0 < n < 10^9, read as triệu / nghìn / units groups; zero groups are skipped. */
function belowBillion(n: number, full: boolean): string[] {
  const words: string[] = [];
  let started = full;
  const groups: [number, string][] = [
    [Math.floor(n / 1_000_000), 'triệu'],
    [Math.floor(n / 1000) % 1000, 'nghìn'],
    [n % 1000, ''],
  ];
  for (const [v, unit] of groups) {
    if (v === 0) continue;
    words.push(...groupWords(v, started));
    if (unit) words.push(unit);
    started = true;
  }
  return words;
}

/**
 * Above a billion the count of tỷ is itself read as a number: 1.001.000.000.000 is "một nghìn không
 * trăm linh một tỷ", and round amounts give the usual "một nghìn tỷ", "một triệu tỷ".
 */
function numberWords(n: number): string[] {
  if (n < 1_000_000_000) return belowBillion(n, false);
  const q = Math.floor(n / 1_000_000_000);
  const r = n % 1_000_000_000;
  return [...numberWords(q), 'tỷ', ...(r > 0 ? belowBillion(r, true) : [])];
}

/** Số tiền bằng chữ: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng". */
export function amountInWords(n: number): string {
  assertSafeInteger(n, 'Số tiền');
  if (n < 0) throw new RangeError(`Số tiền bằng chữ không nhận số âm: ${n}`);
  const text = n === 0 ? 'không' : numberWords(n).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} đồng`;
}

/**
 * Monthly amount = standard level × coefficient, rounded half-up to the đồng. Coefficients are stored
 * as integer thousandths (2.5 → 2500) because binary floats cannot hold most decimal coefficients
 * (500000 * 1.15 = 574999.9999999999 in floating point, which Math.round would turn into a wrong
 * đồng and differ between code paths). The product is computed in BigInt so it stays exact even
 * beyond 2^53; the result must again be a safe integer.
 */
export function coefficientAmount(standardVnd: number, coefficientMilli: number): number {
  assertSafeInteger(standardVnd, 'Mức chuẩn');
  assertSafeInteger(coefficientMilli, 'Hệ số (phần nghìn)');
  if (standardVnd < 0 || coefficientMilli < 0) {
    throw new RangeError('Mức chuẩn và hệ số không được âm.');
  }
  const amount = Number((BigInt(standardVnd) * BigInt(coefficientMilli) + 500n) / 1000n);
  assertSafeInteger(amount, 'Số tiền');
  return amount;
}
