import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { TextField } from '../../components/TextField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../errors';

// Thêm phường, xã dự kiến (issue 17): the receiving office lists the wards it expects reports from, so a
// ward that never sent one shows under «chưa báo cáo» in the month's figures. Administrators only, as main
// checks (receiving.addWard). Adding a code that is already known renames it (main upserts). The wards'
// list and the month's figures reload through the data layer's invalidation after the command.

interface WardForm {
  code: string;
  name: string;
  province: string;
}

const EMPTY: WardForm = { code: '', name: '', province: '' };

function localErrors(v: WardForm): Partial<Record<keyof WardForm, string>> {
  return {
    code: /^\d{5}$/.test(v.code.trim()) ? undefined : 'Mã đơn vị hành chính: 5 chữ số.',
    name: v.name.trim() ? undefined : 'Tên phường, xã: cần nhập.',
  };
}

export function ExpectedWardForm() {
  const allowed = useCan('receiving.addWard');
  const form = useCheckedForm<WardForm>(EMPTY, localErrors);
  const [added, setAdded] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  if (!allowed) return null;
  const v = form.value;
  const set = (field: keyof WardForm) => (value: string) => {
    form.change({ ...v, [field]: value }, field);
    setFailure(undefined);
    setAdded(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.showAll();
    if (form.hasLocalErrors) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await api('receiving.addWard', { code: v.code.trim(), name: v.name, province: v.province });
      setAdded(`Đã thêm ${v.name.trim()} (mã ${v.code.trim()}) vào danh sách phường, xã.`);
      form.reset(EMPTY);
    } catch (error) {
      const rest = form.takeIssues(issuesOf(error));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="expected-ward-form"
      onSubmit={submit}
      noValidate
      aria-label="Thêm phường, xã dự kiến gửi báo cáo"
    >
      <h3>Thêm phường, xã dự kiến gửi báo cáo</h3>
      <div className="expected-ward-fields">
        <TextField
          id="expected-ward-code"
          label="Mã đơn vị hành chính"
          required
          value={v.code}
          onChange={set('code')}
          onBlur={() => form.blur('code')}
          error={form.errors.code}
          hint="5 chữ số, theo danh mục đơn vị hành chính. Ví dụ: 26734"
          inputMode="numeric"
        />
        <TextField
          id="expected-ward-name"
          label="Tên phường, xã"
          required
          value={v.name}
          onChange={set('name')}
          onBlur={() => form.blur('name')}
          error={form.errors.name}
          hint="Ví dụ: Phường Tân Định"
        />
        <TextField
          id="expected-ward-province"
          label="Tỉnh/thành phố"
          value={v.province}
          onChange={set('province')}
          onBlur={() => form.blur('province')}
          error={form.errors.province}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Thêm phường, xã
      </button>
      {added && (
        <p className="message message-info" role="status">
          {added}
        </p>
      )}
      {failure && (
        <p className="message message-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
