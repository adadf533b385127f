import { useRef, useState, type FormEvent } from 'react';
import {
  NCC_BENEFIT_KINDS,
  NCC_BENEFIT_LABELS,
  type NccBenefitKind,
  type RecordNccBenefitsInput,
} from '@shared/api/ncc-benefits';
import { parseVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { TextField } from '../../../components/TextField';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { localDateError } from '../decision/decisionForm';

type Row = { amount: string; payeeName: string; relationship: string };
const EMPTY_ROW: Row = { amount: '', payeeName: '', relationship: '' };
type Draft = { decision: { number: string; signedDate: string; issuer: string } } & Record<NccBenefitKind, Row>;
/** Fields are the issue paths: 'decision.number', …, and per kind 'funeral.amountVnd', 'lump_sum.payeeName', … */
type Field = string;

/** The rows with an amount are the ones recorded (a row left without one is not). */
const chosenOf = (d: Draft) => NCC_BENEFIT_KINDS.filter((k) => d[k].amount.trim() !== '');

/** nccBenefits.record's own checks, each on its field, before sending. */
function localNccErrors(d: Draft): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!d.decision.number.trim()) errors['decision.number'] = 'Số quyết định: không được để trống.';
  const date = localDateError(d.decision.signedDate, 'Ngày ký');
  if (date) errors['decision.signedDate'] = date;
  if (!d.decision.issuer.trim()) errors['decision.issuer'] = 'Cơ quan ban hành: không được để trống.';
  for (const kind of chosenOf(d)) {
    const amount = parseVnd(d[kind].amount);
    if (amount === null) errors[`${kind}.amountVnd`] = 'Số tiền: nhập số đồng, ví dụ 18.000.000.';
    else if (amount <= 0) errors[`${kind}.amountVnd`] = 'Số tiền phải lớn hơn 0.';
    if (!d[kind].payeeName.trim()) errors[`${kind}.payeeName`] = 'Người nhận: không được để trống.';
  }
  return errors;
}

const NCC_PATH = /^(decision\.(number|signedDate|issuer)|(funeral|lump_sum)\.(amountVnd|payeeName|relationship))$/;
const nccFieldOf = (path: string): Field | undefined => (NCC_PATH.test(path) ? path : undefined);

/**
 * Ghi trợ cấp theo quyết định của Sở (a deceased người có công): the decision, then the funeral allowance
 * and/or the one-time allowance, each with the amount and the person the decision names. Amounts are typed
 * from the decision; a row left without an amount is not recorded.
 */
export function NccBenefitsForm({ personId, onDone }: { personId: number; onDone: () => void }) {
  const checked = useCheckedForm<Draft, Field>(
    { decision: { number: '', signedDate: '', issuer: 'Sở Nội vụ' }, funeral: EMPTY_ROW, lump_sum: EMPTY_ROW },
    localNccErrors,
    nccFieldOf,
  );
  const { decision } = checked.value;
  const rows = checked.value;
  const errors = checked.errors;
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      setMessage('Chưa ghi: kiểm tra các ô báo lỗi.');
      focusFirstInvalid(formRef.current);
      return;
    }
    const chosen = chosenOf(checked.value);
    const input: RecordNccBenefitsInput = {
      personId,
      decision,
      // An amount that does not read as đồng goes to the server as NaN, which refuses it with its own message.
      items: chosen.map((kind) => ({
        kind,
        amountVnd: parseVnd(rows[kind].amount) ?? Number.NaN,
        payeeName: rows[kind].payeeName,
        relationship: rows[kind].relationship,
      })),
    };
    setBusy(true);
    setMessage('');
    try {
      await api('nccBenefits.record', input);
      onDone();
    } catch (error) {
      // An item's issue ('items.1.payeeName') goes to the row of its kind ('lump_sum.payeeName').
      const rest = checked.takeIssues(
        issuesOf(error).map((issue) => {
          const m = /^items\.(\d+)\.(.+)$/.exec(issue.path);
          const kind = m ? chosen[Number(m[1])] : undefined;
          return kind ? { ...issue, path: `${kind}.${m![2]}` } : issue;
        }),
      );
      setMessage([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const setRow = (kind: NccBenefitKind, field: keyof Row, value: string) => {
    const v = checked.value;
    checked.change(
      { ...v, [kind]: { ...v[kind], [field]: value } },
      `${kind}.${field === 'amount' ? 'amountVnd' : field}`,
    );
    setMessage('');
  };
  const setDecision = (field: keyof Draft['decision'], value: string) => {
    const v = checked.value;
    checked.change({ ...v, decision: { ...v.decision, [field]: value } }, `decision.${field}`);
    setMessage('');
  };
  const blur = (path: Field) => () => checked.blur(path);

  return (
    <form
      ref={formRef}
      className="ncc-benefits-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Ghi trợ cấp theo quyết định của Sở"
    >
      <div className="field-grid">
        <TextField
          id="ncc-decision-number"
          label="Số quyết định"
          required
          value={decision.number}
          error={errors['decision.number']}
          onChange={(v) => setDecision('number', v)}
          onBlur={blur('decision.number')}
        />
        <TextField
          id="ncc-decision-date"
          label="Ngày ký"
          required
          hint="Ngày/tháng/năm"
          value={decision.signedDate}
          error={errors['decision.signedDate']}
          onChange={(v) => setDecision('signedDate', v)}
          onBlur={blur('decision.signedDate')}
        />
        <TextField
          id="ncc-decision-issuer"
          label="Cơ quan ban hành"
          required
          className="span-2"
          value={decision.issuer}
          error={errors['decision.issuer']}
          onChange={(v) => setDecision('issuer', v)}
          onBlur={blur('decision.issuer')}
        />
      </div>
      {NCC_BENEFIT_KINDS.map((kind) => (
        <fieldset key={kind} className="field-grid">
          <legend>{NCC_BENEFIT_LABELS[kind]}</legend>
          <TextField
            id={`ncc-${kind}-amount`}
            label="Số tiền (đồng)"
            inputMode="numeric"
            hint="Để trống nếu quyết định không có khoản này"
            value={rows[kind].amount}
            error={errors[`${kind}.amountVnd`]}
            onChange={(v) => setRow(kind, 'amount', v)}
            onBlur={blur(`${kind}.amountVnd`)}
          />
          <TextField
            id={`ncc-${kind}-payee`}
            label="Người nhận"
            value={rows[kind].payeeName}
            error={errors[`${kind}.payeeName`]}
            onChange={(v) => setRow(kind, 'payeeName', v)}
            onBlur={blur(`${kind}.payeeName`)}
          />
          <TextField
            id={`ncc-${kind}-relationship`}
            label="Quan hệ"
            hint="Ví dụ: Con trai"
            value={rows[kind].relationship}
            error={errors[`${kind}.relationship`]}
            onChange={(v) => setRow(kind, 'relationship', v)}
            onBlur={blur(`${kind}.relationship`)}
          />
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang ghi…' : 'Ghi trợ cấp'}
        </button>
        <p role="alert" className={message ? 'outcome outcome-error' : 'outcome'}>
          {message}
        </p>
      </div>
    </form>
  );
}
