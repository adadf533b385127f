import { useState, type FormEvent } from 'react';
import type { CampaignTarget } from '@shared/api/campaign';
import type { ProgrammeCode } from '@shared/api/register';
import { formatDateVi } from '@shared/domain/dates';
import { api } from '../../api/client';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { issuesOf, messageOf } from '../../errors';

// The target of one programme for a period (issue 14): a year, or a campaign from a month to its
// deadline; a number of people or a % of the programme's beneficiaries (settings; officer or
// administrator; audited in main). The dashboard applies the target whose period contains the month shown.

const PERIOD_OPTIONS = [
  { value: 'year', label: 'Cả năm' },
  { value: 'campaign', label: 'Một đợt (từ tháng … đến hạn)' },
];

const KIND_OPTIONS = [
  { value: 'count', label: 'Số người' },
  { value: 'percent', label: 'Tỷ lệ % số đối tượng' },
];

/** "40" or "40,5" → tenths of a percent; "150" → people. null when not a number. */
function parseValue(kind: string, text: string): number | null {
  const t = text.trim().replace(/\s|%/g, '');
  if (kind === 'percent') {
    if (!/^\d{1,3}([.,]\d)?$/.test(t)) return null;
    return Math.round(Number(t.replace(',', '.')) * 10);
  }
  const digits = t.replace(/\./g, '');
  return /^\d{1,7}$/.test(digits) ? Number(digits) : null;
}

const valueText = (t: CampaignTarget | null) =>
  !t
    ? ''
    : t.kind === 'count'
      ? String(t.value)
      : `${Math.floor(t.value / 10)}${t.value % 10 ? `,${t.value % 10}` : ''}`;

export function TargetEditor(props: {
  programme: ProgrammeCode;
  name: string;
  month: string;
  target: CampaignTarget | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { programme, target } = props;
  const [period, setPeriod] = useState<string>(target?.period ?? 'year');
  const [year, setYear] = useState(target ? target.startMonth.slice(0, 4) : props.month.slice(0, 4));
  const [startMonth, setStartMonth] = useState(
    target
      ? `${target.startMonth.slice(5)}/${target.startMonth.slice(0, 4)}`
      : `${props.month.slice(5)}/${props.month.slice(0, 4)}`,
  );
  const [kind, setKind] = useState<string>(target?.kind ?? 'count');
  const [value, setValue] = useState(valueText(target));
  const [deadline, setDeadline] = useState(target ? formatDateVi(target.deadline) : '');
  const [note, setNote] = useState(target?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = (f: string) => `target-${programme}-${f}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const parsed = parseValue(kind, value);
    if (parsed === null) {
      setErrors({
        value:
          kind === 'percent' ? 'Chỉ tiêu: nhập tỷ lệ %, ví dụ 40 hoặc 40,5.' : 'Chỉ tiêu: nhập số người, ví dụ 150.',
      });
      return;
    }
    setBusy(true);
    try {
      if (period === 'year' && !/^\d{4}$/.test(year.trim())) {
        setErrors({ year: 'Năm: nhập năm, ví dụ 2026.' });
        return;
      }
      await api(
        'campaign.setTarget',
        period === 'year'
          ? {
              programme,
              kind: kind as 'count' | 'percent',
              value: parsed,
              period: 'year',
              year: Number(year.trim()),
              ...(deadline.trim() ? { deadline } : {}),
              note,
            }
          : {
              programme,
              kind: kind as 'count' | 'percent',
              value: parsed,
              period: 'campaign',
              startMonth,
              deadline,
              note,
            },
      );
      setErrors({});
      props.onSaved();
    } catch (error) {
      const issues = issuesOf(error);
      setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
      if (!issues.length) setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      await api('campaign.clearTarget', { programme, ...(target ? { startMonth: target.startMonth } : {}) });
      props.onSaved();
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="campaign-target-form" onSubmit={save} aria-label={`Chỉ tiêu — ${props.name}`} noValidate>
      <SelectField id={id('period')} label="Kỳ chỉ tiêu" value={period} options={PERIOD_OPTIONS} onChange={setPeriod} />
      {period === 'year' ? (
        <TextField
          id={id('year')}
          label="Năm"
          value={year}
          onChange={setYear}
          inputMode="numeric"
          required
          error={errors.year}
        />
      ) : (
        <TextField
          id={id('start')}
          label="Áp dụng từ tháng (tháng/năm)"
          value={startMonth}
          onChange={setStartMonth}
          required
          error={errors.startMonth}
          placeholder="03/2026"
        />
      )}
      <SelectField id={id('kind')} label="Giao chỉ tiêu theo" value={kind} options={KIND_OPTIONS} onChange={setKind} />
      <TextField
        id={id('value')}
        label={kind === 'percent' ? 'Chỉ tiêu (%)' : 'Chỉ tiêu (số người)'}
        value={value}
        onChange={setValue}
        inputMode={kind === 'percent' ? 'decimal' : 'numeric'}
        required
        error={errors.value}
      />
      <TextField
        id={id('deadline')}
        label={period === 'year' ? 'Hạn hoàn thành (để trống: 31/12 của năm)' : 'Hạn hoàn thành (ngày/tháng/năm)'}
        value={deadline}
        onChange={setDeadline}
        required={period !== 'year'}
        error={errors.deadline}
        placeholder="31/12/2026"
      />
      <TextField
        id={id('note')}
        label="Căn cứ giao chỉ tiêu"
        value={note}
        onChange={setNote}
        error={errors.note}
        hint="Ví dụ: Kế hoạch số …/KH-UBND của thành phố"
      />
      {message && (
        <p className="message message-error" role="alert">
          {message}
        </p>
      )}
      <div className="campaign-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Lưu chỉ tiêu
        </button>
        {target && (
          <button type="button" className="btn btn-danger" onClick={clear} disabled={busy}>
            Bỏ chỉ tiêu
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={props.onClose} disabled={busy}>
          Đóng
        </button>
      </div>
    </form>
  );
}
