// Text helpers for Vietnamese names: normalisation, diacritic-free search keys, and sort keys that
// reproduce Intl.Collator('vi') so SQLite can ORDER BY a stored key (BINARY) and match the UI's order.

/** NFC, trimmed, inner whitespace runs collapsed: what we store for any typed or imported text. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Diacritic-free, lower-case search key ("Nguyễn Văn Ơn" → "nguyen van on").
 * NFD first so NFC and NFD input fold alike; đ/Đ have no decomposition, hence the explicit swap.
 * Lower-casing happens before the mark strip and is followed by a second NFD because lower-casing
 * can itself produce combining marks (İ → i + U+0307).
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const viCollator = new Intl.Collator('vi');

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

// ---------------------------------------------------------------------------------------------
// collationKey: a binary-sortable image of ICU's 'vi' collation (CLDR root + the vi tailoring
// "&̀<<̉<<̃<<́<<̣ &a<ă<<<Ă<â<<<Â &d<đ<<<Đ &e<ê<<<Ê &o<ô<<<Ô<ơ<<<Ơ &u<ư<<<Ư", strength tertiary,
// alternate=non-ignorable, normalisation on). Layout: primaries ␂ secondaries ␂ tertiaries.
// Every weight character is in U+0020..U+D7FF or U+E000..U+FFFF, where UTF-16 code-unit order,
// code-point order and UTF-8 byte order agree, so JS `<` and SQLite BINARY sort the same way.
// Exact (property-tested against Node's ICU) for ASCII, Vietnamese letters in NFC or NFD, Unicode
// spaces, ignorable controls and combining marks U+0300–U+036F. Other letters and symbols (ø, ß,
// æ, ×, Greek, CJK, emoji) fall back to code-point order after z: an approximation, fine for the
// odd foreign name. One ICU quirk cannot be matched: an o with both horn and circumflex sorts
// differently in ICU depending on how it is precomposed; the key reads it like ICU reads its NFD.
// ---------------------------------------------------------------------------------------------

/** Between the fields of nameSortKey; lower than every character a collationKey can contain. */
const FIELD_SEP = '\u0001';
/** Ends the primary and the secondary level: "shorter is smaller" within a level, as in ICU. */
const LEVEL_SEP = '\u0002';
const WEIGHT_BASE = 0x20;
const weight = (rank: number): string => String.fromCharCode(WEIGHT_BASE + rank);

// ICU root order of the ASCII (and a few Unicode line-break) characters that sort before digits,
// checked against Node's ICU: controls that are whitespace, space, then punctuation and symbols.
const VARIABLE_ORDER = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u0085',
  '\u2028',
  '\u2029',
  ' ',
  ...'_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$',
];
const LETTER_ORDER = [...'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz'];
const PRIMARY = new Map<string, string>(
  [...VARIABLE_ORDER, ...'0123456789', ...LETTER_ORDER].map((ch, i) => [ch, weight(i)]),
);
const SPACE_PRIMARY = weight(VARIABLE_ORDER.indexOf(' '));

// Other Unicode spaces share the space's primary; ICU tells them apart only at the tertiary level,
// by decomposition type: <wide> < <compat> < <noBreak> (all above the plain space).
const SPACE_VARIANT_TERTIARY = new Map<string, number>([
  ['\u3000', 3],
  ...[...'\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f'].map((ch): [string, number] => [
    ch,
    4,
  ]),
  ['\u00a0', 5],
  ['\u2007', 5],
  ['\u202f', 5],
]);
const TERTIARY_LOWER = weight(0); // also uncased characters
const TERTIARY_SMALL_LETTER_MARK = weight(1);
const TERTIARY_UPPER = weight(2);

// U+0363–036F (combining small a, e, i, o, u, c, d, h, m, r, t, v, x) are letters to ICU: the
// letter's primary and secondary, a tertiary between lower and upper case.
const LETTER_LIKE_MARKS = new Map<string, string>(
  [...'aeioucdhmrtvx'].map((letter, i): [string, string] => [String.fromCharCode(0x363 + i), letter]),
);

