import type { ReferenceData } from '@shared/api/register';
import { formatVnd } from '@shared/domain/money';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { formatCoefficient } from '../labels';
import { ComponentsEditor } from './ComponentsEditor';
import {
  PER_CHILD_GROUP,
  isRecorded,
  previewAmount,
  termsFieldId,
  type TermsErrors,
  type TermsForm,
} from './termsForm';

// The group (with a live "hệ số × mức chuẩn = số tiền" preview) or, for NCC, the recorded components.

interface TermsFieldsProps {
  idPrefix: string;
  reference: ReferenceData | undefined;
  programme: string;
  value: TermsForm;
  onChange: (next: TermsForm, field: string) => void;
  errors: TermsErrors;
}

export function TermsFields({ idPrefix, reference, programme, value, onChange, errors }: TermsFieldsProps) {
  if (!programme) return <p className="hint">Chọn chế độ để chọn nhóm đối tượng và xem mức hưởng.</p>;
  const recorded = isRecorded(reference, programme);
  const preview = previewAmount(reference, programme, value);
  const set = (field: keyof TermsForm) => (v: string) => onChange({ ...value, [field]: v }, field);

  if (recorded) {
    return (
      <div className="terms-fields">
        <TextField
          id={termsFieldId(idPrefix, 'categoryLabel')}
          label="Diện đối tượng"
          hint="Như ghi trên quyết định của Sở, ví dụ: Thương binh 61%"
          value={value.categoryLabel}
          onChange={set('categoryLabel')}
          error={errors.categoryLabel}
        />
        <ComponentsEditor
          idPrefix={idPrefix}
          rows={value.components}
          errors={errors}
          onChange={(rows, field) => onChange({ ...value, components: rows }, field)}
        />
        <p className="amount-preview" aria-live="polite">
          {preview.amountVnd !== undefined ? (
            <>
              Tổng: <strong>{formatVnd(preview.amountVnd)} đồng/tháng</strong>
            </>
          ) : (
            preview.note
          )}
        </p>
      </div>
    );
  }

  const groups = (reference?.groups ?? []).filter((g) => g.programme === programme);
  return (
    <div className="terms-fields">
      <SelectField
        id={termsFieldId(idPrefix, 'groupCode')}
        label="Nhóm đối tượng"
        required
        value={value.groupCode}
        emptyLabel="— Chọn nhóm —"
        options={groups.map((g) => ({
          value: g.code,
          label: `${g.code} — ${g.label}${g.coefficientMilli !== null ? ` (hệ số ${formatCoefficient(g.coefficientMilli)})` : ''}`,
        }))}
        onChange={set('groupCode')}
        error={errors.groupCode}
      />
      {value.groupCode === PER_CHILD_GROUP && (
        <TextField
          id={termsFieldId(idPrefix, 'multiplier')}
          label="Số con đang nuôi"
          hint="Hưởng hệ số 1,0 cho mỗi con"
          inputMode="numeric"
          value={value.multiplier}
          onChange={set('multiplier')}
          error={errors.multiplier}
          className="field-narrow"
        />
      )}
      <p className="amount-preview" aria-live="polite">
        <AmountLine preview={preview} />
      </p>
    </div>
  );
}

function AmountLine({ preview }: { preview: ReturnType<typeof previewAmount> }) {
  if (preview.amountVnd === undefined) return <>{preview.note ?? 'Chọn nhóm để xem mức hưởng.'}</>;
  return (
    <>
      Hệ số {formatCoefficient(preview.coefficientMilli ?? 0)}
      {preview.multiplier > 1 && <> × {preview.multiplier} con</>} × mức chuẩn {formatVnd(preview.standardVnd ?? 0)} ={' '}
      <strong>{formatVnd(preview.amountVnd)} đồng/tháng</strong>
    </>
  );
}
