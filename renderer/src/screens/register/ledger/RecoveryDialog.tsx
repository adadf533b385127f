import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { OverpaymentView, RecoveryMethod } from '@shared/api/ledger';
import { LEDGER_COMPONENT_LABELS, RECOVERY_METHOD_LABELS } from '@shared/api/ledger-labels';
import { formatVnd } from '@shared/domain/money';
import { periodTextVi } from '@shared/domain/service-period';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { localDateError } from '../decision/decisionForm';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { DialogActions } from '../../../components/DialogActions';

// Ghi thu hồi: how an overpayment (truy thu) is recovered — paid back against a receipt, taken from the
// next payments by decision, or waived by decision. Nothing is ever taken from a later payment without
// this record (ledger.recordRecovery).

interface RecoveryForm {
  method: RecoveryMethod;
  paperNumber: string;
  paperDate: string;
  note: string;
}

const HINTS: Record<RecoveryMethod, string> = {
  refund: 'Người nhận đã nộp lại tiền: ghi số và ngày biên lai.',
  deduct: 'Trừ dần vào các kỳ chi sau của cùng khoản: ghi số và ngày quyết định.',
  waive: 'Không thu hồi theo quyết định của cấp có thẩm quyền: ghi số và ngày quyết định.',
};

export function RecoveryDialog({
  overpayment,
  onDone,
  onClose,
}: {
  overpayment: OverpaymentView;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const form = useCheckedForm<RecoveryForm>({ method: 'refund', paperNumber: '', paperDate: '', note: '' }, (v) => ({
    paperNumber: v.paperNumber.trim() ? undefined : 'Số biên lai / quyết định: không được để trống.',
    paperDate: localDateError(v.paperDate, 'Ngày biên lai / quyết định'),
  }));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => setFailure(undefined), [form.value]);
  const formRef = useRef<HTMLFormElement>(null);
  const v = form.value;
  const set = <K extends keyof RecoveryForm>(key: K, value: RecoveryForm[K]) =>
    form.change({ ...v, [key]: value }, key);
  const o = overpayment;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    form.showAll();
    if (Object.values(form.localErrors).some(Boolean)) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setSaving(true);
    try {
      const after = await api('ledger.recordRecovery', {
        personId: o.personId,
        component: o.component,
        fromMonth: o.fromMonth,
        toMonth: o.toMonth,
        method: v.method,
        paperNumber: v.paperNumber,
        paperDate: v.paperDate,
        ...(v.note.trim() ? { note: v.note } : {}),
      });
      onDone(
        outcomeOf(
          `Đã ghi ${RECOVERY_METHOD_LABELS[v.method].toLowerCase()} khoản chi thừa ${formatVnd(o.openVnd)} đồng; còn phải thu ${formatVnd(after.openVnd)} đồng.`,
          [],
        ),
      );
    } catch (error) {
      form.takeIssues(issuesOf(error));
      setFailure(messageOf(error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="Ghi thu hồi khoản chi thừa" onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p>
          {LEDGER_COMPONENT_LABELS[o.component]}, {periodTextVi({ from: o.fromMonth, to: o.toMonth, months: o.months })}
          : chi thừa {formatVnd(o.amountVnd)} đồng, còn phải thu <strong>{formatVnd(o.openVnd)} đồng</strong>.
        </p>
        <fieldset className="radio-group">
          <legend>Cách thu hồi</legend>
          {(['refund', 'deduct', 'waive'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="recovery-method" checked={v.method === m} onChange={() => set('method', m)} />{' '}
              {RECOVERY_METHOD_LABELS[m]}
            </label>
          ))}
          <p className="hint">{HINTS[v.method]}</p>
        </fieldset>
        <div className="dialog-grid">
          <TextField
            id="recovery-number"
            label="Số biên lai / quyết định"
            required
            value={v.paperNumber}
            onChange={(x) => set('paperNumber', x)}
            onBlur={() => form.blur('paperNumber')}
            error={form.errors.paperNumber}
          />
          <TextField
            id="recovery-date"
            label="Ngày biên lai / quyết định"
            required
            hint="Ngày/tháng/năm"
            value={v.paperDate}
            onChange={(x) => set('paperDate', x)}
            onBlur={() => form.blur('paperDate')}
            error={form.errors.paperDate}
          />
        </div>
        <TextField
          id="recovery-note"
          label="Ghi chú"
          value={v.note}
          onChange={(x) => set('note', x)}
          error={form.errors.note}
        />
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi thu hồi" />
      </form>
    </Dialog>
  );
}
