import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PersonDetail, ReferenceData } from '@shared/api/register';
import { funeralSupport } from '@shared/domain/allowance';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { DecisionFields } from '../decision/DecisionFields';
import {
  emptyDecision,
  localDateError,
  localDecisionErrors,
  toDecisionInputWithoutMonth,
  type DecisionForm,
} from '../decision/decisionForm';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { standardFor } from '../useReference';
import { DialogActions } from '../../../components/DialogActions';

// Báo tử: the date of death stops every entitlement from the next month; for someone on a monthly social
// allowance the funeral support (20 × or 50 × the standard level) is created for whoever organised it.

interface DeathForm {
  deathDate: string;
  payeeName: string;
}

export function DeathDialog({
  detail,
  reference,
  onDone,
  onClose,
}: {
  detail: PersonDetail;
  reference: ReferenceData | undefined;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const id = 'death';
  const decision = useCheckedForm<DecisionForm>(
    () => emptyDecision(),
    (d) => localDecisionErrors(d, false, ''),
    (path) => /^decision\.(.+)$/.exec(path)?.[1] as keyof DecisionForm | undefined,
  );
  const event = useCheckedForm<DeathForm>(
    { deathDate: '', payeeName: '' },
    (v) => ({
      deathDate: localDateError(v.deathDate, 'Ngày mất'),
      payeeName: v.payeeName.trim() ? undefined : 'Người tổ chức mai táng: không được để trống.',
    }),
    (path) => (path === 'deathDate' ? 'deathDate' : path === 'funeral.payeeName' ? 'payeeName' : undefined),
  );
  const [multiplier, setMultiplier] = useState<20 | 50>(20);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  // What the last refusal said no longer fits once the user changes something.
  useEffect(() => setFailure(undefined), [decision.value, event.value, multiplier]);
  const formRef = useRef<HTMLFormElement>(null);
  const standard = reference ? standardFor(reference, 'BTXH') : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    decision.showAll();
    event.showAll();
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api('register.recordDeath', {
        personId: detail.person.id,
        deathDate: event.value.deathDate,
        decision: toDecisionInputWithoutMonth(decision.value),
        funeral: { payeeName: event.value.payeeName, multiplier },
      });
      onDone(
        outcomeOf(
          `Đã ghi nhận ${detail.person.fullName} từ trần ngày ${event.value.deathDate.trim()}.`,
          result.warnings,
        ),
      );
    } catch (error) {
      event.takeIssues(decision.takeIssues(issuesOf(error)));
      setFailure(messageOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const amount = (m: 20 | 50) => (standard !== undefined ? ` = ${formatVnd(funeralSupport(standard, m))} đồng` : '');
  return (
    <Dialog title={`Báo tử — ${detail.person.fullName}`} onClose={onClose} wide>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="dialog-grid">
          <TextField
            id={`${id}-date`}
            label="Ngày mất"
            required
            hint="Ngày/tháng/năm; tháng mất vẫn được hưởng"
            value={event.value.deathDate}
            onChange={(v) => event.change({ ...event.value, deathDate: v }, 'deathDate')}
            onBlur={() => event.blur('deathDate')}
            error={event.errors.deathDate}
          />
          <TextField
            id={`${id}-payee`}
            label="Người tổ chức mai táng"
            required
            hint="Người nhận hỗ trợ chi phí mai táng"
            value={event.value.payeeName}
            onChange={(v) => event.change({ ...event.value, payeeName: v }, 'payeeName')}
            onBlur={() => event.blur('payeeName')}
            error={event.errors.payeeName}
            className="span-2"
          />
        </div>
        <fieldset className="radio-group">
          <legend>Mức hỗ trợ mai táng</legend>
          <p className="hint">Chỉ áp dụng khi người mất đang hưởng trợ cấp xã hội hằng tháng.</p>
          <label>
            <input
              type="radio"
              name="funeral-multiplier"
              checked={multiplier === 20}
              onChange={() => setMultiplier(20)}
            />{' '}
            20 × mức chuẩn
            {amount(20)} (thông thường)
          </label>
          <label>
            <input
              type="radio"
              name="funeral-multiplier"
              checked={multiplier === 50}
              onChange={() => setMultiplier(50)}
            />{' '}
            50 × mức chuẩn
            {amount(50)} (chết do thiên tai, tai nạn, hoặc đang ở cơ sở trợ giúp xã hội)
          </label>
        </fieldset>
        <h3 className="dialog-subtitle">Quyết định thôi hưởng</h3>
        <DecisionFields
          idPrefix={id}
          value={decision.value}
          onChange={decision.change}
          onBlurField={decision.blur}
          errors={decision.errors}
        />
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi nhận báo tử" />
      </form>
    </Dialog>
  );
}
