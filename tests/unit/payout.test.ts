import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountNumberIssue,
  addDays,
  authorizationState,
  cleanAccountNumber,
  defaultValidTo,
  holderNameMatches,
  payoutBlockReason,
  renewalTerm,
  termsOverlap,
  UNCERTIFIED_REASON,
} from '@shared/domain/payout';

// Pure payout rules: the holder-name match (any accent/case/spacing variant of the same name matches, a
// different name does not), the account-number rule per bank, the one-year default term, expiry states.

/** Letters a name is written with, and what each can be written as (accents, tones, đ). */
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const VOWEL_FORMS: Record<string, string[]> = {
  a: ['a', 'ă', 'â'],
  e: ['e', 'ê'],
  i: ['i'],
  o: ['o', 'ô', 'ơ'],
  u: ['u', 'ư'],
  y: ['y'],
};
const BASE = [...'abcdeghiklmnopqrstuvxy'];

const syllable = fc.array(fc.constantFrom(...BASE), { minLength: 1, maxLength: 6 }).map((l) => l.join(''));
const baseName = fc.array(syllable, { minLength: 2, maxLength: 4 });

/** One way of writing a base-letter name: accents and tones anywhere, any case, spaces, NFC or NFD. */
function written(words: string[]) {
  const letters = words.join(' ').length;
  return fc
    .record({
      forms: fc.array(fc.nat(), { minLength: letters, maxLength: letters }),
      tones: fc.array(fc.nat(5), { minLength: letters, maxLength: letters }),
      upper: fc.array(fc.boolean(), { minLength: letters, maxLength: letters }),
      spaces: fc.array(fc.constantFrom(' ', '  ', '\t', ' \u00a0'), {
        minLength: words.length + 1,
        maxLength: words.length + 1,
      }),
      nfd: fc.boolean(),
    })
    .map(({ forms, tones, upper, spaces, nfd }) => {
      let i = 0;
      const out = words.map((w) =>
        [...w]
          .map((ch) => {
            const k = i++;
            let c = ch;
            if (VOWEL_FORMS[ch]) c = VOWEL_FORMS[ch]![forms[k]! % VOWEL_FORMS[ch]!.length]! + TONES[tones[k]!]!;
            else if (ch === 'd' && forms[k]! % 2 === 1) c = 'đ';
            c = c.normalize('NFC');
            return upper[k] ? c.toUpperCase() : c;
          })
          .join(''),
      );
      const text = spaces[0]!.trim() + out.map((w, j) => (j ? spaces[j]! : '') + w).join('') + spaces[words.length]!;
      return nfd ? text.normalize('NFD') : text;
    });
}

describe('holder name matches the person', () => {
  it('any diacritic, case, spacing or normalisation variant of the same name matches', () => {
    fc.assert(
      fc.property(
        baseName.chain((words) => fc.tuple(written(words), written(words))),
        ([a, b]) => holderNameMatches(a, b),
      ),
      { numRuns: 500 },
    );
  });

  it('a name differing in one letter does not match, however it is written', () => {
    fc.assert(
      fc.property(
        baseName.chain((words) =>
          fc
            .record({ w: fc.nat(words.length - 1), at: fc.nat(10), to: fc.constantFrom(...BASE) })
            .chain(({ w, at, to }) => {
              const word = words[w]!;
              const pos = at % word.length;
              const other = words.map((x, i) => (i === w ? x.slice(0, pos) + to + x.slice(pos + 1) : x));
              return fc.tuple(fc.constant(word[pos] !== to), written(words), written(other));
            }),
        ),
        ([differs, a, b]) => {
          fc.pre(differs);
          return !holderNameMatches(a, b);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('examples: "NGUYEN THI HUONG" is Nguyễn Thị Hường; Hương and Hưởng are not Hường only by accent, so they match too', () => {
    expect(holderNameMatches('NGUYEN THI HUONG', 'Nguyễn Thị Hường')).toBe(true);
    expect(holderNameMatches('Đặng Văn Đức', 'DANG VAN DUC')).toBe(true);
    expect(holderNameMatches('Nguyễn Thị Hường', 'Nguyễn Thị Hương')).toBe(true);
    expect(holderNameMatches('Nguyễn Thị Hường', 'Nguyễn Thị Hồng')).toBe(false);
    expect(holderNameMatches('Nguyễn Văn A', 'Nguyễn Văn An')).toBe(false);
    expect(holderNameMatches('', '')).toBe(false);
  });
});

describe('account numbers', () => {
  const agribank = {
    code: 'AGRIBANK',
    name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank)',
    lengthMin: 13,
    lengthMax: 13,
  };
  const bidv = {
    code: 'BIDV',
    name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)',
    lengthMin: 6,
    lengthMax: 19,
  };

  it('digits within the bank length are accepted; any other length is refused with the rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(agribank, bidv),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }),
        (bank, number) => {
          const issue = accountNumberIssue(number, bank);
          const fits = number.length >= bank.lengthMin && number.length <= bank.lengthMax;
          return fits ? issue === null : issue !== null && issue.includes(`(đang có ${number.length})`);
        },
      ),
    );
    expect(accountNumberIssue('123456789012', agribank)).toBe(
      'Số tài khoản Agribank phải có đúng 13 chữ số (đang có 12).',
    );
    expect(accountNumberIssue('12345', bidv)).toBe('Số tài khoản BIDV phải có từ 6 đến 19 chữ số (đang có 5).');
  });

  it('anything but digits is refused; separators people type are cleaned first', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /\D/.test(s)),
        (s) => accountNumberIssue(s, bidv) !== null,
      ),
    );
    expect(cleanAccountNumber('0123 4567.8901-2')).toBe('0123456789012');
    expect(accountNumberIssue(cleanAccountNumber('0123 4567.8901-2'), agribank)).toBeNull();
  });
});

