import { useState, type FormEvent } from 'react';
import type { TransferPreview } from '@shared/api/person-file';
import { formatBirthDate, formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { TERM_STATUS_LABELS } from '@shared/domain/labels';
import { api } from '../../../api/client';
import { FilePicker } from '../../../components/FilePicker';
import { PasswordField } from '../../../components/PasswordField';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { TextField } from '../../../components/TextField';
import { messageOf } from '../../../errors';
import { hrefFor, navigate } from '../../../routing';
import { readFileBase64 } from '../../../components/readFile';
import { outcomeOf, setFlash } from '../../../components/outcome';
import { REGISTER_PATHS, personPagePath } from '../paths';

// Nhận hồ sơ chuyển đến (issue 16): choose the transfer file another ward gave (encrypted: with the
// passphrase it told by phone), check it (format, version, checksum, signature, every field; the citizen
// ID not already in the register), compare the checksum and key fingerprint with the stamped paper file,
// enter the address here, then receive: the person is created with the previous ward's history; paying
// starts from this ward's own decision ("+ Thêm chế độ" on the person's page).

const MAX_MB = 2;

export function TransferImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<TransferPreview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [address, setAddress] = useState('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [saving, setSaving] = useState(false);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setPreview(undefined);
    if (!file) return setError('Chưa chọn tệp chuyển hồ sơ.');
    if (file.size > MAX_MB * 1024 * 1024) return setError(`Tệp quá lớn: tệp chuyển hồ sơ chỉ đến ${MAX_MB} MB.`);
    setChecking(true);
    try {
      setPreview(
        await api('personFile.importPreview', {
          fileName: file.name,
          contentBase64: await readFileBase64(file),
          passphrase,
        }),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setChecking(false);
    }
  };

  const receive = async () => {
    if (!preview || saving) return;
    setSaving(true);
    setError(undefined);
    try {
      const result = await api('personFile.importCommit', { token: preview.token, address, neighbourhood });
      setFlash(
        outcomeOf(
          `Đã nhận hồ sơ ${preview.payload.person.fullName} chuyển đến từ ${preview.payload.from.unitName}.`,
          result.warnings,
        ),
      );
      navigate(personPagePath(result.personId));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  const p = preview?.payload;
  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <div className="screen-head">
        <ScreenTitle>Nhận hồ sơ chuyển đến</ScreenTitle>
      </div>
      <form className="panel" onSubmit={check} noValidate aria-label="Chọn tệp chuyển hồ sơ">
        <p className="hint">
          Chọn tệp chuyển hồ sơ (.chuyen-ho-so.json, hoặc .sasbak khi được mã hoá) do nơi chuyển đi gửi, và cụm mật khẩu
          nơi đó báo.
        </p>
        <div className="field">
          <FilePicker
            label="Tệp chuyển hồ sơ"
            accept=".json,.sasbak"
            onPick={(f) => {
              setFile(f);
              setPreview(undefined);
            }}
          />
        </div>
        <PasswordField
          id="transfer-passphrase"
          label="Cụm mật khẩu (khi tệp được mã hoá)"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
        />
        <div className="dialog-buttons">
          <button type="submit" className="btn btn-primary" disabled={checking}>
            {checking ? 'Đang kiểm tra…' : 'Kiểm tra tệp'}
          </button>
        </div>
      </form>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {preview && p && (
        <section className="panel transfer-preview" aria-labelledby="transfer-preview-heading">
          <h2 id="transfer-preview-heading">
            {p.person.fullName} — chuyển từ {p.from.unitName} ngày {formatDateVi(p.movedDate)}
          </h2>
          <p className="message message-info" role="status">
            Tệp hợp lệ: đúng định dạng (số {preview.schemaVersion}), mã kiểm tra và chữ ký khớp
            {preview.encrypted ? ', giải mã được' : ''}. Đối chiếu với hồ sơ giấy có đóng dấu của nơi chuyển đi: mã kiểm
            tra SHA-256 <code className="transfer-code">{preview.sha256}</code>, dấu vân tay khoá ký{' '}
            <code className="transfer-code">{preview.keyFingerprint}</code>.
          </p>
          {preview.warnings.map((w) => (
            <p key={w} className="message message-error">
              {w}
            </p>
          ))}
          <dl className="transfer-facts">
            <dt>Ngày sinh</dt>
            <dd>
              {p.person.birthDate && p.person.birthPrecision !== 'unknown'
                ? formatBirthDate({ precision: p.person.birthPrecision, value: p.person.birthDate })
                : '—'}
            </dd>
            <dt>Số định danh</dt>
            <dd>{p.person.citizenId || '—'}</dd>
            <dt>Giới tính</dt>
            <dd>{p.person.gender === 'male' ? 'Nam' : p.person.gender === 'female' ? 'Nữ' : '—'}</dd>
            <dt>Địa chỉ cũ</dt>
            <dd>{[p.person.address, p.person.neighbourhood].filter(Boolean).join(', ') || '—'}</dd>
            <dt>Quyết định thôi hưởng</dt>
            <dd>
              {[
                p.stopDecision.number,
                p.stopDecision.signedDate ? `ngày ${formatDateVi(p.stopDecision.signedDate)}` : '',
              ]
                .filter(Boolean)
                .join(' ') || '—'}
            </dd>
            <dt>Đã chi trả tại nơi cũ</dt>
            <dd>
              {formatVnd(p.money.paidVnd)} đồng
              {p.money.paidThrough ? `, chi đến hết tháng ${formatMonthVi(p.money.paidThrough)}` : ''}
            </dd>
          </dl>
          <h3>Chế độ ở nơi cũ (giữ làm lịch sử)</h3>
          {p.entitlements.length === 0 ? (
            <p className="empty-note">Không có.</p>
          ) : (
            <ul>
              {p.entitlements.map((e, i) => {
                const last = e.terms[e.terms.length - 1];
                return (
                  <li key={i}>
                    {e.programmeLabel}: {formatMonthVi(e.startMonth)} – {e.endMonth ? formatMonthVi(e.endMonth) : 'nay'}
                    {last ? ` · ${last.groupLabel || last.categoryLabel} · ${TERM_STATUS_LABELS[last.status]}` : ''}
                  </li>
                );
              })}
            </ul>
          )}
          <p>
            {preview.counts.decisions} quyết định, {preview.counts.payoutMethods} lần đổi hình thức nhận,{' '}
            {preview.counts.authorizations} giấy ủy quyền, {preview.counts.months} dòng lịch sử tiền.
          </p>
          <p className="hint">
            Nhận hồ sơ tạo người này trong sổ với lịch sử của nơi cũ; chưa có chế độ nào tại đơn vị: ghi quyết định
            hưởng của đơn vị để bắt đầu chi trả từ tháng sau tháng nơi cũ đã chi.
          </p>
          <div className="dialog-grid">
            <TextField id="transfer-address" label="Địa chỉ tại đơn vị" value={address} onChange={setAddress} />
            <TextField
              id="transfer-neighbourhood"
              label="Khu phố/Tổ dân phố"
              value={neighbourhood}
              onChange={setNeighbourhood}
            />
          </div>
          <div className="dialog-buttons">
            <button type="button" className="btn btn-primary" onClick={() => void receive()} disabled={saving}>
              {saving ? 'Đang lưu…' : 'Nhận hồ sơ'}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
