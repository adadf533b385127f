import { TextField } from '../../../components/TextField';
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
}

export const decisionFieldId = (prefix: string, field: DecisionField) => `${prefix}-decision-${field}`;

export function DecisionFields({ idPrefix, value, onChange, onBlurField, errors, monthLabel, reasonHint }: DecisionFieldsProps) {
  const field = (name: DecisionField, label: string, extra: { hint?: string; required?: boolean; className?: string } = {}) => (
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
      {monthLabel && field('effectiveMonth', monthLabel, { required: true, hint: 'Tháng/năm, ví dụ 01/2026' })}
      {field('reason', 'Lý do', { className: monthLabel ? 'span-4' : 'span-3', hint: reasonHint })}
    </div>
  );
}