describe('authorization terms', () => {
  const isoDate = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('the default term is one year: the day after the end is the same day a year later (01/03 after 29/02)', () => {
    fc.assert(
      fc.property(isoDate, (from) => {
        const next = addDays(defaultValidTo(from), 1);
        const [y, m, d] = from.split('-');
        const want = m === '02' && d === '29' ? `${Number(y) + 1}-03-01` : `${Number(y) + 1}-${m}-${d}`;
        return next === want;
      }),
    );
    expect(defaultValidTo('2026-12-01')).toBe('2027-11-30');
    expect(defaultValidTo('2026-03-01')).toBe('2027-02-28');
    expect(defaultValidTo('2024-02-29')).toBe('2025-02-28');
    expect(defaultValidTo('2026-01-01')).toBe('2026-12-31');
  });

  it('states: valid, expiring within 30 days, expired, not yet, revoked, giver deceased', () => {
    const a = { validFrom: '2026-01-01', validTo: '2026-12-31', revokedDate: null, giverDeathDate: null };
    expect(authorizationState(a, '2026-11-30')).toBe('valid');
    expect(authorizationState(a, '2026-12-01')).toBe('expiring');
    expect(authorizationState(a, '2026-12-31')).toBe('expiring');
    expect(authorizationState(a, '2027-01-01')).toBe('expired');
    expect(authorizationState(a, '2025-12-31')).toBe('future');
    expect(authorizationState({ ...a, revokedDate: '2026-06-01' }, '2026-06-01')).toBe('revoked');
    expect(authorizationState({ ...a, giverDeathDate: '2026-05-02' }, '2026-06-01')).toBe('giver_deceased');
  });

  it('overlap is symmetric and inclusive of both ends', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, isoDate, (a, b, c, d) => {
        const x = { from: a < b ? a : b, to: a < b ? b : a };
        const y = { from: c < d ? c : d, to: c < d ? d : c };
        return termsOverlap(x, y) === termsOverlap(y, x);
      }),
    );
    expect(termsOverlap({ from: '2026-01-01', to: '2026-12-31' }, { from: '2026-12-31', to: '2027-12-30' })).toBe(true);
    expect(termsOverlap({ from: '2026-01-01', to: '2026-12-31' }, { from: '2027-01-01', to: '2027-12-31' })).toBe(
      false,
    );
  });
});

describe('payoutBlockReason (issue 14: an authorized account needs a certified authorization in force that month)', () => {
  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
  const month = fc
    .integer({ min: 0, max: 35 })
    .map((n) => `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
  const facts = fc.record({
    closed_date: fc.option(day),
    valid_from: day,
    length: fc.integer({ min: 0, max: 800 }),
    revoked_date: fc.option(day),
    certified_date: fc.option(day),
    giver_death_date: fc.option(day),
  });
  it('pays the account exactly when in force, certified by the month end, not revoked, closed or with the giver dead', () => {
    fc.assert(
      fc.property(facts, month, (f, m) => {
        const row = { method: 'AUTHORIZED_ACCOUNT' as const, ...f, valid_to: addDays(f.valid_from, f.length) };
        const first = `${m}-01`;
        const [y, mo] = m.split('-').map(Number) as [number, number];
        const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
        const lastDay = addDays(next, -1);
        const payable =
          (!row.closed_date || row.closed_date > lastDay) &&
          (!row.giver_death_date || row.giver_death_date > lastDay) &&
          (!row.revoked_date || row.revoked_date > lastDay) &&
          row.valid_to >= first &&
          row.valid_from <= lastDay &&
          row.certified_date !== null &&
          row.certified_date <= lastDay;
        const reason = payoutBlockReason(row, m);
        expect(reason === null).toBe(payable);
        if (
          payable === false &&
          row.certified_date === null &&
          reason !== null &&
          !/đóng|chết|hủy|hết hạn|chưa có hiệu lực/.test(reason)
        ) {
          expect(reason).toBe(UNCERTIFIED_REASON);
        }
      }),
    );
  });
  it('never blocks cash or the post office', () => {
    fc.assert(
      fc.property(facts, month, fc.constantFrom('CASH_WARD' as const, 'POST_OFFICE' as const), (f, m, method) => {
        expect(payoutBlockReason({ method, ...f, valid_to: addDays(f.valid_from, f.length) }, m)).toBeNull();
      }),
    );
  });
});

describe('renewalTerm (issue 14)', () => {
  const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2024-01-01', n));
  it('starts the day after the old end, or this month when that is past; one year, or the stated end', () => {
    fc.assert(
      fc.property(day, day, fc.option(day), (oldEnd, today, stated) => {
        const t = renewalTerm(oldEnd, today, stated);
        const monthStart = `${today.slice(0, 7)}-01`;
        expect(t.from).toBe(addDays(oldEnd, 1) < monthStart ? monthStart : addDays(oldEnd, 1));
        expect(t.from > oldEnd).toBe(true); // never overlaps the old term
        expect(t.to).toBe(stated ?? defaultValidTo(t.from));
      }),
    );
  });
});
