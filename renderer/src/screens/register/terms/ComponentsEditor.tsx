import { useEffect, useRef } from 'react';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { COMPONENT_KIND_LABELS } from '../labels';
import { newComponent, termsFieldId, type ComponentKind, type ComponentRow, type TermsErrors } from './termsForm';

// NCC: the amounts on the provincial decision, one row per component (label + amount), add/remove.

const MAX_ROWS = 10;

interface ComponentsEditorProps {
  idPrefix: string;
  rows: ComponentRow[];
  errors: TermsErrors;
  onChange: (rows: ComponentRow[], field: string) => void;
}

export function ComponentsEditor({ idPrefix, rows, errors, onChange }: ComponentsEditorProps) {
  const focusNext = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = undefined;
  }, [rows.length]);

  const edit = (index: number, patch: Partial<ComponentRow>, field: string) =>
    onChange(
      rows.map((r, i) => (i === index ? { ...r, ...patch } : r)),
      `components.${index}.${field}`,
    );
  const addId = `${idPrefix}-components-add`;
  const add = () => {
    focusNext.current = termsFieldId(idPrefix, `components.${rows.length}.label`);
    onChange([...rows, newComponent(rows.length ? 'extra' : 'main')], 'components');
  };
  const remove = (index: number) => {
    focusNext.current = addId;
    onChange(
      rows.filter((_r, i) => i !== index),
      'components',
    );
  };

  return (
    <fieldset className="components-editor">
      <legend>
        Các khoản trợ cấp theo quyết định <span className="required-mark">*</span>
      </legend>
      {errors.components && <p className="field-error">{errors.components}</p>}
      <ol className="component-list">
        {rows.map((row, index) => (
          <li key={row.key} className="component-row">
            <SelectField
              id={termsFieldId(idPrefix, `components.${index}.kind`)}
              label={`Loại khoản, dòng ${index + 1}`}
              hideLabel
              value={row.kind}
              options={(Object.keys(COMPONENT_KIND_LABELS) as ComponentKind[]).map((k) => ({
                value: k,
                label: COMPONENT_KIND_LABELS[k],
              }))}
              onChange={(v) => edit(index, { kind: v as ComponentKind }, 'kind')}
            />
            <TextField
              id={termsFieldId(idPrefix, `components.${index}.label`)}
              label={`Tên khoản, dòng ${index + 1}`}
              hideLabel
              placeholder="Tên khoản"
              value={row.label}
              onChange={(v) => edit(index, { label: v }, 'label')}
              error={errors[`components.${index}.label`]}
            />
            <TextField
              id={termsFieldId(idPrefix, `components.${index}.amountVnd`)}
              label={`Số tiền (đồng/tháng), dòng ${index + 1}`}
              hideLabel
              placeholder="Số tiền, đồng/tháng"
              inputMode="numeric"
              value={row.amount}
              onChange={(v) => edit(index, { amount: v }, 'amountVnd')}
              error={errors[`components.${index}.amountVnd`]}
            />
            <button type="button" className="btn btn-danger" onClick={() => remove(index)}>
              Xoá<span className="sr-only"> khoản dòng {index + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" id={addId} className="btn btn-secondary" onClick={add} disabled={rows.length >= MAX_ROWS}>
        + Thêm khoản
      </button>
    </fieldset>
  );
}
