import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldIssue } from '@shared/api/errors';
import type { EnrollInput, ProgrammeCode } from '@shared/api/register';
import { api } from '../../../api/client';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { SelectField } from '../../../components/SelectField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { useLeaveGuard } from '../../../components/leaveGuard';
import { useSaveShortcut } from '../../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../../errors';
import { hrefFor, replacePath } from '../../../routing';
import { DecisionFields } from '../decision/DecisionFields';
import { emptyDecision, localDecisionErrors, toDecisionInput, type DecisionForm } from '../decision/decisionForm';
import { outcomeOf, setFlash } from '../../../components/outcome';
import { REGISTER_PATHS, personPagePath } from '../paths';
import { PersonFieldset } from '../person-form/PersonFieldset';
import { EMPTY_PERSON, personFieldOf, toPersonInput } from '../person-form/personForm';
import { usePersonForm } from '../person-form/usePersonForm';
import { TermsFields } from '../terms/TermsFields';
import {
  emptyTerms,
  isRecorded,
  localTermsErrors,
  termsFieldOf,
  toTermsInput,
  type TermsForm,
} from '../terms/termsForm';
import { referenceOf, useReference } from '../useReference';
import { PersonPicker, type PickedPerson } from '../../../components/PersonPicker';
import { usePreselectedPerson } from './usePreselectedPerson';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { QrNotice, useQrNotice } from './QrNotice';

// Thêm đối tượng: a person (new, or already in the register) starts receiving a programme by decision.
// Checks as the user types; on a refused save the server's message and per-field issues are shown and
// everything typed stays; after a save, the person's page with the warnings.

const ID = 'enroll';

const DECISION_PATH = /^decision\.(.+)$/;

interface SelectionForm {
  programme: ProgrammeCode | '';
  picked: PickedPerson | undefined;
  cared: PickedPerson | undefined;
}
type SelectionField = keyof SelectionForm;
const EMPTY_SELECTION: SelectionForm = { programme: '', picked: undefined, cared: undefined };

/** register.enroll's issue paths → the selection's fields (the cared person is asked for care support only, whose picker is then on screen). */
const selectionFieldOf =
  (mode: 'new' | 'existing') =>
  (path: string): SelectionField | undefined => {
    if (path === 'programme') return 'programme';
    if (path === 'caredPersonId') return 'cared';
    return mode === 'existing' && path.startsWith('person') ? 'picked' : undefined;
  };

