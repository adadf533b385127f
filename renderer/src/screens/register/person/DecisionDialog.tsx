import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DecideInput, EntitlementView, ReferenceData } from '@shared/api/register';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { DecisionFields } from '../decision/DecisionFields';
import { emptyDecision, localDecisionErrors, toDecisionInput, type DecisionForm } from '../decision/decisionForm';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { TermsFields } from '../terms/TermsFields';
import {
  isRecorded,
  localTermsErrors,
  termsFieldOf,
  termsFromView,
  toTermsInput,
  type TermsForm,
} from '../terms/termsForm';
import { programmeName } from '../useReference';
import { DialogActions } from '../../../components/DialogActions';

// Điều chỉnh / Tạm dừng / Hưởng lại / Thôi hưởng: a decision on one entitlement (register.decide).

export type DecisionKind = DecideInput['kind'];

const TITLES: Record<DecisionKind, string> = {
  adjust: 'Điều chỉnh',
  suspend: 'Tạm dừng hưởng',
  resume: 'Hưởng lại',
  stop: 'Thôi hưởng',
};

const MONTH_LABELS: Record<DecisionKind, string> = {
  adjust: 'Áp dụng từ tháng',
  suspend: 'Tạm dừng từ tháng',
  resume: 'Hưởng lại từ tháng',
  stop: 'Thôi hưởng từ tháng',
};

const DONE: Record<DecisionKind, string> = {
  adjust: 'Đã lưu quyết định điều chỉnh',
  suspend: 'Đã lưu quyết định tạm dừng',
  resume: 'Đã lưu quyết định hưởng lại',
  stop: 'Đã lưu quyết định thôi hưởng',
};

interface DecisionDialogProps {
  kind: DecisionKind;
  entitlement: EntitlementView;
  reference: ReferenceData | undefined;
  month: string;
  onDone: (outcome: Outcome) => void;
  onClose: () => void;
  /** Filled in from a proposal (the yearly review of evidence): the reason and, for a change, the new group. */
  prefill?: { reason?: string; groupCode?: string };
}

export function DecisionDialog({ kind, entitlement, reference, month, onDone, onClose, prefill }: DecisionDialogProps) {
  const id = `decide-${kind}`;
  const programme = entitlement.programme;
  const monthLabel = MONTH_LABELS[kind];
  const decision = useCheckedForm<DecisionForm>(
    () => ({ ...emptyDecision(month), ...(prefill?.reason ? { reason: prefill.reason } : {}) }),
    (d) => localDecisionErrors(d, true, monthLabel),
    (path) => /^decision\.(.+)$/.exec(path)?.[1] as keyof DecisionForm | undefined,
  );
  const recorded = isRecorded(reference, programme);
  // The terms' fields are issue paths (the components are rows); their checks show after a save attempt.
  const terms = useCheckedForm<TermsForm, string>(
    () => ({
      ...termsFromView(entitlement.terms[entitlement.terms.length - 1]),
      ...(prefill?.groupCode ? { groupCode: prefill.groupCode } : {}),
    }),
    (t) => localTermsErrors(t, recorded, programme),
    termsFieldOf,
  );
  const [payArrears, setPayArrears] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  // What the last refusal said no longer fits once the user changes something.
  useEffect(() => setFailure(undefined), [decision.value, terms.value, payArrears]);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    decision.showAll();
    terms.showAll();
    const input: DecideInput = {
      entitlementId: entitlement.id,
      kind,
      decision: toDecisionInput(decision.value),
      ...(kind === 'adjust' ? toTermsInput(terms.value, recorded) : {}),
      ...(kind === 'resume' ? { payArrears } : {}),
    };
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api('register.decide', input);
      onDone(outcomeOf(`${DONE[kind]} số ${decision.value.number.trim()}.`, result.warnings));
    } catch (error) {
      const rest = terms.takeIssues(decision.takeIssues(issuesOf(error)));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={`${TITLES[kind]} — ${programmeName(reference, programme)}`}
      onClose={onClose}
      wide={kind === 'adjust'}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        {kind === 'adjust' && (
          <fieldset className="dialog-fieldset">
            <legend>{recorded ? 'Các khoản mới' : 'Nhóm đối tượng mới'}</legend>
            <TermsFields
              idPrefix={id}
              reference={reference}
              programme={programme}
              value={terms.value}
              onChange={terms.change}
              errors={terms.errors}
            />
          </fieldset>
        )}
        <DecisionFields
          idPrefix={id}
          value={decision.value}
          onChange={decision.change}
          onBlurField={decision.blur}
          errors={decision.errors}
          monthLabel={monthLabel}
          {...(kind === 'adjust' ? { eligibility: { household: programme === 'HTXH' } } : {})}
        />
        {kind === 'resume' && (
          <label className="checkbox">
            <input type="checkbox" checked={payArrears} onChange={(e) => setPayArrears(e.target.checked)} /> Truy lĩnh
            thời gian tạm dừng
          </label>
        )}
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Lưu quyết định" />
      </form>
    </Dialog>
  );
}
