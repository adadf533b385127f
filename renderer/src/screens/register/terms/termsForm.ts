import type { EnrollInput, ReferenceData, TermView } from '@shared/api/register';
import { coefficientMonthly } from '@shared/domain/allowance';
import { formatVnd, parseVnd } from '@shared/domain/money';
import { standardFor } from '../useReference';

// What an entitlement pays, as typed: a group (and children raised, for BTXH-4) for the coefficient
// programmes, or the components on the provincial decision for NCC.

export type ComponentKind = 'main' | 'extra' | 'caregiver' | 'other';

export interface ComponentRow {
  key: number;
  kind: ComponentKind;
  label: string;
  amount: string;
}

export interface TermsForm {
  groupCode: string;
  multiplier: string;
  categoryLabel: string;
  components: ComponentRow[];
}

export const termsFieldId = (prefix: string, field: string) => `${prefix}-${field.replace(/\./g, '-')}`;

/** The one group paid per child raised (poor single parent). */
export const PER_CHILD_GROUP = 'BTXH-4';

let nextKey = 1;
export function newComponent(kind: ComponentKind = 'main', label = '', amount = ''): ComponentRow {
  return { key: nextKey++, kind, label, amount };
}

export function emptyTerms(): TermsForm {
  return {
    groupCode: '',
    multiplier: '1',
    categoryLabel: '',
    components: [newComponent('main', 'Trợ cấp hằng tháng')],
  };
}

export function termsFromView(term: TermView | undefined): TermsForm {
  if (!term) return emptyTerms();
  return {
    groupCode: term.groupCode ?? '',
    multiplier: String(term.multiplier),
    categoryLabel: term.categoryLabel,
    components: term.components.length
      ? term.components.map((c) => newComponent(c.kind as ComponentKind, c.label, formatVnd(c.amountVnd)))
      : emptyTerms().components,
  };
}

export function isRecorded(ref: ReferenceData | undefined, programme: string): boolean {
  return ref?.programmes.find((p) => p.code === programme)?.amountRule === 'recorded';
}

type TermsInput = Pick<EnrollInput, 'groupCode' | 'multiplier' | 'categoryLabel' | 'components'>;

export function toTermsInput(t: TermsForm, recorded: boolean): TermsInput {
  if (recorded) {
    return {
      categoryLabel: t.categoryLabel,
      components: t.components.map((c) => ({
        kind: c.kind,
        label: c.label,
        amountVnd: parseVnd(c.amount) ?? Number.NaN,
      })),
    };
  }
  const input: TermsInput = { groupCode: t.groupCode || undefined };
  if (t.groupCode === PER_CHILD_GROUP) input.multiplier = Number.parseInt(t.multiplier, 10) || 1;
  return input;
}

/** By issue path: 'groupCode', 'components', 'components.0.amountVnd', … */
export type TermsErrors = Partial<Record<string, string>>;

const TERMS_PATH = /^(groupCode|multiplier|categoryLabel|components(\..+)?)$/;

/** The terms field a save's issue belongs to (its path), or undefined for the rest of the form. */
export const termsFieldOf = (path: string): string | undefined => (TERMS_PATH.test(path) ? path : undefined);

export function localTermsErrors(t: TermsForm, recorded: boolean, programme: string): TermsErrors {
  const errors: TermsErrors = {};
  if (!programme) return errors;
  if (recorded) {
    if (t.components.length === 0) errors.components = 'Nhập ít nhất một khoản trợ cấp theo quyết định của Sở.';
    t.components.forEach((c, i) => {
      if (!c.label.trim()) errors[`components.${i}.label`] = 'Tên khoản: không được để trống.';
      const amount = parseVnd(c.amount);
      if (!c.amount.trim()) errors[`components.${i}.amountVnd`] = 'Số tiền: không được để trống.';
      else if (amount === null || amount < 0)
        errors[`components.${i}.amountVnd`] = 'Số tiền: nhập số đồng, ví dụ 2.789.000.';
    });
    return errors;
  }
  if (!t.groupCode) errors.groupCode = 'Chọn nhóm đối tượng.';
  if (t.groupCode === PER_CHILD_GROUP) {
    const n = Number(t.multiplier);
    if (!Number.isInteger(n) || n < 1 || n > 20) errors.multiplier = 'Số con đang nuôi: từ 1 đến 20.';
  }
  return errors;
}

export interface AmountPreview {
  /** "2,0 × 500.000 = 1.000.000 đồng/tháng" parts, or a note why it cannot be computed. */
  coefficientMilli?: number;
  standardVnd?: number;
  multiplier: number;
  amountVnd?: number;
  note?: string;
}

export function previewAmount(ref: ReferenceData | undefined, programme: string, t: TermsForm): AmountPreview {
  if (!ref || !programme) return { multiplier: 1 };
  if (isRecorded(ref, programme)) {
    const amounts = t.components.map((c) => parseVnd(c.amount));
    if (amounts.some((a) => a === null)) return { multiplier: 1, note: 'Nhập đủ số tiền các khoản để xem tổng.' };
    return { multiplier: 1, amountVnd: amounts.reduce<number>((s, a) => s + (a ?? 0), 0) };
  }
  const group = ref.groups.find((g) => g.code === t.groupCode);
  if (!group) return { multiplier: 1 };
  const multiplier = t.groupCode === PER_CHILD_GROUP ? Math.max(1, Number.parseInt(t.multiplier, 10) || 1) : 1;
  const standardVnd = standardFor(ref, programme);
  const coefficientMilli = group.coefficientMilli ?? undefined;
  if (standardVnd === undefined)
    return { multiplier, coefficientMilli, note: 'Chưa có mức chuẩn cho chế độ này trong tháng hiện tại.' };
  if (coefficientMilli === undefined) return { multiplier, standardVnd, note: 'Nhóm này chưa có hệ số đang áp dụng.' };
  return {
    multiplier,
    coefficientMilli,
    standardVnd,
    amountVnd: coefficientMonthly(standardVnd, coefficientMilli, multiplier),
  };
}
