import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { parseChipQr } from '@shared/domain/citizen-id';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { looksLikeQr, withChipQr, type PersonField, type PersonForm } from './personForm';

// All of a person's fields. The ID field also takes the chip card's QR string, as a USB scanner types it
// (ending with Enter): it is read into name, birth date, gender, address, ID and issue date, and that
// Enter never submits the form.

interface PersonFieldsetProps {
  idPrefix: string;
  form: PersonForm;
  onChange: (next: PersonForm, changed: PersonField[]) => void;
  /** Message per field (local format, server, live check), already merged. */
  errors: Partial<Record<PersonField, string>>;
  warnings: Partial<Record<PersonField, string[]>>;
  neighbourhoods: readonly string[];
  /** Announces what the QR filled in (or why it could not). */
  onQrRead: (message: string, ok: boolean) => void;
  onBlurField: (field: PersonField) => void;
}

export const personFieldId = (prefix: string, field: PersonField) => `${prefix}-${field}`;

const QR_FIELDS: PersonField[] = ['fullName', 'birthDate', 'gender', 'citizenId', 'legacyId', 'address', 'idIssueDate'];

export function PersonFieldset({
  idPrefix,
  form,
  onChange,
  errors,
  warnings,
  neighbourhoods,
  onQrRead,
  onBlurField,
}: PersonFieldsetProps) {
  const [qrError, setQrError] = useState<string | undefined>();
  const id = (field: PersonField) => personFieldId(idPrefix, field);
  const set = (field: PersonField) => (value: string) => {
    if (field === 'citizenId') setQrError(undefined);
    onChange({ ...form, [field]: value }, [field]);
  };

  const readQr = (text: string): boolean => {
    const qr = parseChipQr(text);
    if (!qr) {
      const message = 'Không đọc được mã QR trên thẻ căn cước. Hãy quét lại, hoặc gõ số định danh 12 số.';
      setQrError(message);
      onQrRead(message, false);
      return false;
    }
    setQrError(undefined);
    onChange(withChipQr(form, qr), QR_FIELDS);
    onQrRead(
      `Đã đọc mã QR trên thẻ căn cước: ${qr.fullName}, số định danh ${qr.citizenId}. Kiểm tra lại các ô đã điền.`,
      true,
    );
    return true;
  };

  const onIdKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || !looksLikeQr(event.currentTarget.value)) return;
    event.preventDefault();
    readQr(event.currentTarget.value);
  };

  const onIdPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!looksLikeQr(text)) return;
    event.preventDefault();
    readQr(text);
  };

  const onIdBlur = () => {
    if (looksLikeQr(form.citizenId)) readQr(form.citizenId);
    onBlurField('citizenId');
  };

  const text = (
    field: PersonField,
    label: string,
    extra: { hint?: string; required?: boolean; className?: string; inputMode?: 'numeric' | 'tel'; list?: string } = {},
  ) => (
    <TextField
      id={id(field)}
      label={label}
      value={form[field]}
      onChange={set(field)}
      onBlur={() => onBlurField(field)}
      error={errors[field]}
      warnings={warnings[field]}
      {...extra}
    />
  );

  const listId = `${idPrefix}-neighbourhoods`;
  return (
    <div className="person-fields">
      {text('fullName', 'Họ và tên', {
        required: true,
        className: 'span-2',
        hint: 'Viết đủ dấu, ví dụ: Đặng Thị Hường',
      })}
      {text('birthDate', 'Ngày sinh', { hint: 'Ngày/tháng/năm hoặc năm' })}
      <SelectField
        id={id('gender')}
        label="Giới tính"
        value={form.gender}
        emptyLabel="— Chọn —"
        options={[
          { value: 'male', label: 'Nam' },
          { value: 'female', label: 'Nữ' },
        ]}
        onChange={set('gender')}
        error={errors.gender}
        warnings={warnings.gender}
        hint="Nam hoặc Nữ"
      />
      <TextField
        id={id('citizenId')}
        label="Số định danh cá nhân"
        hint="12 số, hoặc quét mã QR trên thẻ căn cước"
        value={form.citizenId}
        onChange={set('citizenId')}
        onKeyDown={onIdKeyDown}
        onPaste={onIdPaste}
        onBlur={onIdBlur}
        error={qrError ?? errors.citizenId}
        warnings={looksLikeQr(form.citizenId) ? undefined : warnings.citizenId}
        className="span-2"
      />
      {text('legacyId', 'Số CMND cũ', { hint: '9 số, nếu có', inputMode: 'numeric' })}
      {text('idIssueDate', 'Ngày cấp', { hint: 'Ngày/tháng/năm' })}
      {text('idIssuePlace', 'Nơi cấp', { className: 'span-2', hint: 'Ví dụ: Cục Cảnh sát QLHC về TTXH' })}
      {text('neighbourhood', 'Khu phố/Tổ dân phố', { list: listId, hint: 'Chọn hoặc gõ tên mới' })}
      {text('phone', 'Số điện thoại', { inputMode: 'tel', hint: 'Chỉ gồm chữ số' })}
      {text('address', 'Địa chỉ', { className: 'span-2' })}
      {text('note', 'Ghi chú', { className: 'span-4' })}
      <datalist id={listId}>
        {neighbourhoods.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}
