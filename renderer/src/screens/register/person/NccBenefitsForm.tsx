import { useState, type FormEvent } from 'react';
import {
  NCC_BENEFIT_KINDS,
  NCC_BENEFIT_LABELS,
  type NccBenefitKind,
  type RecordNccBenefitsInput,
} from '@shared/api/ncc-benefits';
import { parseVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { TextField } from '../../../components/TextField';
import { issuesOf, messageOf } from '../../../errors';

type Row = { amount: string; payeeName: string; relationship: string };
const EMPTY_ROW: Row = { amount: '', payeeName: '', relationship: '' };

/**
 * Ghi trợ cấp theo quyết định của Sở (a deceased người có công): the decision, then the funeral allowance
 * and/or the one-time allowance, each with the amount and the person the decision names. Amounts are typed
 * from the decision; a row left without an amount is not recorded.
 */
export function NccBenefitsForm({ personId, onDone }: { personId: number; onDone: () => void }) {
  const [decision, setDecision] = useState({ number: '', signedDate: '', issuer: 'Sở Nội vụ' });
  const [rows, setRows] = useState<Record<NccBenefitKind, Row>>({ funeral: EMPTY_ROW, lump_sum: EMPTY_ROW });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = NCC_BENEFIT_KINDS.filter((k) => rows[k].amount.trim() !== '');
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
      const next: Record<string, string> = {};
      for (const issue of issuesOf(error)) {
        const m = /^items\.(\d+)\.(.+)$/.exec(issue.path);
        next[m ? `${chosen[Number(m[1])]}.${m[2]}` : issue.path] = issue.message;
      }
      setErrors(next);
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const setRow = (kind: NccBenefitKind, field: keyof Row, value: string) =>
    setRows((r) => ({ ...r, [kind]: { ...r[kind], [field]: value } }));

  return (
    <form
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
          onChange={(v) => setDecision((d) => ({ ...d, number: v }))}
        />
        <TextField
          id="ncc-decision-date"
          label="Ngày ký"
          required
          hint="Ngày/tháng/năm"
          value={decision.signedDate}
          error={errors['decision.signedDate']}
          onChange={(v) => setDecision((d) => ({ ...d, signedDate: v }))}
        />
        <TextField
          id="ncc-decision-issuer"
          label="Cơ quan ban hành"
          required
          className="span-2"
          value={decision.issuer}
          error={errors['decision.issuer']}
          onChange={(v) => setDecision((d) => ({ ...d, issuer: v }))}
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
          />
          <TextField
            id={`ncc-${kind}-payee`}
            label="Người nhận"
            value={rows[kind].payeeName}
            error={errors[`${kind}.payeeName`]}
            onChange={(v) => setRow(kind, 'payeeName', v)}
          />
          <TextField
            id={`ncc-${kind}-relationship`}
            label="Quan hệ"
            hint="Ví dụ: Con trai"
            value={rows[kind].relationship}
            error={errors[`${kind}.relationship`]}
            onChange={(v) => setRow(kind, 'relationship', v)}
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
