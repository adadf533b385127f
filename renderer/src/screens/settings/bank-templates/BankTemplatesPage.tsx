import { useEffect, useState, type FormEvent } from 'react';
import type { BankFilesSettings, BankTemplate } from '@shared/api/payroll-files';
import {
  BANK_COLUMN_LABELS,
  BANK_COLUMN_SOURCES,
  TEMPLATE_PLACEHOLDERS,
  transferDescription,
  type BankColumnSource,
} from '@shared/api/payroll-files-text';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useSession } from '../../../auth/session';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useSaveShortcut } from '../../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../../errors';
import '../../payroll/files/payroll-files.css';

// Cài đặt → Mẫu tệp ngân hàng: the bank batch templates (columns and their headers, title rows, name
// format, transfer description), so a ward can match what its bank asks for. The administrator edits;
// other roles read. The default ships with the app (resources/templates/bank-batch.json).

type Loaded = {
  settings: BankFilesSettings;
  defaults: BankFilesSettings;
  banks: Array<{ code: string; name: string }>;
};
type Issue = { path: string; message: string };

const SOURCE_OPTIONS = BANK_COLUMN_SOURCES.map((s) => ({ value: s, label: BANK_COLUMN_LABELS[s] }));
const NAME_FORMATS = [
  { value: 'upper-ascii', label: 'CHỮ IN HOA KHÔNG DẤU (NGUYEN THI HUONG)' },
  { value: 'as-written', label: 'Như trong sổ (Nguyễn Thị Hường)' },
];