// Secondary order of the combining marks U+0300–U+036F (tones first thanks to the vi tailoring:
// grave < hook < tilde < acute < dot below), measured with ICU on "x"+mark. Marks in one string are
// equal at the secondary level. U+0340/0341/0343/0344 are missing on purpose: NFD replaces them.
const MARK_GROUPS = [
  '\u0332',
  '\u0313',
  '\u0314',
  '\u0300',
  '\u0309',
  '\u0303',
  '\u0301',
  '\u0323',
  '\u0306',
  '\u0302',
  '\u030c',
  '\u030a',
  '\u0342',
  '\u0308',
  '\u030b',
  '\u0307',
  '\u0338',
  '\u0327',
  '\u0328',
  '\u0304',
  '\u030d\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351\u0352\u0357\u035b\u035d\u035e',
  '\u0316\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f\u0333\u033a\u033b\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359\u035a\u035c\u035f\u0362',
  '\u0336\u0337',
  '\u0335',
  '\u0305',
  '\u030f',
  '\u0310',
  '\u0311',
  '\u031b',
  '\u0321',
  '\u0322',
  '\u0324',
  '\u0325',
  '\u0326',
  '\u032d',
  '\u032e',
  '\u0330',
  '\u0331',
  '\u0334',
  '\u0339',
  '\u0345',
  '\u0358',
  '\u0360',
  '\u0361',
];
const SECONDARY_COMMON = weight(0);
const SECONDARY = new Map<string, string>();
MARK_GROUPS.forEach((group, i) => {
  for (const mark of group) SECONDARY.set(mark, weight(i + 1));
});
// Marks outside U+0300–036F sort after the table by code point (approximation): a two-char weight
// behind a lead char above every single-char secondary keeps the level prefix-free.
const OTHER_MARK_LEAD = '\u07ff';

/** Base letter + mark that the vi tailoring turns into a letter of its own (a primary). */
const LETTER_MARKS: Record<string, Record<string, string>> = {
  a: { '\u0306': 'ă', '\u0302': 'â' },
  e: { '\u0302': 'ê' },
  o: { '\u0302': 'ô', '\u031b': 'ơ' },
  u: { '\u031b': 'ư' },
};

const IS_MARK = /^(?![\u0363-\u036f])\p{M}$/u;
// Controls and format characters are ignored by ICU at every level, except the whitespace controls.
const IS_IGNORABLE = /^(?![\t\n\v\f\r\u0085])[\p{Cc}\p{Cf}\u034f]$/u;

/** BMP, non-surrogate image of a code point (astral characters all collapse to U+FFFF). */
function bmpChar(ch: string): string {
  return ch.length === 1 ? ch : '\uffff';
}

/**
 * ICU forms ă, â, ơ… even when the letter-forming mark is not right after the base (ặ is NFD
 * a + dot below + breve): a mark reaches the base unless an earlier mark has the same or a zero
 * combining class (canonical "blocking"). JS has no combining-class API, but canonical reordering
 * tells: x+mark+earlier is reordered to x+earlier+mark exactly when 0 < ccc(earlier) < ccc(mark).
 */
function reachesBase(earlier: readonly string[], mark: string): boolean {
  return earlier.every((e) => `x${mark}${e}`.normalize('NFD') === `x${e}${mark}`);
}

function markWeight(mark: string): string {
  const w = SECONDARY.get(mark);
  if (w !== undefined) return w;
  return OTHER_MARK_LEAD + bmpChar(mark);
}

/**
 * Sort key whose plain code-unit order (and SQLite BINARY order) equals Intl.Collator('vi'):
 * whole-string primaries (space/punctuation < digits < a ă â b c d đ e ê … y z), then secondaries
 * (no tone < huyền < hỏi < ngã < sắc < nặng), then tertiaries (lower < upper).
 */
