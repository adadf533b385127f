// The passphrase of an encrypted backup or province export (.sasbak): the file travels on a USB stick,
// so whoever finds the stick can try passphrases offline as fast as their hardware runs scrypt. The rule
// refuses what such a search tries first; it is documented in README.md ("Cụm mật khẩu của bản sao lưu").
//
// A passphrase is accepted when, counted in Unicode characters after NFC (as the key is derived):
//   1. it has at least 12 characters;
//   2. it has at least 6 different characters (ignoring spaces and upper/lower case);
//   3. without spaces, it is not one short piece repeated ("matkhaumatkhau", "abcabcabcabc");
//   4. without spaces, it is not a run of digits, letters or a keyboard row ("123456789012", "qwertyuiop…");
//   5. its letters (marks removed, đ → d) are not just a common word ("matkhau", "password", …) with
//      digits or symbols added ("Mật khẩu 2026!!").

export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MIN_DISTINCT = 6;

export const PASSPHRASE_RULE_VI =
  'Cụm mật khẩu cần ít nhất 12 ký tự và ít nhất 6 ký tự khác nhau; không được là một dãy liên tiếp (như 123456789012, abcdef…), một đoạn lặp lại, hay chỉ một từ quen thuộc (như «mật khẩu», «password») kèm số. Nên dùng một câu ngắn chỉ mình biết, có cả chữ và số.';

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const COMMON_WORDS = new Set([
  'matkhau',
  'password',
  'passwd',
  'pass',
  'soansinh',
  'saoluu',
  'admin',
  'administrator',
  'quantri',
  'qwerty',
  'abc',
  'iloveyou',
  'anhyeuem',
  'emyeuanh',
  'vietnam',
  'ubnd',
  'phuong',
]);

export type PassphraseProblem = 'TOO_SHORT' | 'TOO_FEW_DISTINCT' | 'REPEATED' | 'SEQUENCE' | 'COMMON_WORD';

const chars = (s: string) => Array.from(s.normalize('NFC'));

function isRepetition(s: string): boolean {
  for (let unit = 1; unit <= s.length / 2; unit++) {
    if (s.length % unit === 0 && s.slice(0, unit).repeat(s.length / unit) === s) return true;
  }
  return false;
}

function isSequenceRun(s: string): boolean {
  return SEQUENCES.some((seq) => {
    const reversed = Array.from(seq).reverse().join('');
    const times = Math.ceil(s.length / seq.length) + 1;
    return seq.repeat(times).includes(s) || reversed.repeat(times).includes(s);
  });
}

/** Letters only, lower case, marks removed and đ → d (so "Mật khẩu" reads "matkhau"). */
function lettersOf(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

/** Why a passphrase is too weak (the first rule it fails), or null when it is accepted. */
export function passphraseProblem(passphrase: string): PassphraseProblem | null {
  const all = chars(passphrase);
  if (all.length < PASSPHRASE_MIN_LENGTH) return 'TOO_SHORT';
  const compact = chars(passphrase.toLowerCase()).filter((c) => !/\s/u.test(c));
  if (new Set(compact).size < PASSPHRASE_MIN_DISTINCT) return 'TOO_FEW_DISTINCT';
  const joined = compact.join('');
  if (isRepetition(joined)) return 'REPEATED';
  if (isSequenceRun(joined)) return 'SEQUENCE';
  if (COMMON_WORDS.has(lettersOf(passphrase))) return 'COMMON_WORD';
  return null;
}

export const PASSPHRASE_PROBLEM_VI: Record<PassphraseProblem, string> = {
  TOO_SHORT: 'Cụm mật khẩu cần ít nhất 12 ký tự.',
  TOO_FEW_DISTINCT: 'Cụm mật khẩu cần ít nhất 6 ký tự khác nhau.',
  REPEATED: 'Cụm mật khẩu không được là một đoạn lặp lại.',
  SEQUENCE: 'Cụm mật khẩu không được là một dãy liên tiếp (như 123456789012 hay abcdef…).',
  COMMON_WORD: 'Cụm mật khẩu không được chỉ là một từ quen thuộc (như «mật khẩu», «password») kèm số.',
};

/** The Vietnamese message for a weak passphrase, or null when it is accepted. */
export function passphraseMessage(passphrase: string): string | null {
  const problem = passphraseProblem(passphrase);
  return problem ? PASSPHRASE_PROBLEM_VI[problem] : null;
}

/** Why an export's protection cannot be used, in Vietnamese; null when it can (encrypted or an explicit clear choice). */
export function exportProtectionProblem(value: { passphrase: string; clear: boolean }): string | null {
  if (value.clear) return null;
  // The backup's rule: these files travel on a USB stick too.
  const problem = value.passphrase === '' ? 'Cụm mật khẩu: bắt buộc.' : passphraseMessage(value.passphrase);
  return problem && `${problem} Tệp xuất được mã hoá; muốn ghi không mã hoá phải chọn rõ «Ghi không mã hoá».`;
}
