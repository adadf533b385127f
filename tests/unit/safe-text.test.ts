import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unsafeCharacters, unsafeTextKind, type UnsafeTextKind } from '@shared/domain/safe-text';
import { requiredText, text } from '@shared/api/fields';
import { personSchema } from '@shared/api/register';
import { officeSettingsSchema } from '@shared/api/settings';

// The stored-text rule (issue 12): control, bidi and invisible characters and a leading formula
// character are refused with a Vietnamese message naming the field; ordinary Vietnamese text passes.

const VI = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 ,./()';
const TONED = ['á', 'à', 'ả', 'ã', 'ạ', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ', 'ướ', 'ừ', 'ỳ', 'Ỹ', 'Ễ', 'Đặng'];
const viChar = fc.oneof(fc.constantFrom(...VI), fc.constantFrom(...TONED));
const viText = fc.array(viChar, { minLength: 1, maxLength: 40 }).map((cs) => cs.join(''));

const CONTROL = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((c) => ![9, 10, 13].includes(c)),
  0x7f,
  0x80,
  0x85,
  0x9f,
].map((c) => String.fromCharCode(c));
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u2060',
  '\u2061',
  '\u2064',
  '\u00ad',
  '\u180e',
  '\ud800',
  '\ue000',
];
const FORMULA = ['=', '+', '-', '@'];

/** `inner` inserted at a random place of a Vietnamese text. */
const withInserted = (chars: string[]) =>
  fc.tuple(viText, fc.constantFrom(...chars), fc.nat()).map(([t, ch, at]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + ch + t.slice(i);
  });

const kindOf = (raw: string): UnsafeTextKind | null =>
  unsafeTextKind(raw, raw.normalize('NFC').replace(/\s+/g, ' ').trim());

describe('unsafe text classes', () => {
  it('ordinary Vietnamese text (not starting with a formula character) passes', () => {
    fc.assert(
      fc.property(
        viText.filter((t) => !/^\s*[=+\-@]/.test(t)),
        (t) => kindOf(t) === null,
      ),
    );
    expect(kindOf('Nguyễn Văn Ơn')).toBeNull();
    expect(kindOf('Số 12/QĐ-UBND')).toBeNull();
    expect(kindOf('Ghi chú: a - b = c')).toBeNull(); // only the first character counts
    expect(kindOf('dòng một\r\ndòng hai\tcột')).toBeNull(); // tab and newlines are whitespace
  });

  it('refuses each control character, anywhere', () => {
    fc.assert(fc.property(withInserted(CONTROL), (t) => kindOf(t) === 'control'));
    expect(kindOf('Nguyễn\u0000Văn')).toBe('control');
  });

  it('refuses bidi overrides, isolates and marks, anywhere', () => {
    fc.assert(fc.property(withInserted(BIDI), (t) => kindOf(t) === 'bidi'));
  });

  it('refuses zero-width and other invisible characters, anywhere', () => {
    fc.assert(fc.property(withInserted(INVISIBLE), (t) => kindOf(t) === 'invisible'));
  });

  it('refuses a leading formula character, also behind leading whitespace, tab or CR', () => {
    const lead = fc.constantFrom('', ' ', '\t', '\r', '\r\n', '  \t');
    fc.assert(fc.property(lead, fc.constantFrom(...FORMULA), viText, (ws, f, t) => kindOf(ws + f + t) === 'formula'));
    expect(unsafeTextKind('+84 912 345 678', '+84 912 345 678', { allowFormulaStart: true })).toBeNull();
    // Characters are checked before the formula rule, even where a formula start is allowed.
    expect(unsafeTextKind('+84\u200b912', '+84\u200b912', { allowFormulaStart: true })).toBe('invisible');
  });

  it('classifies any string the same way whether or not it is wrapped in ordinary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), viText, (s, t) => {
        const bad = unsafeCharacters(s);
        return bad === null || unsafeCharacters(`a${t}${s}${t}`) !== null;
      }),
    );
  });
});

describe('the contract fields apply it with a message naming the field', () => {
  it('text and requiredText', () => {
    expect(text('Ghi chú').safeParse('=HYPERLINK("http://x")')).toMatchObject({
      success: false,
      error: { issues: [{ message: expect.stringMatching(/^Ghi chú: không được bắt đầu bằng dấu = \+ - @/) }] },
    });
    expect(requiredText('Họ và tên').safeParse('Nguyễn\u200bVăn A')).toMatchObject({
      success: false,
      error: { issues: [{ message: expect.stringMatching(/^Họ và tên: có ký tự vô hình/) }] },
    });
    expect(text('Địa chỉ').safeParse('Số 5\u202eABC')).toMatchObject({
      success: false,
      error: { issues: [{ message: expect.stringMatching(/^Địa chỉ: có ký tự đảo chiều/) }] },
    });
    expect(text('Số quyết định').safeParse('12\u0000')).toMatchObject({
      success: false,
      error: { issues: [{ message: expect.stringMatching(/^Số quyết định: có ký tự điều khiển/) }] },
    });
    expect(text('Ghi chú').parse('  Nguyễn   Văn\tA ')).toBe('Nguyễn Văn A');
  });

  it('every text of a person, the phone excepted for its leading +', () => {
    const person = {
      fullName: 'Nguyễn Văn A',
      birthDate: '1950',
      gender: 'male',
      citizenId: '',
      legacyId: '',
      idIssueDate: '',
      idIssuePlace: '',
      address: '',
      neighbourhood: '',
      phone: '+84 912 345 678',
      note: '',
    };
    expect(personSchema.safeParse(person).success).toBe(true);
    for (const field of ['fullName', 'address', 'neighbourhood', 'note', 'idIssuePlace']) {
      const r = personSchema.safeParse({ ...person, [field]: '@SUM(A1)' });
      expect(r.success, field).toBe(false);
    }
    expect(personSchema.safeParse({ ...person, fullName: 'Nguyễn\u2066Văn' }).success).toBe(false);
    expect(
      officeSettingsSchema.safeParse({
        unitName: '-UBND',
        parentBody: '',
        placeName: 'X',
        province: 'X',
        chairmanName: '',
        officerName: '',
        reportRecipients: [],
      }).success,
    ).toBe(false);
  });
});
