import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { AuditChainResult, UserView } from '@shared/api/auth';
import { parseDateVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { messageOf } from '../../../errors';
import { hrefFor } from '../../../routing';
import { PersonPicker, type PickedPerson } from '../../../components/PersonPicker';
import { personPagePath } from '../../register/paths';
import { formatLocalDateTime } from '../time';
import { AuditExportButton } from './AuditExportButton';
import { actionLabel, ACTION_FILTERS, detailNote, entityLabel, isRefusal } from './auditLabels';

// Nhật ký: who did what, when, to whom. Filters by user, kind of action, person and dates (typed
// dd/mm/yyyy, sent as yyyy-mm-dd); pages of 50; export of the filtered log to Excel; and the check that
// no entry was altered or removed since it was written (the entries are chained by their hashes).

const PAGE_SIZE = 50;

interface FilterForm {
  userId: string;
  action: string;
  person: PickedPerson | undefined;
  from: string;
  to: string;
}

export interface AuditFilter {
  userId?: number;
  action?: string;
  personId?: number;
  from?: string;
  to?: string;
}

const EMPTY_FORM: FilterForm = { userId: '', action: '', person: undefined, from: '', to: '' };

type DateErrors = { from?: string; to?: string };

function toFilter(form: FilterForm): { filter: AuditFilter; errors: DateErrors } {
  const errors: DateErrors = {};
  const date = (text: string, key: 'from' | 'to', label: string) => {
    if (!text.trim()) return undefined;
    const iso = parseDateVi(text);
    if (!iso) errors[key] = `${label}: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.`;
    return iso ?? undefined;
  };
  const from = date(form.from, 'from', 'Từ ngày');
  const to = date(form.to, 'to', 'Đến ngày');
  if (from && to && from > to) errors.to = 'Đến ngày phải sau Từ ngày.';
  const filter: AuditFilter = {};
  if (form.userId) filter.userId = Number(form.userId);
  if (form.action) filter.action = form.action;
  if (form.person) filter.personId = form.person.id;
  if (from) filter.from = from;
  if (to) filter.to = to;
  return { filter, errors };
}

const NO_USERS: UserView[] = [];

export function AuditPage() {
  const users = useApi('users.list', {}).value ?? NO_USERS;
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<DateErrors>({});
  const [applied, setApplied] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  // The page on screen stays while another page or filter loads.
  const { state: loaded, reload } = useApi(
    'audit.list',
    { ...applied, limit: PAGE_SIZE, offset },
    { keepPrevious: true },
  );
  const page = loaded.status === 'loaded' ? { status: 'loaded' as const, ...loaded.value } : loaded;
  const tableRef = useRef<HTMLTableElement>(null);

  const usernames = useMemo(() => new Map(users.map((u) => [u.id, u.username])), [users]);
  const fullNames = useMemo(() => new Map(users.map((u) => [u.username, u.fullName])), [users]);

  const edit = (patch: Partial<FilterForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    if ('from' in patch || 'to' in patch) setErrors({});
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const { filter, errors: found } = toFilter(form);
    setErrors(found);
    if (found.from || found.to) {
      document.getElementById(found.from ? 'audit-from' : 'audit-to')?.focus();
      return;
    }
    // "Lọc" with the same filter asks main again (new entries may have been written meanwhile).
    if (offset === 0 && JSON.stringify(filter) === JSON.stringify(applied)) reload();
    setApplied(filter);
    setOffset(0);
  };

  const clear = () => {
    setForm(EMPTY_FORM);
    setErrors({});
    setApplied({});
    setOffset(0);
  };

  const turnPage = (to: number) => {
    setOffset(to);
    tableRef.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Nhật ký</h2>
      <p className="panel-lead">
        Mọi việc ghi vào sổ, mọi lần đăng nhập và mọi thao tác bị từ chối đều được ghi lại; phần mềm không cho sửa hay
        xoá. Người sửa được tệp dữ liệu vẫn có thể viết lại nhật ký: việc đó lộ ra khi so với các mốc neo đã in hoặc gửi
        đi.
      </p>

      <form className="audit-filters" onSubmit={apply} noValidate aria-label="Lọc nhật ký">
        <SelectField
          id="audit-user"
          label="Người thực hiện"
          value={form.userId}
          emptyLabel="Tất cả"
          options={users.map((u) => ({ value: String(u.id), label: `${u.fullName} (${u.username})` }))}
          onChange={(userId) => edit({ userId })}
        />
        <SelectField
          id="audit-action"
          label="Thao tác"
          value={form.action}
          emptyLabel="Tất cả thao tác"
          options={ACTION_FILTERS}
          onChange={(action) => edit({ action })}
        />
        <TextField
          id="audit-from"
          label="Từ ngày"
          value={form.from}
          onChange={(from) => edit({ from })}
          error={errors.from}
          placeholder="ngày/tháng/năm"
          inputMode="numeric"
        />
        <TextField
          id="audit-to"
          label="Đến ngày"
          value={form.to}
          onChange={(to) => edit({ to })}
          error={errors.to}
          placeholder="ngày/tháng/năm"
          inputMode="numeric"
        />
        <div className="span-2">
          {form.person && <p className="field-label">Người liên quan</p>}
          <PersonPicker
            id="audit-person"
            label="Người liên quan (tìm theo họ tên hoặc số định danh)"
            required={false}
            picked={form.person}
            onPick={(person) => edit({ person })}
          />
        </div>
        <div className="audit-filter-buttons">
          <button type="button" className="btn btn-secondary" onClick={clear}>
            Bỏ lọc
          </button>
          <button type="submit" className="btn btn-primary">
            Lọc
          </button>
        </div>
      </form>

      <div className="audit-tools">
        <p className="audit-count" role="status">
          {page.status === 'loaded'
            ? countText(page.total, offset, page.rows.length, Object.keys(applied).length > 0)
            : page.status === 'loading'
              ? 'Đang tải nhật ký…'
              : ''}
        </p>
        <AuditExportButton filter={applied} />
        <VerifyButton />
      </div>

      {page.status === 'failed' && (
        <div className="message message-error" role="alert">
          <p>Không tải được nhật ký. {page.message}</p>
          <button type="button" className="btn btn-secondary" onClick={reload}>
            Thử lại
          </button>
        </div>
      )}

      {page.status === 'loaded' && page.rows.length > 0 && (
        <div className="table-scroll">
          <table ref={tableRef} className="data-table audit-table">
            <caption className="sr-only">Các mục nhật ký, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Thao tác</th>
                <th scope="col">Dữ liệu</th>
                <th scope="col">Người liên quan</th>
                <th scope="col">Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className="audit-at">{formatLocalDateTime(row.at)}</td>
                  <td>
                    {fullNames.get(row.userName) ?? row.userName}
                    {fullNames.has(row.userName) && <span className="muted"> ({row.userName})</span>}
                  </td>
                  <td className={isRefusal(row.action) ? 'audit-refused' : undefined}>{actionLabel(row.action)}</td>
                  <td>{entityLabel(row, (id) => usernames.get(id))}</td>
                  <td>
                    {row.personId !== null ? (
                      <a href={hrefFor(personPagePath(row.personId))}>{row.personName ?? `Hồ sơ số ${row.personId}`}</a>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>{detailNote(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.status === 'loaded' && page.rows.length === 0 && (
        <p className="empty-note">Không có mục nào khớp với bộ lọc.</p>
      )}

      {page.status === 'loaded' && page.total > PAGE_SIZE && (
        <nav className="audit-pager" aria-label="Trang nhật ký">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={offset === 0}
            onClick={() => turnPage(Math.max(0, offset - PAGE_SIZE))}
          >
            ← Trang trước
          </button>
          <span>
            Trang {Math.floor(offset / PAGE_SIZE) + 1} / {Math.ceil(page.total / PAGE_SIZE)}
          </span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => turnPage(offset + PAGE_SIZE)}
          >
            Trang sau →
          </button>
        </nav>
      )}
    </section>
  );
}

function countText(total: number, offset: number, shown: number, filtered: boolean): string {
  if (total === 0) return filtered ? 'Không có mục nào khớp bộ lọc' : 'Nhật ký chưa có mục nào';
  const n = (x: number) => x.toLocaleString('vi-VN');
  const what = filtered ? 'mục khớp bộ lọc' : 'mục';
  return total <= shown ? `${n(total)} ${what}` : `Mục ${n(offset + 1)}–${n(offset + shown)} trong ${n(total)} ${what}`;
}

/** Kiểm tra tính toàn vẹn: walks the hash chain of the whole log. */
function VerifyButton() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditChainResult | { error: string } | undefined>();

  const verify = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult(await api('audit.verify', {}));
    } catch (error) {
      setResult({ error: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const broken = result && 'ok' in result && !result.ok;
  const failed = result && 'error' in result;
  const anchorWarning = result && 'ok' in result ? result.anchors?.warning : undefined;
  const whole = result && 'ok' in result && result.ok && !anchorWarning;
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={verify} aria-disabled={busy || undefined}>
        {busy ? 'Đang kiểm tra…' : 'Kiểm tra tính toàn vẹn'}
      </button>
      <p role="status" className={whole ? 'outcome outcome-ok audit-verify-result' : 'outcome'}>
        {whole ? `Nhật ký nguyên vẹn (${result.entries.toLocaleString('vi-VN')} mục)` : ''}
      </p>
      {result && 'ok' in result && (
        <p className="muted audit-anchor-facts">
          {result.anchors
            ? `Đã so với ${result.anchors.checked.toLocaleString('vi-VN')} mốc neo đã phát hành (in trên bảng tổng hợp chi trả, bộ báo cáo gửi tỉnh, bản sao lưu). `
            : ''}
          {result.head ? `Mục mới nhất: số ${result.head.seq}, mã ${result.head.hash}. ` : ''}
          Chuỗi mã chỉ chứng minh các mục nối đúng với nhau; người sửa được tệp dữ liệu có thể viết lại cả chuỗi, việc
          đó chỉ lộ ra khi so với mốc neo nằm ngoài tệp.
        </p>
      )}
      <p
        role="alert"
        className={broken || failed || anchorWarning ? 'outcome outcome-error audit-verify-result' : 'outcome'}
      >
        {broken && 'firstBrokenId' in result
          ? `Nhật ký bị sửa từ mục số ${result.firstBrokenId}. Không xoá, không sửa tệp dữ liệu; hãy báo ngay cho cán bộ kỹ thuật.`
          : failed
            ? result.error
            : (anchorWarning ?? '')}
      </p>
    </>
  );
}
