import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PersonDetail } from '@shared/api/register';
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
import { DialogActions } from '../../../components/DialogActions';

// Chuyển đi: moving to another ward stops every entitlement from the month after the move.

export function MoveAwayDialog({
  detail,
  onDone,
  onClose,
}: {
  detail: PersonDetail;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const id = 'move-away';
  const decision = useCheckedForm<DecisionForm>(
    () => emptyDecision(),
    (d) => localDecisionErrors(d, false, ''),
    (path) => /^decision\.(.+)$/.exec(path)?.[1] as keyof DecisionForm | undefined,
  );
  const moved = useCheckedForm<{ movedDate: string }>(
    { movedDate: '' },
    (v) => ({ movedDate: localDateError(v.movedDate, 'Ngày chuyển đi') }),
    (path) => (path === 'movedDate' ? 'movedDate' : undefined),
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  // What the last refusal said no longer fits once the user changes something.
  useEffect(() => setFailure(undefined), [decision.value, moved.value]);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    decision.showAll();
    moved.showAll();
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api('register.moveAway', {
        personId: detail.person.id,
        movedDate: moved.value.movedDate,
        decision: toDecisionInputWithoutMonth(decision.value),
      });
      onDone(
        outcomeOf(
          `Đã ghi nhận ${detail.person.fullName} chuyển đi ngày ${moved.value.movedDate.trim()}.`,
          result.warnings,
        ),
      );
    } catch (error) {
      moved.takeIssues(decision.takeIssues(issuesOf(error)));
      setFailure(messageOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={`Chuyển đi — ${detail.person.fullName}`} onClose={onClose} wide>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="dialog-grid">
          <TextField
            id={`${id}-date`}
            label="Ngày chuyển đi"
            required
            hint="Ngày/tháng/năm; tháng chuyển đi vẫn được hưởng"
            value={moved.value.movedDate}
            onChange={(v) => moved.change({ movedDate: v }, 'movedDate')}
            onBlur={() => moved.blur('movedDate')}
            error={moved.errors.movedDate}
          />
        </div>
        <h3 className="dialog-subtitle">Quyết định thôi hưởng</h3>
        <DecisionFields
          idPrefix={id}
          value={decision.value}
          onChange={decision.change}
          onBlurField={decision.blur}
          errors={decision.errors}
        />
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi nhận chuyển đi" />
      </form>
    </Dialog>
  );
}
