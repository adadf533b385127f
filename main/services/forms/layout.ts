import type { Content } from 'pdfmake/interfaces';

// Small layout helpers shared by the forms: "Label: value" lines where an unknown value leaves a dotted
// space to be filled by hand, and fields side by side on one line.

export const FORM_SIZE = 12;
// An ellipsis is 1 em wide in Tinos (12 pt at 12 pt): blanks are counted in ellipses to keep lines whole.
export const DOTS = '…………………';
export const BLANK = {
  date: '…/…/……',
  id: '……………',
  place: '……………',
  name: '……………………',
  address: '……………………………………',
  phone: '………………',
  short: '………',
} as const;

export type Field = [label: string, value: string] | [label: string, value: string, dots: string];

/**
 * "Họ và tên: Nguyễn Văn Ơn"; an empty value prints dots to write on. Several fields share the line. One
 * plain string per line (a name in bold makes three runs): pdfmake measures every run, and a batch of
 * 1,000 forms has ~20,000 lines.
 */
export function fieldLine(...fields: Field[]): Content {
  const part = ([label, value, dots]: Field) => `${label}: ${value || (dots ?? DOTS)}`;
  const [first, ...rest] = fields;
  const restText = rest.length ? `   ${rest.map(part).join('   ')}` : '';
  if (first && first[0] === 'Họ và tên' && first[1]) {
    return { text: [`${first[0]}: `, { text: first[1], bold: true }, restText], margin: [0, 0, 0, 1] } as Content;
  }
  return { text: fields.map(part).join('   '), margin: [0, 0, 0, 1] } as Content;
}

/** A section heading inside a form: bold, with a little space above. */
export function formSection(text: string): Content {
  return { text, bold: true, margin: [0, 5, 0, 2] };
}
