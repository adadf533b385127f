import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { HeirView } from '@shared/api/ledger';
import { HEIR_METHOD_LABELS } from '@shared/api/ledger-labels';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { localDateError } from '../decision/decisionForm';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { useBanks } from '../payout/usePayout';
import { DialogActions } from '../../../components/DialogActions';

// Xác định người thừa kế: money still owed to someone who has died is paid to the heir (or whoever
// organised the funeral) named here with the paper that proves it, in cash or to the heir's own account,
// never to the deceased's account or under an authorization (ledger.nameHeir).

interface HeirForm {
  fullName: string;
  relationship: string;
  citizenId: string;
  paperKind: string;
  paperNumber: string;
  paperDate: string;
  method: 'CASH_WARD' | 'OWN_ACCOUNT';
  bankCode: string;
  branch: string;
  accountNumber: string;
  holderName: string;
  note: string;
}

const PAPER_KINDS = [
  'Văn bản thỏa thuận phân chia di sản',
  'Văn bản khai nhận di sản',
  'Giấy ủy quyền của những người thừa kế',
  'Giấy xác nhận người lo mai táng',
];

const empty = (h: HeirView | null): HeirForm => ({
  fullName: h?.fullName ?? '',
  relationship: h?.relationship ?? '',
  citizenId: h?.citizenId ?? '',
  paperKind: h?.paperKind ?? '',
  paperNumber: h?.paperNumber ?? '',
  paperDate: '',
  method: h?.method ?? 'CASH_WARD',
  bankCode: h?.bankCode ?? '',
  branch: h?.branch ?? '',
  accountNumber: h?.accountNumber ?? '',
  holderName: h?.holderName ?? '',
  note: '',
});

const required = (v: string, label: string) => (v.trim() ? undefined : `${label}: không được để trống.`);

