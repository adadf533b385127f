import { z } from 'zod';
import './zod-vi';
import { command, query, type Access } from './channel';
import { dateField, idField, requiredText, text } from './fields';

// What the Sở Nội vụ decides on the death of a người có công (issue 16): the funeral allowance (trợ cấp
// mai táng) and the one-time allowance to the relatives (trợ cấp một lần), each paid once to the person the
// decision names. The amounts are the decision's, typed in from it: the app computes none of them. Each is
// a one-off item of the NCC programme, paid by the next NCC payroll in cash to the named person, and shown
// in the person's money history with its decision.

export const NCC_BENEFIT_KINDS = ['funeral', 'lump_sum'] as const;
export type NccBenefitKind = (typeof NCC_BENEFIT_KINDS)[number];
export const NCC_BENEFIT_LABELS: Record<NccBenefitKind, string> = {
  funeral: 'Trợ cấp mai táng',
  lump_sum: 'Trợ cấp một lần',
};

/** The officer who keeps the register records them; the accountant and approver read them. */
export const NCC_BENEFIT_RECORDERS: Access = ['officer'];
export const NCC_BENEFIT_READERS: Access = ['officer', 'accountant', 'approver'];

/** A bound well above any decided amount, so a slip of the keyboard (an extra 0) is caught. */
export const MAX_NCC_BENEFIT_VND = 500_000_000;

const amountField = z
  .number({ error: 'Số tiền: nhập số đồng, ví dụ 18.000.000.' })
  .int({ error: 'Số tiền: số đồng nguyên.' })
  .positive({ error: 'Số tiền phải lớn hơn 0.' })
  .max(MAX_NCC_BENEFIT_VND, { error: 'Số tiền quá lớn: kiểm tra lại quyết định.' });

export const recordNccBenefitsSchema = z
  .object({
    personId: idField,
    decision: z
      .object({
        number: requiredText('Số quyết định', 60),
        signedDate: dateField('Ngày ký'),
        issuer: requiredText('Cơ quan ban hành', 120),
      })
      .strict(),
    items: z
      .array(
        z
          .object({
            kind: z.enum(NCC_BENEFIT_KINDS, { error: 'Chọn loại trợ cấp.' }),
            amountVnd: amountField,
            payeeName: requiredText('Người nhận', 120),
            relationship: text('Quan hệ với người có công', 60),
          })
          .strict(),
      )
      .min(1, { error: 'Nhập ít nhất một khoản trợ cấp.' })
      .max(2, { error: 'Một quyết định có tối đa hai khoản: mai táng và một lần.' }),
  })
  .strict();
export type RecordNccBenefitsInput = z.input<typeof recordNccBenefitsSchema>;

export interface NccBenefitView {
  id: number;
  kind: NccBenefitKind;
  amountVnd: number;
  payeeName: string;
  relationship: string;
  decisionNumber: string;
  decisionDate: string | null;
  issuer: string;
  dueMonth: string;
  /** Paid by an approved payroll (its month), or still to pay. */
  paidMonth: string | null;
}

export const nccBenefitChannels = {
  /** The decided allowances recorded for a person (newest first). */
  'nccBenefits.list': query<NccBenefitView[]>()(z.object({ personId: idField }).strict(), NCC_BENEFIT_READERS),
  /** Records the Sở's decision: one or two one-off items paid to the named person. */
  'nccBenefits.record': command<NccBenefitView[]>()(recordNccBenefitsSchema, NCC_BENEFIT_RECORDERS),
} as const;
