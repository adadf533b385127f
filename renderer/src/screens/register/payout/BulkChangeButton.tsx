import { useRef, useState, type FormEvent } from 'react';
import './payout.css';
import { formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { MonthField } from '../../../components/MonthField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { formatCount, METHOD_LABELS } from '../labels';
import { toInput, type RegisterQuery } from '../useRegisterSearch';
import { DialogActions } from '../../../components/DialogActions';

// Đổi hình thức hàng loạt: the same change (cash at the ward or post office) for everyone the list's
// current search and filters match (a neighbourhood, say), or for people ticked one by one. Chuyển khoản
// needs each person's own account, so it is changed person by person.

const PICK_LIMIT = 500;
const BULK_METHODS = ['CASH_WARD', 'POST_OFFICE'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const thisMonthVi = () => {
  const d = new Date();
  return `${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
};

interface BulkForm {
  scope: 'filter' | 'pick';
  /** The people ticked one by one (scope 'pick'). */
  selection: ReadonlySet<number>;
  method: '' | (typeof BULK_METHODS)[number];
  effectiveMonth: string;
  note: string;
}

function localBulkErrors(f: BulkForm): Partial<Record<keyof BulkForm, string>> {
  const errors: Partial<Record<keyof BulkForm, string>> = {};
  if (!f.method) errors.method = 'Hình thức nhận: chọn Tiền mặt hoặc Bưu điện.';
  if (!parseMonthVi(f.effectiveMonth))
    errors.effectiveMonth = 'Áp dụng từ tháng: nhập theo dạng tháng/năm, ví dụ 01/2026.';
  if (f.scope === 'pick' && f.selection.size === 0) errors.selection = 'Chưa chọn người nào.';
  return errors;
}

/** payout.bulkChange's paths: the selection (filter or people), the method, the month, the note. */
const bulkFieldOf = (path: string): keyof BulkForm | undefined =>
  path === 'selection' || path.startsWith('selection.')
    ? 'selection'
    : path === 'method' || path === 'effectiveMonth' || path === 'note'
      ? path
      : undefined;

export function BulkChangeButton({ query, onDone }: { query: RegisterQuery; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [news, setNews] = useState('');
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        title="Đổi hình thức nhận trợ cấp cho nhiều người"
        onClick={() => setOpen(true)}
      >
        Đổi hàng loạt
      </button>
      <span role="status" className={news ? 'bulk-news' : 'sr-only'}>
        {news}
      </span>
      {open && (
        <BulkChangeDialog
          query={query}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            setNews(message);
            onDone();
          }}
        />
      )}
    </>
  );
}

function BulkChangeDialog({
  query,
  onClose,
  onDone,
}: {
  query: RegisterQuery;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const checked = useCheckedForm<BulkForm>(
    () => ({ scope: 'filter', selection: new Set(), method: '', effectiveMonth: thisMonthVi(), note: '' }),
    localBulkErrors,
    bulkFieldOf,
  );
  const { scope, selection: picked, method, effectiveMonth: month, note } = checked.value;
  const errors = checked.errors;
  const set = (patch: Partial<BulkForm>) => {
    checked.change({ ...checked.value, ...patch }, Object.keys(patch) as Array<keyof BulkForm>);
    setFailure(undefined);
  };
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const { state: found } = useApi('people.search', { ...toInput(query), limit: PICK_LIMIT, offset: 0 });
  const rows =
    found.status === 'loaded'
      ? found.value.rows.filter((p) => p.status !== 'none')
      : found.status === 'failed'
        ? []
        : undefined;
  const total = found.status === 'loaded' && !found.value.totalCapped ? found.value.total : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      setFailure('Chưa lưu: kiểm tra các ô báo lỗi.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const { text, programme, groupCode, neighbourhoodId, method: m, status } = toInput(query);
      const selection =
        scope === 'pick'
          ? { personIds: [...picked] }
          : { filter: { text: text ?? '', programme, groupCode, neighbourhoodId, method: m, status } };
      const r = await api('payout.bulkChange', {
        selection,
        method: method as (typeof BULK_METHODS)[number],
        effectiveMonth: month,
        note,
      });
      const label = METHOD_LABELS[method as (typeof BULK_METHODS)[number]];
      onDone(
        `Đã đổi ${formatCount(r.count)} người sang «${label}» từ tháng ${formatMonthVi(parseMonthVi(month)!)}.${r.warnings.map((w) => ` ${w.message}`).join('')}`,
      );
    } catch (error) {
      const rest = checked.takeIssues(issuesOf(error));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const toggle = (id: number) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selection: next });
  };

  return (
    <Dialog title="Đổi hình thức nhận hàng loạt" onClose={onClose} wide>
      <form ref={formRef} onSubmit={submit} noValidate>
        <fieldset className="dialog-fieldset">
          <legend>Áp dụng cho</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="bulk-scope"
              checked={scope === 'filter'}
              onChange={() => set({ scope: 'filter' })}
            />{' '}
            Tất cả người hưởng khớp tìm kiếm và bộ lọc hiện tại
            {total !== undefined && ` (${formatCount(total)} người trong danh sách)`}
          </label>
          <label className="checkbox">
            <input type="radio" name="bulk-scope" checked={scope === 'pick'} onChange={() => set({ scope: 'pick' })} />{' '}
            Chọn từng người
          </label>
          {scope === 'pick' && (
            <>
              {rows === undefined ? (
                <p role="status">Đang tải…</p>
              ) : (
                <>
                  <p className="hint">
                    Đã chọn {picked.size} người.{' '}
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => set({ selection: new Set(rows.map((r) => r.id)) })}
                    >
                      Chọn tất cả ({rows.length})
                    </button>{' '}
                    <button type="button" className="btn btn-link" onClick={() => set({ selection: new Set() })}>
                      Bỏ chọn
                    </button>
                    {rows.length >= PICK_LIMIT &&
                      ` Chỉ hiện ${PICK_LIMIT} người đầu: thu hẹp bộ lọc để chọn người khác.`}
                  </p>
                  <ul className="bulk-people" aria-label="Người hưởng">
                    {rows.map((r) => (
                      <li key={r.id}>
                        <label className="checkbox">
                          <input type="checkbox" checked={picked.has(r.id)} onChange={() => toggle(r.id)} />{' '}
                          {r.fullName} · {r.birthText} · {r.neighbourhood}
                          {r.method && ` · ${METHOD_LABELS[r.method]}`}
                        </label>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
          {errors.selection && <p className="field-error">{errors.selection}</p>}
        </fieldset>
        <div className="field-grid payout-grid-3">
          <SelectField
            id="bulk-method"
            label="Hình thức nhận mới"
            required
            value={method}
            emptyLabel="— Chọn —"
            options={BULK_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
            onChange={(v) => set({ method: v as BulkForm['method'] })}
            error={errors.method}
            hint="Chuyển khoản cần tài khoản riêng: đổi từng người trên trang hồ sơ."
          />
          <MonthField
            id="bulk-month"
            label="Áp dụng từ tháng"
            required
            value={month}
            onChange={(v) => set({ effectiveMonth: v })}
            onBlur={() => checked.blur('effectiveMonth')}
            error={errors.effectiveMonth}
            hint="Tháng/năm, ví dụ 01/2026"
          />
          <TextField
            id="bulk-note"
            label="Ghi chú"
            value={note}
            onChange={(v) => set({ note: v })}
            error={errors.note}
          />
        </div>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Đổi hình thức" />
      </form>
    </Dialog>
  );
}