export function EnrollScreen({ personId }: { personId?: number }) {
  const reference = referenceOf(useReference());
  const [mode, setMode] = useState<'new' | 'existing'>(personId ? 'existing' : 'new');
  const person = usePersonForm(EMPTY_PERSON, undefined, mode === 'new');
  // Who (a person of the register, when not new), which programme, and for care support the person cared
  // for (the amount follows that person): one form, its server issues by path.
  const selection = useCheckedForm<SelectionForm, SelectionField>(
    EMPTY_SELECTION,
    (s) => ({
      ...(mode === 'existing' && !s.picked ? { picked: 'Chọn người trong sổ.' } : {}),
      ...(!s.programme ? { programme: 'Chọn chế độ hưởng.' } : {}),
    }),
    selectionFieldOf(mode),
  );
  const { picked, programme, cared } = selection.value;
  usePreselectedPerson(personId, (p) => selection.setValue((s) => ({ ...s, picked: p })));
  // The terms' fields are issue paths (the components are rows); their checks show after a save attempt.
  const terms = useCheckedForm<TermsForm, string>(
    emptyTerms,
    (t) => localTermsErrors(t, isRecorded(reference, programme), programme),
    termsFieldOf,
  );

  const decision = useCheckedForm<DecisionForm>(
    () => emptyDecision(),
    (d) => localDecisionErrors(d, true, 'Hưởng từ tháng'),
    (path) => DECISION_PATH.exec(path)?.[1] as keyof DecisionForm | undefined,
  );
  // The month defaults to this month, once the reference data says which month that is.
  const monthSet = useRef(false);
  useEffect(() => {
    if (reference && !monthSet.current) {
      monthSet.current = true;
      if (!decision.value.effectiveMonth)
        decision.setValue((d) => ({ ...d, effectiveMonth: emptyDecision(reference.month).effectiveMonth }));
    }
  }, [reference, decision]);

  const [saving, setSaving] = useState(false);
  // The decision and the programme are work too (the person's fields guard themselves, usePersonForm).
  useLeaveGuard(programme !== '' || decision.value.number.trim() !== '' || decision.value.reason.trim() !== '');
  const [failure, setFailure] = useState<{ message: string; other: string[] } | undefined>();
  // What the last refusal said no longer fits once the user changes something.
  useEffect(() => setFailure(undefined), [person.form, decision.value, terms.value, programme, picked, mode, cared]);
  const qr = useQrNotice();
  const formRef = useRef<HTMLFormElement>(null);
  useSaveShortcut(() => formRef.current?.requestSubmit());

  const recorded = isRecorded(reference, programme);

  const distribute = (issues: FieldIssue[]): string[] => {
    const rest = selection.takeIssues(terms.takeIssues(decision.takeIssues(issues)));
    const personIssues: FieldIssue[] = [];
    const other: string[] = [];
    for (const issue of rest) {
      if (mode === 'new' && personFieldOf(issue.path)) personIssues.push(issue);
      else other.push(issue.message);
    }
    person.takeIssues(personIssues);
    return other;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    person.touchAll();
    decision.showAll();
    terms.showAll();
    selection.showAll();
    if (selection.hasLocalErrors || !programme) {
      const message = selection.localErrors.picked ? 'Chưa chọn người hưởng.' : 'Chưa chọn chế độ hưởng.';
      setFailure({ message, other: [] });
      focusFirstInvalid(formRef.current);
      return;
    }
    const input: EnrollInput = {
      person: mode === 'existing' && picked ? { existingId: picked.id } : { new: toPersonInput(person.form) },
      programme,
      ...toTermsInput(terms.value, recorded),
      ...(programme === 'BTXH_CARE' && cared ? { caredPersonId: cared.id } : {}),
      decision: toDecisionInput(decision.value),
    };
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api('register.enroll', input);
      const name = mode === 'existing' && picked ? picked.fullName : person.form.fullName.trim();
      setFlash(outcomeOf(`Đã thêm ${name} vào sổ theo quyết định ${decision.value.number.trim()}.`, result.warnings));
      replacePath(personPagePath(result.personId));
    } catch (error) {
      const other = distribute(issuesOf(error));
      setFailure({ message: messageOf(error), other });
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>Thêm đối tượng</ScreenTitle>
      <form ref={formRef} className="page-form" onSubmit={submit} noValidate aria-label="Thêm đối tượng">
        <p className="form-legend">
          Các mục có dấu <span className="required-mark">*</span> là bắt buộc. Có thể quét mã QR trên thẻ căn cước vào ô
          Số định danh.
        </p>

        <section className="panel" aria-labelledby="enroll-person-heading">
          <h2 id="enroll-person-heading">1. Người hưởng</h2>
          <div className="segmented" role="radiogroup" aria-label="Người hưởng là">
            <label>
              <input type="radio" name="enroll-mode" checked={mode === 'new'} onChange={() => setMode('new')} /> Người
              mới
            </label>
            <label>
              <input
                type="radio"
                name="enroll-mode"
                checked={mode === 'existing'}
                onChange={() => setMode('existing')}
              />{' '}
              Người đã có trong sổ
            </label>
          </div>
          {mode === 'new' ? (
            <>
              <QrNotice notice={qr.notice} />
              <PersonFieldset
                idPrefix={`${ID}-person`}
                form={person.form}
                onChange={person.change}
                onBlurField={person.blur}
                errors={person.errors}
                warnings={person.warnings}
                neighbourhoods={reference?.neighbourhoods.map((n) => n.name) ?? []}
                onQrRead={qr.show}
              />
              {person.general.length > 0 && (
                <div className="message message-warning">
                  {person.general.map((m) => (
                    <p key={m}>{m}</p>
                  ))}
                </div>
              )}
            </>
          ) : (
            <PersonPicker
              id={`${ID}-picker`}
              picked={picked}
              onPick={(p) => selection.change({ ...selection.value, picked: p }, 'picked')}
              error={selection.errors.picked}
            />
          )}
        </section>

        <section className="panel" aria-labelledby="enroll-programme-heading">
          <h2 id="enroll-programme-heading">2. Chế độ hưởng</h2>
          <div className="terms-grid">
            <SelectField
              id={`${ID}-programme`}
              label="Chế độ"
              required
              value={programme}
              emptyLabel="— Chọn chế độ —"
              options={(reference?.programmes ?? []).map((p) => ({ value: p.code, label: p.name }))}
              onChange={(v) => {
                selection.change({ ...selection.value, programme: v as ProgrammeCode | '' }, 'programme');
                terms.change({ ...terms.value, groupCode: '' }, 'groupCode');
              }}
              error={selection.errors.programme}
            />
            <TermsFields
              idPrefix={ID}
              reference={reference}
              programme={programme}
              value={terms.value}
              onChange={terms.change}
              errors={terms.errors}
            />
          </div>
          {programme === 'BTXH_CARE' && (
            <PersonPicker
              id={`${ID}-cared`}
              label="Người được chăm sóc, nuôi dưỡng"
              required={false}
              picked={cared}
              onPick={(p) => selection.change({ ...selection.value, cared: p }, 'cared')}
              error={selection.errors.cared}
            />
          )}
        </section>

        <section className="panel" aria-labelledby="enroll-decision-heading">
          <h2 id="enroll-decision-heading">3. Quyết định hưởng</h2>
          <DecisionFields
            idPrefix={ID}
            value={decision.value}
            onChange={decision.change}
            onBlurField={decision.blur}
            errors={decision.errors}
            monthLabel="Hưởng từ tháng"
            eligibility={{ household: programme === 'HTXH' }}
          />
        </section>

        <div className="form-actions form-actions-page">
          <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
            {saving ? 'Đang lưu…' : 'Thêm vào sổ'}
          </button>
          <a className="btn btn-secondary" href={hrefFor(REGISTER_PATHS.list)}>
            Huỷ
          </a>
          <span className="shortcut-hint">
            hoặc nhấn <kbd>Ctrl</kbd> + <kbd>S</kbd>
          </span>
          <div className="form-outcome" role="alert">
            {failure && (
              <div className="outcome outcome-error">
                <p>{failure.message}</p>
                {failure.other.map((m) => (
                  <p key={m}>{m}</p>
                ))}
              </div>
            )}
          </div>
        </div>
      </form>
    </>
  );
}
