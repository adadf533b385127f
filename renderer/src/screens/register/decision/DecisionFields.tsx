import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { MonthField } from '../../../components/MonthField';
import type { DecisionField, DecisionForm } from './decisionForm';

// Số QĐ, Ngày ký, Người ký, (Hiệu lực từ tháng), Lý do: the part every decision form shares.

interface DecisionFieldsProps {
  idPrefix: string;
  value: DecisionForm;
  onChange: (next: DecisionForm, field: DecisionField) => void;
  onBlurField: (field: DecisionField) => void;
  errors: Partial<Record<DecisionField, string>>;
  /** Label of the month field; no month field when absent (death, moving away). */
  monthLabel?: string;
  reasonHint?: string;
  /**
   * Decisions that start or change what is paid (grant, adjustment): the officer's reason where the law
   * leaves eligibility to them, and for the social pension the poor / near-poor household with its list year.
   */
  eligibility?: { household: boolean };
}

const HOUSEHOLD_OPTIONS = [
  { value: 'poor', label: 'Hộ nghèo' },
  { value: 'near_poor', label: 'Hộ cận nghèo' },
];

export const decisionFieldId = (prefix: string, field: DecisionField) => `${prefix}-decision-${field}`;

export function DecisionFields({
  idPrefix,
  value,
  onChange,
  onBlurField,
  errors,
  monthLabel,
  reasonHint,
  eligibility,
}: DecisionFieldsProps) {
  const field = (
    name: DecisionField,
    label: string,
    extra: { hint?: string; required?: boolean; className?: string } = {},
  ) => (
    <TextField
      id={decisionFieldId(idPrefix, name)}
      label={label}
      value={value[name]}
      onChange={(v) => onChange({ ...value, [name]: v }, name)}
      onBlur={() => onBlurField(name)}
      error={errors[name]}
      {...extra}
    />
  );
  return (
    <div className={monthLabel ? 'decision-fields' : 'decision-fields decision-fields-3'}>
      {field('number', 'Số quyết định', { required: true, hint: 'Ví dụ: 125/QĐ-UBND' })}
      {field('signedDate', 'Ngày ký', { required: true, hint: 'Ngày/tháng/năm' })}
      {field('signer', 'Người ký', { hint: 'Chủ tịch UBND phường' })}
      {monthLabel && (
        <MonthField
          id={decisionFieldId(idPrefix, 'effectiveMonth')}
          label={monthLabel}
          required
          hint="Tháng/năm, ví dụ 01/2026"
          value={value.effectiveMonth}
          onChange={(v) => onChange({ ...value, effectiveMonth: v }, 'effectiveMonth')}
          onBlur={() => onBlurField('effectiveMonth')}
          error={errors.effectiveMonth}
        />
      )}
      {field('reason', 'Lý do', { className: monthLabel ? 'span-4' : 'span-3', hint: reasonHint })}
      {eligibility?.household && (
        <>
          <SelectField
            id={decisionFieldId(idPrefix, 'household')}
            label="Hộ nghèo/cận nghèo"
            value={value.household}
            emptyLabel="Không thuộc hộ nghèo, cận nghèo"
            options={HOUSEHOLD_OPTIONS}
            onChange={(v) => onChange({ ...value, household: v as DecisionForm['household'] }, 'household')}
            hint="Từ đủ 70 đến dưới 75 tuổi chỉ hưởng khi thuộc hộ nghèo, cận nghèo"
            error={errors.household}
          />
          {value.household &&
            field('householdListYear', 'Năm của danh sách', {
              required: true,
              hint: 'Năm phê duyệt danh sách, ví dụ 2026',
            })}
        </>
      )}
      {eligibility &&
        field('eligibilityReason', 'Căn cứ xác định đủ điều kiện', {
          className: monthLabel ? 'span-4' : 'span-3',
          hint: eligibility.household
            ? 'Bắt buộc với trợ cấp hưu trí xã hội: ghi căn cứ đã xác minh người này không hưởng lương hưu, trợ cấp BHXH hằng tháng trên mức trợ cấp (ví dụ xác nhận của BHXH)'
            : 'Bắt buộc khi hồ sơ chưa đủ để kiểm tra điều kiện (ví dụ chưa có ngày sinh): ghi giấy tờ cán bộ đã đối chiếu',
        })}
    </div>
  );
}
