import { useRef, useState, type FormEvent } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import type { PayoutView } from '@shared/api/payout';
import type { PayoutMethodCode } from '@shared/api/register';
import { formatDateVi, formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { bankShortName } from '@shared/domain/payout';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useDebouncedValue } from '../../../api/useDebouncedValue';
import { Dialog } from '../../../components/Dialog';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { MonthField } from '../../../components/MonthField';
import { issuesOf, messageOf } from '../../../errors';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { METHOD_LABELS } from '../labels';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { DialogActions } from '../../../components/DialogActions';
import {
  emptyChange,
  fieldOfPath,
  localChangeErrors,
  needsNewAccount,
  needsNewAuthorization,
  toChangeInput,
  type ChangeField,
  type ChangeForm,
} from './changeForm';
import { ReceiverPicker } from './ReceiverPicker';
import { useBanks } from './usePayout';

// Đổi hình thức nhận: method, from month, the account, or the authorization with its receiver (found in
// the register or entered new) and the receiver's account. Local rules are checked as the officer types;
// main's own check (payout.check: enrollment, approved payrolls, overlap, citizen ID, shared accounts)
// runs shortly after typing stops. A refused save keeps everything typed.

const METHODS = Object.keys(METHOD_LABELS) as PayoutMethodCode[];
const CHECK_DELAY_MS = 400;
const NO_ISSUES: { errors: FieldIssue[]; warnings: FieldIssue[] } = { errors: [], warnings: [] };
const refusedCheck = (error: unknown) => ({ errors: issuesOf(error), warnings: [] });
const ID = 'payout-change';