export function HeirDialog({
  personId,
  deceasedName,
  heldVnd,
  current,
  onDone,
  onClose,
}: {
  personId: number;
  deceasedName: string;
  heldVnd: number;
  current: HeirView | null;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const form = useCheckedForm<HeirForm>(
    () => empty(current),
    (v) => ({
      fullName: required(v.fullName, 'Họ tên người thừa kế'),
      relationship: required(v.relationship, 'Quan hệ với người đã mất'),
      paperKind: required(v.paperKind, 'Loại giấy tờ chứng minh'),
      paperNumber: required(v.paperNumber, 'Số giấy tờ'),
      paperDate: localDateError(v.paperDate, 'Ngày giấy tờ'),
      ...(v.method === 'OWN_ACCOUNT'
        ? {
            bankCode: v.bankCode ? undefined : 'Ngân hàng: hãy chọn.',
            accountNumber: /^\d{6,19}$/.test(v.accountNumber.replace(/[\s.]/g, ''))
              ? undefined
              : 'Số tài khoản: chỉ gồm chữ số (6–19 số).',
          }
        : {}),
    }),
  );
  const banks = useBanks();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => setFailure(undefined), [form.value]);
  const formRef = useRef<HTMLFormElement>(null);
  const v = form.value;
  const set = <K extends keyof HeirForm>(key: K, value: HeirForm[K]) => form.change({ ...v, [key]: value }, key);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    form.showAll();
    if (Object.values(form.localErrors).some(Boolean)) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setSaving(true);
    try {
      const account = v.method === 'OWN_ACCOUNT';
      const heir = await api('ledger.nameHeir', {
        personId,
        fullName: v.fullName,
        relationship: v.relationship,
        ...(v.citizenId.trim() ? { citizenId: v.citizenId.trim() } : {}),
        paperKind: v.paperKind,
        paperNumber: v.paperNumber,
        paperDate: v.paperDate,
        method: v.method,
        ...(account
          ? {
              bankCode: v.bankCode,
              accountNumber: v.accountNumber,
              holderName: v.holderName.trim() || v.fullName,
              ...(v.branch.trim() ? { branch: v.branch } : {}),
            }
          : {}),
        ...(v.note.trim() ? { note: v.note } : {}),
      });
      onDone(
        outcomeOf(
          `Đã xác định người thừa kế của ${deceasedName}: ${heir.fullName} (${heir.relationship}), nhận bằng ${HEIR_METHOD_LABELS[heir.method].toLowerCase()}.`,
          [],
        ),
      );
    } catch (error) {
      form.takeIssues(issuesOf(error));
      setFailure(messageOf(error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    } finally {
      setSaving(false);
    }
  };

  const id = 'heir';
  return (
    <Dialog title={`Xác định người thừa kế — ${deceasedName}`} onClose={onClose} wide>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p className="hint">
          {heldVnd > 0 ? `Số tiền người đã mất còn được hưởng: ${formatVnd(heldVnd)} đồng. ` : ''}Kỳ chi trả tới sẽ chi
          cho người thừa kế; không chi vào tài khoản của người đã mất hay theo giấy ủy quyền (hết hiệu lực khi người ủy
          quyền mất).
        </p>
        <div className="dialog-grid">
          <TextField
            id={`${id}-name`}
            label="Họ tên người thừa kế / người lo mai táng"
            required
            value={v.fullName}
            onChange={(x) => set('fullName', x)}
            onBlur={() => form.blur('fullName')}
            error={form.errors.fullName}
            className="span-2"
          />
          <TextField
            id={`${id}-relation`}
            label="Quan hệ với người đã mất"
            required
            hint="Ví dụ: con, vợ, chồng"
            value={v.relationship}
            onChange={(x) => set('relationship', x)}
            onBlur={() => form.blur('relationship')}
            error={form.errors.relationship}
          />
          <TextField
            id={`${id}-cccd`}
            label="Số CCCD người nhận"
            inputMode="numeric"
            value={v.citizenId}
            onChange={(x) => set('citizenId', x)}
            error={form.errors.citizenId}
          />
          <TextField
            id={`${id}-paper-kind`}
            label="Loại giấy tờ chứng minh"
            required
            list={`${id}-paper-kinds`}
            value={v.paperKind}
            onChange={(x) => set('paperKind', x)}
            onBlur={() => form.blur('paperKind')}
            error={form.errors.paperKind}
            className="span-2"
          />
          <datalist id={`${id}-paper-kinds`}>
            {PAPER_KINDS.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <TextField
            id={`${id}-paper-number`}
            label="Số giấy tờ"
            required
            value={v.paperNumber}
            onChange={(x) => set('paperNumber', x)}
            onBlur={() => form.blur('paperNumber')}
            error={form.errors.paperNumber}
          />
          <TextField
            id={`${id}-paper-date`}
            label="Ngày giấy tờ"
            required
            hint="Ngày/tháng/năm"
            value={v.paperDate}
            onChange={(x) => set('paperDate', x)}
            onBlur={() => form.blur('paperDate')}
            error={form.errors.paperDate}
          />
        </div>
        <fieldset className="radio-group">
          <legend>Nhận tiền bằng</legend>
          {(['CASH_WARD', 'OWN_ACCOUNT'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="heir-method" checked={v.method === m} onChange={() => set('method', m)} />{' '}
              {HEIR_METHOD_LABELS[m]}
            </label>
          ))}
        </fieldset>
        {v.method === 'OWN_ACCOUNT' && (
          <div className="dialog-grid">
            <SelectField
              id={`${id}-bank`}
              label="Ngân hàng"
              required
              value={v.bankCode}
              emptyLabel={banks ? '— Chọn —' : 'Đang tải…'}
              options={(banks ?? []).filter((b) => b.active).map((b) => ({ value: b.code, label: b.name }))}
              onChange={(x) => set('bankCode', x)}
              error={form.errors.bankCode}
            />
            <TextField id={`${id}-branch`} label="Chi nhánh" value={v.branch} onChange={(x) => set('branch', x)} />
            <TextField
              id={`${id}-account`}
              label="Số tài khoản"
              required
              inputMode="numeric"
              value={v.accountNumber}
              onChange={(x) => set('accountNumber', x)}
              onBlur={() => form.blur('accountNumber')}
              error={form.errors.accountNumber}
            />
            <TextField
              id={`${id}-holder`}
              label="Chủ tài khoản"
              hint="Để trống: là người thừa kế"
              value={v.holderName}
              onChange={(x) => set('holderName', x)}
              error={form.errors.holderName}
            />
          </div>
        )}
        <TextField
          id={`${id}-note`}
          label="Ghi chú"
          value={v.note}
          onChange={(x) => set('note', x)}
          error={form.errors.note}
        />
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Lưu người thừa kế" />
      </form>
    </Dialog>
  );
}
