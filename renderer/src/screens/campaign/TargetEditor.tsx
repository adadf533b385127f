import { useRef, useState, type FormEvent } from 'react';
import type { CampaignTarget } from '@shared/api/campaign';
import type { ProgrammeCode } from '@shared/api/register';
import { formatDateVi, parseDateVi, parseMonthVi } from '@shared/domain/dates';
import { api } from '../../api/client';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useCheckedForm } from '../../components/useCheckedForm';
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

interface TargetForm {
  period: 'year' | 'campaign';
  year: string;
  startMonth: string;
  kind: 'count' | 'percent';
  value: string;
  deadline: string;
  note: string;
}

/** The checks campaign.setTarget makes on each field, before sending. */
function localTargetErrors(f: TargetForm): Partial<Record<keyof TargetForm, string>> {
  const errors: Partial<Record<keyof TargetForm, string>> = {};
  if (parseValue(f.kind, f.value) === null)
    errors.value =
      f.kind === 'percent' ? 'Chỉ tiêu: nhập tỷ lệ %, ví dụ 40 hoặc 40,5.' : 'Chỉ tiêu: nhập số người, ví dụ 150.';
  if (f.period === 'year') {
    if (!/^\d{4}$/.test(f.year.trim())) errors.year = 'Năm: nhập năm, ví dụ 2026.';
  } else if (!parseMonthVi(f.startMonth)) {
    errors.startMonth = 'Áp dụng từ tháng: nhập theo dạng tháng/năm, ví dụ 03/2026.';
  }
  if (f.period === 'campaign' && !f.deadline.trim()) errors.deadline = 'Hạn hoàn thành: cần nhập ngày.';
  else if (f.deadline.trim() && !parseDateVi(f.deadline))
    errors.deadline = 'Hạn hoàn thành: nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.';
  return errors;
}

const TARGET_FIELDS: ReadonlyArray<keyof TargetForm> = ['year', 'startMonth', 'value', 'deadline', 'note'];
const targetFieldOf = (path: string) => TARGET_FIELDS.find((f) => f === path);

export function TargetEditor(props: {
  programme: ProgrammeCode;
  name: string;
  month: string;
  target: CampaignTarget | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { programme, target } = props;
  const checked = useCheckedForm<TargetForm>(
    () => {
      const start = target?.startMonth ?? props.month;
      return {
        period: target?.period ?? 'year',
        year: start.slice(0, 4),
        startMonth: `${start.slice(5)}/${start.slice(0, 4)}`,
        kind: target?.kind ?? 'count',
        value: valueText(target),
        deadline: target ? formatDateVi(target.deadline) : '',
        note: target?.note ?? '',
      };
    },
    localTargetErrors,
    targetFieldOf,
  );
  const { period, year, startMonth, kind, value, deadline, note } = checked.value;
  const errors = checked.errors;
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (f: string) => `target-${programme}-${f}`;
  const set =
    <K extends keyof TargetForm>(field: K) =>
    (v: string) => {
      checked.change({ ...checked.value, [field]: v }, field);
      setMessage(undefined);
    };
  const text = (field: keyof TargetForm) => ({
    value: checked.value[field],
    onChange: set(field),
    onBlur: () => checked.blur(field),
    error: errors[field],
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setMessage(undefined);
    checked.showAll();
    const parsed = parseValue(kind, value);
    if (checked.hasLocalErrors || parsed === null) {
      setMessage('Chưa lưu: kiểm tra các ô báo lỗi.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api(
        'campaign.setTarget',
        period === 'year'
          ? {
              programme,
              kind,
              value: parsed,
              period: 'year',
              year: Number(year.trim()),
              ...(deadline.trim() ? { deadline } : {}),
              note,
            }
          : {
              programme,
              kind,
              value: parsed,
              period: 'campaign',
              startMonth,
              deadline,
              note,
            },
      );
      props.onSaved();
    } catch (error) {
      const rest = checked.takeIssues(issuesOf(error));
      setMessage([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
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
    <form
      ref={formRef}
      className="campaign-target-form"
      onSubmit={save}
      aria-label={`Chỉ tiêu — ${props.name}`}
      noValidate
    >
      <SelectField
        id={id('period')}
        label="Kỳ chỉ tiêu"
        value={period}
        options={PERIOD_OPTIONS}
        onChange={(v) => checked.change({ ...checked.value, period: v as TargetForm['period'] }, 'period')}
      />
      {period === 'year' ? (
        <TextField id={id('year')} label="Năm" {...text('year')} inputMode="numeric" required />
      ) : (
        <TextField
          id={id('start')}
          label="Áp dụng từ tháng (tháng/năm)"
          {...text('startMonth')}
          required
          placeholder="03/2026"
        />
      )}
      <SelectField
        id={id('kind')}
        label="Giao chỉ tiêu theo"
        value={kind}
        options={KIND_OPTIONS}
        onChange={(v) => checked.change({ ...checked.value, kind: v as TargetForm['kind'] }, ['kind', 'value'])}
      />
      <TextField
        id={id('value')}
        label={kind === 'percent' ? 'Chỉ tiêu (%)' : 'Chỉ tiêu (số người)'}
        {...text('value')}
        inputMode={kind === 'percent' ? 'decimal' : 'numeric'}
        required
      />
      <TextField
        id={id('deadline')}
        label={period === 'year' ? 'Hạn hoàn thành (để trống: 31/12 của năm)' : 'Hạn hoàn thành (ngày/tháng/năm)'}
        {...text('deadline')}
        required={period !== 'year'}
        placeholder="31/12/2026"
      />
      <TextField
        id={id('note')}
        label="Căn cứ giao chỉ tiêu"
        {...text('note')}
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