export function ChangeMethodDialog({
  view,
  onDone,
  onClose,
}: {
  view: PayoutView;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const banks = useBanks();
  // Local rules show on the fields already visited (or all after a save); a refused save's issues stay
  // on their fields until edited.
  const checked = useCheckedForm<ChangeForm>(
    () => emptyChange(view),
    (f) => localChangeErrors(f, view, banks ?? []),
    fieldOfPath,
  );
  const form = checked.value;
  const local = checked.localErrors;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);

  // main's check, once typing pauses: its issues show on the fields already visited (or all after a save).
  // A refused input is itself the answer (its issues); the previous answer stays until the next one.
  const asked = useDebouncedValue(
    form.method ? toChangeInput(form, view.personId) : null,
    CHECK_DELAY_MS,
    (input) => input === null,
  );
  const check = useApi('payout.check', asked ?? toChangeInput(form, view.personId), {
    enabled: !!form.method && asked !== null,
    keepPrevious: true,
    liveCheck: true,
    answerError: refusedCheck,
  });
  const live = (form.method && check.value) || NO_ISSUES;

  const errors: Partial<Record<ChangeField, string>> = { ...checked.errors };
  for (const issue of live.errors) {
    const f = fieldOfPath(issue.path);
    if (f && checked.visited(f) && !errors[f] && !local[f]) errors[f] = issue.message;
  }
  const warnings: Partial<Record<ChangeField, string[]>> = {};
  const generalWarnings: string[] = [];
  for (const w of live.warnings) {
    const f = fieldOfPath(w.path);
    if (f) (warnings[f] ??= []).push(w.message);
    else generalWarnings.push(w.message);
  }
  const unplaced = Object.keys(local).length
    ? []
    : live.errors.filter((i) => !fieldOfPath(i.path)).map((i) => i.message);

  const set = (patch: Partial<ChangeForm>) => {
    checked.change({ ...form, ...patch }, Object.keys(patch) as ChangeField[]);
    setFailure(undefined);
  };
  const blur = checked.blur;

  const text = (
    field: ChangeField,
    label: string,
    extra: { hint?: string; required?: boolean; inputMode?: 'numeric' | 'tel'; className?: string } = {},
  ) => (
    <TextField
      id={`${ID}-${field}`}
      label={label}
      value={form[field] as string}
      onChange={(v) => set({ [field]: v } as Partial<ChangeForm>)}
      onBlur={() => blur(field)}
      error={errors[field]}
      warnings={warnings[field]}
      {...extra}
    />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    checked.showAll();
    if (Object.keys(local).length > 0) {
      setFailure('Chưa lưu: kiểm tra các ô báo lỗi.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const r = await api('payout.change', toChangeInput(form, view.personId));
      const month = parseMonthVi(form.effectiveMonth) ?? '';
      onDone(
        outcomeOf(
          `Đã ghi hình thức nhận «${METHOD_LABELS[form.method as PayoutMethodCode]}» từ tháng ${month ? formatMonthVi(month) : form.effectiveMonth}.`,
          r.warnings,
        ),
      );
    } catch (error) {
      checked.takeIssues(issuesOf(error));
      setFailure(messageOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const ownAccounts = view.accounts.filter((a) => a.ownerPersonId === view.personId && !a.closedDate);
  const usableAuthorizations = view.authorizations.filter(
    (a) => a.state !== 'revoked' && a.state !== 'expired' && a.state !== 'giver_deceased',
  );
  const activeBanks = (banks ?? []).filter((b) => b.active);

  return (
    <Dialog title="Đổi hình thức nhận trợ cấp" onClose={onClose} wide>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p>
          {view.fullName}: đang áp dụng «{METHOD_LABELS[view.inForce.registered]}»
          {view.inForce.effectiveFrom ? ` từ tháng ${formatMonthVi(view.inForce.effectiveFrom)}` : ''}. Các tháng trước
          tháng áp dụng giữ nguyên hình thức cũ.
        </p>
        <div className="field-grid payout-grid-3">
          <SelectField
            id={`${ID}-method`}
            label="Hình thức nhận"
            required
            value={form.method}
            emptyLabel="— Chọn —"
            options={METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
            onChange={(v) => set({ method: v as ChangeForm['method'] })}
            error={errors.method}
          />
          <MonthField
            id={`${ID}-effectiveMonth`}
            label="Áp dụng từ tháng"
            required
            hint="Tháng/năm, ví dụ 01/2026"
            value={form.effectiveMonth}
            onChange={(v) => set({ effectiveMonth: v })}
            onBlur={() => blur('effectiveMonth')}
            error={errors.effectiveMonth}
          />
          {text('note', 'Ghi chú')}
        </div>

        {form.method === 'OWN_ACCOUNT' && (
          <fieldset className="dialog-fieldset">
            <legend>Tài khoản của người hưởng ({view.fullName})</legend>
            {ownAccounts.length > 0 && (
              <SelectField
                id={`${ID}-accountChoice`}
                label="Tài khoản"
                value={form.accountChoice}
                options={[
                  { value: 'new', label: 'Nhập tài khoản mới' },
                  ...ownAccounts.map((a) => ({
                    value: String(a.id),
                    label: `${a.bankName} · ${a.accountNumber} · ${a.holderName}`,
                  })),
                ]}
                onChange={(v) => set({ accountChoice: v })}
                error={errors.accountChoice}
              />
            )}
          </fieldset>
        )}

        {form.method === 'AUTHORIZED_ACCOUNT' && (
          <fieldset className="dialog-fieldset">
            <legend>Giấy ủy quyền</legend>
            {usableAuthorizations.length > 0 && (
              <SelectField
                id={`${ID}-authChoice`}
                label="Giấy ủy quyền"
                value={form.authChoice}
                options={[
                  { value: 'new', label: 'Lập giấy ủy quyền mới' },
                  ...usableAuthorizations.map((a) => ({
                    value: String(a.id),
                    label: `${a.receiverName} (${a.relationship}) · đến ${formatDateVi(a.validTo)}`,
                  })),
                ]}
                onChange={(v) => set({ authChoice: v })}
                error={errors.authChoice}
              />
            )}
            {needsNewAuthorization(form) && (
              <>
                <ReceiverPicker
                  idPrefix={ID}
                  giverId={view.personId}
                  mode={form.receiverMode}
                  selectedName={form.receiverName}
                  error={errors.receiverId}
                  onPick={(c) => set({ receiverMode: 'existing', receiverId: String(c.id), receiverName: c.fullName })}
                  onNew={() => set({ receiverMode: 'new', receiverId: '', receiverName: '' })}
                />
                {form.receiverMode === 'new' && (
                  <div className="field-grid payout-grid-3">
                    {text('rFullName', 'Họ và tên người được ủy quyền', { required: true })}
                    {text('rBirthDate', 'Ngày sinh người được ủy quyền', { hint: 'Ngày/tháng/năm hoặc năm sinh' })}
                    <SelectField
                      id={`${ID}-rGender`}
                      label="Giới tính"
                      value={form.rGender}
                      emptyLabel="—"
                      options={[
                        { value: 'male', label: 'Nam' },
                        { value: 'female', label: 'Nữ' },
                      ]}
                      onChange={(v) => set({ rGender: v as ChangeForm['rGender'] })}
                      error={errors.rGender}
                    />
                    {text('rCitizenId', 'Số CCCD người được ủy quyền', {
                      required: true,
                      inputMode: 'numeric',
                      hint: '12 chữ số',
                    })}
                    {text('rIdIssueDate', 'Ngày cấp CCCD', { required: true, hint: 'Ngày/tháng/năm' })}
                    {text('rIdIssuePlace', 'Nơi cấp CCCD', { required: true })}
                    {text('rAddress', 'Địa chỉ người được ủy quyền', { className: 'span-2' })}
                    {text('rPhone', 'Số điện thoại người được ủy quyền', { inputMode: 'tel' })}
                  </div>
                )}
                <div className="field-grid payout-grid-3">
                  {text('relationship', 'Quan hệ với người hưởng', {
                    required: true,
                    hint: 'Ví dụ: Con gái, Cháu nội',
                  })}
                  {text('validFrom', 'Ủy quyền từ ngày', { required: true, hint: 'Ngày/tháng/năm' })}
                  {text('validTo', 'Ủy quyền đến ngày', { hint: 'Để trống: 1 năm (theo Bộ luật Dân sự)' })}
                </div>
                <p className="hint">Tài khoản nhận phải đứng tên người được ủy quyền.</p>
              </>
            )}
          </fieldset>
        )}

        {needsNewAccount(form) && (
          <fieldset className="dialog-fieldset">
            <legend>{form.method === 'OWN_ACCOUNT' ? 'Tài khoản mới' : 'Tài khoản của người được ủy quyền'}</legend>
            <div className="field-grid payout-grid-4">
              <SelectField
                id={`${ID}-bankCode`}
                label="Ngân hàng"
                required
                value={form.bankCode}
                emptyLabel={banks ? '— Chọn —' : 'Đang tải…'}
                options={activeBanks.map((b) => ({ value: b.code, label: bankShortName(b) }))}
                onChange={(v) => set({ bankCode: v })}
                error={errors.bankCode}
                hint={(() => {
                  const b = activeBanks.find((x) => x.code === form.bankCode);
                  return b
                    ? b.lengthMin === b.lengthMax
                      ? `Số tài khoản ${b.lengthMin} chữ số`
                      : `Số tài khoản ${b.lengthMin}–${b.lengthMax} chữ số`
                    : undefined;
                })()}
              />
              {text('branch', 'Chi nhánh')}
              {text('accountNumber', 'Số tài khoản', { required: true, inputMode: 'numeric' })}
              {text('holderName', 'Tên chủ tài khoản', { required: true, hint: 'Như trên thẻ/sổ ngân hàng' })}
            </div>
          </fieldset>
        )}

        {(generalWarnings.length > 0 || unplaced.length > 0) && (
          <div className="field-warning payout-warnings" role="note">
            {[...unplaced, ...generalWarnings].map((w) => (
              <p key={w}>{w}</p>
            ))}
          </div>
        )}
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Lưu hình thức nhận" />
      </form>
    </Dialog>
  );
}