export function collationKey(s: string): string {
  const chars = [...s.normalize('NFD')];
  let primary = '';
  let secondary = '';
  let tertiary = '';
  let i = 0;
  while (i < chars.length) {
    const base = chars[i] as string;
    let j = i + 1;
    // A base character (or a lone leading mark) and the combining marks that follow it.
    const marks: string[] = [];
    if (IS_MARK.test(base)) {
      marks.push(base);
    }
    while (j < chars.length && IS_MARK.test(chars[j] as string)) {
      marks.push(chars[j] as string);
      j++;
    }
    if (!IS_MARK.test(base) && !IS_IGNORABLE.test(base)) {
      const lower = base.toLowerCase();
      const upper = lower !== base;
      let letter = lower;
      const forming = LETTER_MARKS[lower];
      if (forming) {
        const k = marks.findIndex((m, idx) => forming[m] !== undefined && reachesBase(marks.slice(0, idx), m));
        if (k >= 0) {
          letter = forming[marks[k] as string] as string;
          marks.splice(k, 1);
        }
      }
      const p = PRIMARY.get(letter);
      const variant = SPACE_VARIANT_TERTIARY.get(base);
      const letterLike = LETTER_LIKE_MARKS.get(base);
      if (letterLike !== undefined) {
        primary += PRIMARY.get(letterLike) as string;
        tertiary += TERTIARY_SMALL_LETTER_MARK;
      } else if (p !== undefined) {
        primary += p;
        tertiary += upper ? TERTIARY_UPPER : TERTIARY_LOWER;
      } else if (variant !== undefined) {
        primary += SPACE_PRIMARY;
        tertiary += weight(variant);
      } else {
        // Fallback: code point of the lower-case form (when that is a single non-ASCII character),
        // so the case pair shares a primary as in ICU; ≥ U+0080, hence after every table weight.
        const useLower = upper && [...lower].length === 1 && lower.charCodeAt(0) >= 0x80;
        primary += bmpChar(useLower ? lower : base);
        tertiary += useLower ? TERTIARY_UPPER : TERTIARY_LOWER;
      }
      secondary += SECONDARY_COMMON;
    }
    for (const m of marks) {
      if (!IS_IGNORABLE.test(m)) secondary += markWeight(m);
    }
    i = j;
  }
  return primary + LEVEL_SEP + secondary + LEVEL_SEP + tertiary;
}

export interface NameParts {
  family: string;
  middle: string;
  given: string;
}

/** Key for ORDER BY: given name, then family name, then middle name, as ward offices list people. */
export function nameSortKey(name: NameParts): string {
  return collationKey(name.given) + FIELD_SEP + collationKey(name.family) + FIELD_SEP + collationKey(name.middle);
}

/** Same order as nameSortKey, computed with the collator. */
export function compareNamesVi(a: NameParts, b: NameParts): number {
  return (
    viCollator.compare(a.given, b.given) ||
    viCollator.compare(a.family, b.family) ||
    viCollator.compare(a.middle, b.middle)
  );
}

export interface SplitName extends NameParts {
  full: string;
}

/**
 * "Nguyễn Thị Minh Khai" → family "Nguyễn", middle "Thị Minh", given "Khai".
 * Compound family names (Tôn Thất, Âu Dương, Nguyễn Phúc) cannot be told apart from a middle name
 * by rule, so they come out as family = first word and the rest in middle; the officer can edit
 * the parts. A single word is a given name only (family '').
 */
export function splitFullName(full: string): SplitName {
  const normalized = normalizeText(full);
  const words = normalized === '' ? [] : normalized.split(' ');
  if (words.length === 0) return { family: '', middle: '', given: '', full: '' };
  if (words.length === 1) return { family: '', middle: '', given: words[0] as string, full: normalized };
  return {
    family: words[0] as string,
    middle: words.slice(1, -1).join(' '),
    given: words[words.length - 1] as string,
    full: normalized,
  };
}
