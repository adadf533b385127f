import { useRef, useState, type FormEvent } from 'react';
import type { BankView } from '@shared/api/payout';
import { bankShortName } from '@shared/domain/payout';
import { api } from '../../api/client';
import { apiKey, queryClient, useApi } from '../../api/query';
import { TextField } from '../../components/TextField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../errors';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import '../register/payout/payout.css';

// Cài đặt → Ngân hàng (administrator): the banks offered for accounts, their NAPAS BIN and the length of
// their account numbers (checked on every account entered). Banks are never deleted, only set unused.

interface BankForm {
  code: string;
  name: string;
  napasBin: string;
  lengthMin: string;
  lengthMax: string;
  active: boolean;
  sortOrder: string;
}

const EMPTY: BankForm = {
  code: '',
  name: '',
  napasBin: '',
  lengthMin: '6',
  lengthMax: '19',
  active: true,
  sortOrder: '10',
};
const toForm = (b: BankView): BankForm => ({
  code: b.code,
  name: b.name,
  napasBin: b.napasBin,
  lengthMin: String(b.lengthMin),
  lengthMax: String(b.lengthMax),
  active: b.active,
  sortOrder: String(b.sortOrder),
});

type BankField = Exclude<keyof BankForm, 'active'>;

function localBankErrors(form: BankForm): Partial<Record<keyof BankForm, string>> {
  const errors: Partial<Record<keyof BankForm, string>> = {};
  if (!form.code.trim()) errors.code = 'Mã ngân hàng: không được để trống.';
  if (!form.name.trim()) errors.name = 'Tên ngân hàng: không được để trống.';
  const min = Number(form.lengthMin);
  const max = Number(form.lengthMax);
  if (!Number.isInteger(min) || min < 1 || min > 30) errors.lengthMin = 'Độ dài tối thiểu: số từ 1 đến 30.';
  if (!Number.isInteger(max) || max < 1 || max > 30) errors.lengthMax = 'Độ dài tối đa: số từ 1 đến 30.';
  else if (!errors.lengthMin && min > max) errors.lengthMin = 'Độ dài tối thiểu không được lớn hơn độ dài tối đa.';
  return errors;
}

/** banks.save's input paths are the form's keys; anything else goes to the form's message. */
const bankFieldOf = (path: string) => (path in EMPTY ? (path as keyof BankForm) : undefined);

export function BanksPage() {
  // Loaded again by the data layer after each save.
  const banksQuery = useApi('banks.list', {});
  const banks: BankView[] | undefined = banksQuery.value;
  const loadError = banksQuery.state.status === 'failed' ? banksQuery.state.message : undefined;
  const checked = useCheckedForm<BankForm>(EMPTY, localBankErrors, bankFieldOf);
  const form = checked.value;
  const errors = checked.errors;
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | undefined>();
  const [news, setNews] = useState('');
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (patch: Partial<BankForm>) => {
    checked.change({ ...form, ...patch }, Object.keys(patch) as Array<keyof BankForm>);
    setFailure(undefined);
  };
  /** Another bank (or a new one) in the form: the last attempt's messages no longer apply. */
  const startWith = (next: BankForm, code: string | null) => {
    checked.reset(next);
    setEditing(code);
    setFailure(undefined);
  };

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
      const list = await api('banks.save', {
        code: form.code,
        name: form.name,
        napasBin: form.napasBin,
        lengthMin: Number(form.lengthMin),
        lengthMax: Number(form.lengthMax),
        active: form.active,
        sortOrder: Number(form.sortOrder) || 0,
      });
      // The saved list is shown at once; the data layer's reload after the command confirms it.
      queryClient.setQueryData(apiKey('banks.list', {}), list);
      setNews(`Đã lưu ngân hàng ${bankShortName({ name: form.name })}.`);
      startWith(EMPTY, null);
    } catch (error) {
      const rest = checked.takeIssues(issuesOf(error));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  const field = (
    key: BankField,
    label: string,
    extra: { hint?: string; required?: boolean; inputMode?: 'numeric' } = {},
  ) => (
    <TextField
      id={`bank-${key}`}
      label={label}
      value={form[key]}
      onChange={(v) => set({ [key]: v } as Partial<BankForm>)}
      onBlur={() => checked.blur(key)}
      error={errors[key]}
      {...extra}
    />
  );

  return (
    <section className="panel" aria-labelledby="banks-heading">
      <h2 id="banks-heading">Ngân hàng</h2>
      <p className="hint">
        Danh sách ngân hàng dùng khi nhập tài khoản nhận trợ cấp; số tài khoản được kiểm tra theo độ dài của từng ngân
        hàng.
      </p>
      <p role="status" className="outcome">
        {news}
      </p>
      {loadError && (
        <div className="message message-error" role="alert">
          <p>{loadError}</p>
        </div>
      )}
      {banks && (
        <div className="table-scroll">
          <table className="data-table banks-table" aria-label="Danh sách ngân hàng">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên ngân hàng</th>
                <th scope="col">Mã BIN (NAPAS)</th>
                <th scope="col">Số chữ số của tài khoản</th>
                <th scope="col">Đang dùng</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {banks.map((b) => (
                <tr key={b.code}>
                  <th scope="row">{b.code}</th>
                  <td>{b.name}</td>
                  <td>{b.napasBin}</td>
                  <td>{b.lengthMin === b.lengthMax ? b.lengthMin : `${b.lengthMin}–${b.lengthMax}`}</td>
                  <td>{b.active ? 'Có' : 'Không'}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-secondary"
                      aria-label={`Sửa ${b.shortName}`}
                      onClick={() => {
                        startWith(toForm(b), b.code);
                        setNews('');
                      }}
                    >
                      Sửa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-label={editing ? `Sửa ngân hàng ${editing}` : 'Thêm ngân hàng'}
      >
        <h3 className="timeline-title">{editing ? `Sửa ngân hàng ${editing}` : 'Thêm ngân hàng'}</h3>
        <div className="field-grid payout-grid-4">
          {editing ? (
            <TextField
              id="bank-code"
              label="Mã ngân hàng"
              value={form.code}
              onChange={() => undefined}
              hint="Không đổi được mã"
            />
          ) : (
            field('code', 'Mã ngân hàng', { required: true, hint: 'Chữ in hoa không dấu, ví dụ SACOMBANK' })
          )}
          {field('name', 'Tên ngân hàng', { required: true, hint: 'Tên đầy đủ, tên ngắn trong ngoặc: (Sacombank)' })}
          {field('napasBin', 'Mã BIN (NAPAS)', { inputMode: 'numeric', hint: '6 chữ số' })}
          {field('sortOrder', 'Thứ tự', { inputMode: 'numeric' })}
          {field('lengthMin', 'Số chữ số tối thiểu', { required: true, inputMode: 'numeric' })}
          {field('lengthMax', 'Số chữ số tối đa', { required: true, inputMode: 'numeric' })}
          <label className="checkbox">
            <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> Đang
            dùng
          </label>
        </div>
        <div className="dialog-actions">
          <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
            {failure ?? ''}
          </p>
          <div className="dialog-buttons">
            {editing && (
              <button type="button" className="btn btn-secondary" onClick={() => startWith(EMPTY, null)}>
                Huỷ sửa
              </button>
            )}
            <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
              {saving ? 'Đang lưu…' : 'Lưu ngân hàng'}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
