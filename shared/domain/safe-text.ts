// What the register refuses in stored text (names, addresses, notes, decision numbers…), typed or
// imported (issue 12):
//   - control characters and NUL (C0, DEL, C1), except tab, line feed and carriage return, which are
//     whitespace that normalisation turns into one space;
//   - bidi controls (U+202A–202E embeddings/overrides, U+2066–2069 isolates, U+200E/200F marks, U+061C):
//     they make a name or a number read differently on screen from what is stored and exported;
//   - zero-width and other invisible format characters (U+200B–200D, U+2060–2064, U+FEFF, U+00AD…: every
//     Unicode "format" character), which make two names that look the same compare as different;
//   - lone surrogates and private-use characters (no meaning a ward could type or print);
//   - a leading formula character (= + - @) once the text is normalised (leading tab/CR are trimmed by
//     normalisation, so the first character is visible): a spreadsheet opening an export as CSV, or a
//     user editing the cell, would run it as a formula. A note such as "- đã đối chiếu" is refused with
//     a message saying so; exports write text cells, never formulas, as a second line of defence.
// Pure: used by the contract's field schemas (shared/api/fields.ts) and by the import's row checks.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// Every format character (\p{Cf}: zero-width space/joiners, word joiner, BOM, soft hyphen, invisible
// operators…) once the bidi controls above are told apart; surrogates and private use.
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Co}]/u;
export const FORMULA_START = /^[=+\-@]/;

export type UnsafeTextKind = 'control' | 'bidi' | 'invisible' | 'formula';

export const UNSAFE_TEXT_MESSAGES: Record<UnsafeTextKind, string> = {
  control: 'có ký tự điều khiển (không in được) — hãy gõ lại, đừng dán từ nơi khác.',
  bidi: 'có ký tự đảo chiều văn bản (ẩn) làm chữ hiển thị khác với chữ được lưu — hãy gõ lại.',
  invisible: 'có ký tự vô hình (khoảng trắng độ rộng 0 hoặc ký tự định dạng) — hãy gõ lại, đừng dán từ nơi khác.',
  formula:
    'không được bắt đầu bằng dấu = + - @ (bảng tính sẽ hiểu là công thức) — hãy bỏ dấu đó hoặc thêm chữ phía trước.',
};

/** Which rule `raw` (as typed or read, before normalisation) breaks, if any. */
export function unsafeCharacters(raw: string): Exclude<UnsafeTextKind, 'formula'> | null {
  if (CONTROL.test(raw)) return 'control';
  if (BIDI.test(raw)) return 'bidi';
  if (INVISIBLE.test(raw)) return 'invisible';
  return null;
}

/**
 * The first rule broken by a stored text field: characters checked on the raw value, the leading
 * formula character on the normalised value (what would be stored). `allowFormulaStart` is for fields
 * whose own format starts with one (a phone number "+84…", checked by its own pattern).
 */
export function unsafeTextKind(
  raw: string,
  normalized: string,
  options: { allowFormulaStart?: boolean } = {},
): UnsafeTextKind | null {
  const chars = unsafeCharacters(raw);
  if (chars) return chars;
  if (!options.allowFormulaStart && FORMULA_START.test(normalized)) return 'formula';
  return null;
}

/** The Vietnamese message for a field: "Họ và tên: có ký tự vô hình …". */
export function unsafeTextMessage(label: string, kind: UnsafeTextKind): string {
  return `${label}: ${UNSAFE_TEXT_MESSAGES[kind]}`;
}