export function BankTemplatesPage() {
  const { user } = useSession();
  const admin = user.role === 'admin';
  const query = useApi('payrollFiles.getSettings', {});
  const loaded: Loaded | undefined = query.value;
  const [settings, setSettings] = useState<BankFilesSettings | undefined>();
  const [index, setIndex] = useState(0);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | undefined>();
  const [saving, setSaving] = useState(false);

  // The saved templates fill the editor when they arrive (and again after a save: the ones just saved).
  useEffect(() => {
    if (loaded) setSettings(loaded.settings);
  }, [loaded]);
  const loadFailure = query.state.status === 'failed' ? { text: query.state.message, error: true } : undefined;

  useSaveShortcut(() => admin && void save());

  if (!settings || !loaded) {
    const failure = outcome ?? loadFailure;
    return (
      <section className="panel">
        {failure ? <p role="alert">{failure.text}</p> : <p role="status">Đang tải mẫu tệp ngân hàng…</p>}
      </section>
    );
  }
  const template = settings.templates[Math.min(index, settings.templates.length - 1)]!;
  const at = settings.templates.indexOf(template);
  const issue = (field: string) =>
    issues.find((i) => i.path === `templates.${at}.${field}` || i.path.startsWith(`templates.${at}.${field}.`))
      ?.message;

  const update = (patch: Partial<BankTemplate>) =>
    setSettings({ ...settings, templates: settings.templates.map((t, i) => (i === at ? { ...t, ...patch } : t)) });
  const updateColumn = (c: number, patch: Partial<BankTemplate['columns'][number]>) =>
    update({ columns: template.columns.map((col, i) => (i === c ? { ...col, ...patch } : col)) });
  const moveColumn = (c: number, by: number) => {
    const columns = [...template.columns];
    const [col] = columns.splice(c, 1);
    columns.splice(c + by, 0, col!);
    update({ columns });
  };

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!settings) return;
    setSaving(true);
    setOutcome(undefined);
    try {
      const saved = await api('payrollFiles.saveSettings', settings);
      setSettings(saved);
      setIssues([]);
      setOutcome({ text: 'Đã lưu mẫu tệp ngân hàng.', error: false });
    } catch (error) {
      setIssues(issuesOf(error));
      setOutcome({ text: messageOf(error), error: true });
    } finally {
      setSaving(false);
    }
  }

  const addTemplate = () => {
    const base = loaded.defaults.templates[0]!;
    const n = settings.templates.length + 1;
    setSettings({
      ...settings,
      templates: [...settings.templates, { ...base, id: `mau-${n}`, name: `Mẫu ${n}`, banks: [] }],
    });
    setIndex(settings.templates.length);
  };
  const removeTemplate = () => {
    setSettings({ ...settings, templates: settings.templates.filter((_t, i) => i !== at) });
    setIndex(0);
  };

  const example = transferDescription(template.descriptionPattern, template.descriptionMaxLength, {
    CONTENT: 'TRO CAP XH',
    MM: '01',
    YYYY: '2026',
    NAME: 'Nguyễn Thị Hường',
    PROGRAMME: 'BTXH',
    BANK: 'Agribank',
  });

  return (
    <section className="panel" aria-labelledby="bank-templates-heading">
      <h2 id="bank-templates-heading">Mẫu tệp chuyển khoản ngân hàng</h2>
      <p className="hint">
        Mỗi ngân hàng có thể dùng một mẫu riêng; ngân hàng không gắn mẫu nào dùng mẫu mặc định. Số tài khoản luôn được
        ghi dạng chữ (giữ số 0 ở đầu).
      </p>
      <div className="bank-templates-list" role="group" aria-label="Các mẫu">
        {settings.templates.map((t, i) => (
          <button
            key={`${t.id}-${i}`}
            type="button"
            className={i === at ? 'btn btn-primary' : 'btn btn-secondary'}
            aria-pressed={i === at}
            onClick={() => setIndex(i)}
          >
            {t.name}
            {t.banks.length === 0 ? ' (mặc định)' : ''}
          </button>
        ))}
        {admin && (
          <button type="button" className="btn btn-secondary" onClick={addTemplate}>
            Thêm mẫu
          </button>
        )}
      </div>

      <form onSubmit={(e) => void save(e)}>
        <fieldset disabled={!admin || saving}>
          <legend>{template.name}</legend>
          <div className="field-grid">
            <TextField
              id="bt-name"
              label="Tên mẫu"
              value={template.name}
              onChange={(name) => update({ name })}
              error={issue('name')}
              required
            />
            <TextField
              id="bt-id"
              label="Mã mẫu"
              value={template.id}
              onChange={(id) => update({ id })}
              error={issue('id')}
              hint="chữ thường không dấu, số, gạch ngang"
            />
            <TextField
              id="bt-sheet"
              label="Tên trang tính"
              value={template.sheetName}
              onChange={(sheetName) => update({ sheetName })}
              error={issue('sheetName')}
            />
          </div>
          <fieldset>
            <legend>Dùng cho ngân hàng (bỏ trống: mẫu mặc định)</legend>
            <div className="bank-templates-banks">
              {loaded.banks.map((b) => (
                <label key={b.code}>
                  <input
                    type="checkbox"
                    checked={template.banks.includes(b.code)}
                    onChange={(e) =>
                      update({
                        banks: e.target.checked
                          ? [...template.banks, b.code]
                          : template.banks.filter((c) => c !== b.code),
                      })
                    }
                  />{' '}
                  {b.name}
                </label>
              ))}
            </div>
            {issue('banks') && <p className="field-error">{issue('banks')}</p>}
          </fieldset>
          <div className="field">
            <label htmlFor="bt-titles">Dòng tiêu đề (mỗi dòng một hàng trên bảng)</label>
            <p className="hint" id="bt-titles-hint">
              Có thể dùng: {TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}
            </p>
            <textarea
              id="bt-titles"
              rows={4}
              aria-describedby="bt-titles-hint"
              value={template.titleRows.join('\n')}
              onChange={(e) => update({ titleRows: e.target.value.split('\n') })}
            />
            {issue('titleRows') && <p className="field-error">{issue('titleRows')}</p>}
          </div>

          <table className="bank-templates-columns">
            <caption>Các cột của bảng</caption>
            <thead>
              <tr>
                <th scope="col">Cột</th>
                <th scope="col">Tiêu đề cột</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Độ rộng</th>
                <th scope="col">Sắp xếp</th>
              </tr>
            </thead>
            <tbody>
              {template.columns.map((col, c) => (
                <tr key={c}>
                  <td>{String.fromCharCode(65 + c)}</td>
                  <td>
                    <TextField
                      id={`bt-col-${c}-header`}
                      label={`Tiêu đề cột ${c + 1}`}
                      hideLabel
                      value={col.header}
                      onChange={(header) => updateColumn(c, { header })}
                      error={issue(`columns.${c}.header`)}
                    />
                  </td>
                  <td>
                    <SelectField
                      id={`bt-col-${c}-source`}
                      label={`Nội dung cột ${c + 1}`}
                      hideLabel
                      value={col.source}
                      options={SOURCE_OPTIONS}
                      onChange={(source) => updateColumn(c, { source: source as BankColumnSource })}
                    />
                  </td>
                  <td>
                    <TextField
                      id={`bt-col-${c}-width`}
                      label={`Độ rộng cột ${c + 1}`}
                      hideLabel
                      inputMode="numeric"
                      value={String(col.width)}
                      onChange={(w) => updateColumn(c, { width: Number(w.replace(/\D/g, '')) || 0 })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={c === 0}
                      onClick={() => moveColumn(c, -1)}
                      aria-label={`Đưa cột ${c + 1} lên`}
                    >
                      ↑
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={c === template.columns.length - 1}
                      onClick={() => moveColumn(c, 1)}
                      aria-label={`Đưa cột ${c + 1} xuống`}
                    >
                      ↓
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => update({ columns: template.columns.filter((_x, i) => i !== c) })}
                      aria-label={`Xoá cột ${c + 1}`}
                    >
                      Xoá
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {issue('columns') && <p className="field-error">{issue('columns')}</p>}
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() =>
              update({ columns: [...template.columns, { header: 'Cột mới', source: 'blank', width: 14 }] })
            }
          >
            Thêm cột
          </button>

          <div className="field-grid">
            <SelectField
              id="bt-name-format"
              label="Cách ghi họ tên"
              value={template.nameFormat}
              options={NAME_FORMATS}
              onChange={(v) => update({ nameFormat: v as BankTemplate['nameFormat'] })}
            />
            <TextField
              id="bt-description"
              label="Nội dung chuyển khoản"
              value={template.descriptionPattern}
              onChange={(descriptionPattern) => update({ descriptionPattern })}
              error={issue('descriptionPattern')}
              hint="Luôn được chuyển thành chữ in hoa không dấu."
            />
            <TextField
              id="bt-description-max"
              label="Độ dài tối đa của nội dung"
              inputMode="numeric"
              value={String(template.descriptionMaxLength)}
              onChange={(v) => update({ descriptionMaxLength: Number(v.replace(/\D/g, '')) || 0 })}
              error={issue('descriptionMaxLength')}
            />
          </div>
          <p>
            Ví dụ nội dung: <span className="bank-templates-preview">{example}</span>
          </p>
          <label>
            <input
              type="checkbox"
              checked={template.totalRow}
              onChange={(e) => update({ totalRow: e.target.checked })}
            />{' '}
            Dòng tổng cộng (số món và tổng tiền) ở cuối bảng
          </label>
        </fieldset>

        <fieldset disabled={!admin || saving}>
          <legend>Khi lập tệp cho nhiều chế độ</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.splitByProgramme}
              onChange={(e) => setSettings({ ...settings, splitByProgramme: e.target.checked })}
            />{' '}
            Mỗi chế độ một tệp riêng cho từng ngân hàng
          </label>
        </fieldset>

        {issues.filter((i) => !i.path.startsWith(`templates.${at}.`)).length > 0 && (
          <ul className="field-error">
            {issues
              .filter((i) => !i.path.startsWith(`templates.${at}.`))
              .map((i) => (
                <li key={`${i.path}-${i.message}`}>{i.message}</li>
              ))}
          </ul>
        )}
        {admin && (
          <div className="form-actions-inline">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              Lưu mẫu
            </button>{' '}
            {template.banks.length > 0 && (
              <button type="button" className="btn btn-danger" onClick={removeTemplate}>
                Xoá mẫu này
              </button>
            )}{' '}
            <button type="button" className="btn btn-secondary" onClick={() => setSettings(loaded.defaults)}>
              Khôi phục mẫu mặc định
            </button>
          </div>
        )}
        {outcome && (
          <p className={outcome.error ? 'field-error' : 'hint'} role={outcome.error ? 'alert' : 'status'}>
            {outcome.text}
          </p>
        )}
      </form>
    </section>
  );
}
