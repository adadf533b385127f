import { useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
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
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { useSaveShortcut } from '../../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../../errors';
import {
  columnField,
  localSettingsErrors,
  settingsFieldOf,
  templateField,
  templateOf,
  type ColumnKey,
  type SettingsField,
  type TemplateKey,
} from './templatesForm';
import '../../payroll/files/payroll-files.css';

// Cài đặt → Mẫu tệp ngân hàng: the bank batch templates (columns and their headers, title rows, name
// format, transfer description), so a ward can match what its bank asks for. The administrator edits;
// other roles read. The default ships with the app (resources/templates/bank-batch.json). The editor is on
// useCheckedForm: the contract's own check shows on the fields left (or all after a save attempt), a save
// with a problem is not sent and the cursor goes to the first field with a message (in the template
// shown, else in the first template with one); main's refusal lands on its fields the same way.

type Loaded = {
  settings: BankFilesSettings;
  defaults: BankFilesSettings;
  banks: Array<{ code: string; name: string }>;
};

const SOURCE_OPTIONS = BANK_COLUMN_SOURCES.map((s) => ({ value: s, label: BANK_COLUMN_LABELS[s] }));
const NAME_FORMATS = [
  { value: 'upper-ascii', label: 'CHỮ IN HOA KHÔNG DẤU (NGUYEN THI HUONG)' },
  { value: 'as-written', label: 'Như trong sổ (Nguyễn Thị Hường)' },
];

export function BankTemplatesPage() {
  const { user } = useSession();
  const query = useApi('payrollFiles.getSettings', {});
  const loaded: Loaded | undefined = query.value;
  if (!loaded) {
    return (
      <section className="panel">
        {query.state.status === 'failed' ? (
          <p role="alert">{query.state.message}</p>
        ) : (
          <p role="status">Đang tải mẫu tệp ngân hàng…</p>
        )}
      </section>
    );
  }
  return <TemplatesEditor loaded={loaded} admin={user.role === 'admin'} />;
}

/** The messages of another template (named) or of the settings as a whole, under the form. */
function elsewhere(errors: Partial<Record<SettingsField, string>>, settings: BankFilesSettings, at: number) {
  return (Object.keys(errors) as SettingsField[])
    .filter((field) => errors[field] && templateOf(field) !== at)
    .map((field) => {
      const n = templateOf(field);
      const name = n === undefined ? undefined : settings.templates[n]?.name;
      return name ? `«${name}»: ${errors[field]}` : errors[field]!;
    });
}

function TemplatesEditor({ loaded, admin }: { loaded: Loaded; admin: boolean }) {
  const checked = useCheckedForm<BankFilesSettings, SettingsField>(
    loaded.settings,
    localSettingsErrors,
    settingsFieldOf,
  );
  const settings = checked.value;
  const errors = checked.errors;
  const [index, setIndex] = useState(0);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // The saved templates fill the editor when they arrive again (after a save: the ones just saved).
  const [shown, setShown] = useState(loaded.settings);
  if (shown !== loaded.settings) {
    setShown(loaded.settings);
    checked.reset(loaded.settings);
  }

  useSaveShortcut(() => admin && void save());

  const at = Math.min(index, settings.templates.length - 1);
  const template = settings.templates[at]!;

  const edit = (next: BankFilesSettings, changed: SettingsField | readonly SettingsField[]) => {
    checked.change(next, changed);
    setOutcome(undefined);
  };
  const withTemplate = (patch: Partial<BankTemplate>) => ({
    ...settings,
    templates: settings.templates.map((t, i) => (i === at ? { ...t, ...patch } : t)),
  });
  const update = (patch: Partial<BankTemplate>) =>
    edit(
      withTemplate(patch),
      (Object.keys(patch) as TemplateKey[]).map((key) => templateField(at, key)),
    );
  /** The columns as a list changed (one added, moved or removed): every cell's issue goes with it. */
  const setColumns = (columns: BankTemplate['columns']) =>
    edit(withTemplate({ columns }), templateField(at, 'columns'));
  const updateColumn = (c: number, patch: Partial<BankTemplate['columns'][number]>) =>
    edit(
      withTemplate({ columns: template.columns.map((col, i) => (i === c ? { ...col, ...patch } : col)) }),
      (Object.keys(patch) as ColumnKey[]).map((key) => columnField(at, c, key)),
    );
  const moveColumn = (c: number, by: number) => {
    const columns = [...template.columns];
    const [col] = columns.splice(c, 1);
    columns.splice(c + by, 0, col!);
    setColumns(columns);
  };
  /** A choice made (box ticked, option picked) is a finished edit: its check shows at once. */
  const choose = (patch: Partial<BankTemplate>) => {
    update(patch);
    for (const key of Object.keys(patch) as TemplateKey[]) checked.blur(templateField(at, key));
  };
  const blur = (key: TemplateKey) => () => checked.blur(templateField(at, key));

  /** Shows the template holding the first of `fields` unless the one shown has one, then puts the cursor there. */
  const pointAt = (fields: readonly (SettingsField | undefined)[]) => {
    const holders = fields.map((f) => (f === undefined ? undefined : templateOf(f)));
    const first = holders.find((n) => n !== undefined);
    if (first !== undefined && !holders.includes(at)) setIndex(first);
  };

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      const local = checked.localErrors;
      flushSync(() => {
        setOutcome({ text: 'Chưa lưu: kiểm tra các ô báo lỗi.', error: true });
        pointAt((Object.keys(local) as SettingsField[]).filter((f) => local[f]));
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setOutcome(undefined);
    let saved: BankFilesSettings;
    try {
      saved = await api('payrollFiles.saveSettings', settings);
    } catch (error) {
      // On screen (and the fields enabled again) before the cursor moves to the first field with an issue.
      flushSync(() => {
        const issues = issuesOf(error);
        const message = messageOf(error);
        const rest = checked.takeIssues(issues).filter((i) => !message.includes(i.message));
        setOutcome({ text: [message, ...rest.map((i) => i.message)].join(' '), error: true });
        setSaving(false);
        pointAt(issues.map((i) => settingsFieldOf(i.path)));
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    checked.reset(saved);
    setSaving(false);
    setOutcome({ text: 'Đã lưu mẫu tệp ngân hàng.', error: false });
  }

  const addTemplate = () => {
    const base = loaded.defaults.templates[0]!;
    const n = settings.templates.length + 1;
    edit(
      {
        ...settings,
        templates: [...settings.templates, { ...base, id: `mau-${n}`, name: `Mẫu ${n}`, banks: [] }],
      },
      // The rows before keep their index (and their issues); the list's own issue goes.
      templateField(settings.templates.length, 'name'),
    );
    setIndex(settings.templates.length);
  };
  const removeTemplate = () => {
    // The templates after it move up: every template's issue goes (the list is named).
    edit({ ...settings, templates: settings.templates.filter((_t, i) => i !== at) }, 'templates');
    setIndex(0);
  };
  const others = elsewhere(errors, settings, at);
  const titlesError = errors[templateField(at, 'titleRows')];

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

      <form ref={formRef} onSubmit={(e) => void save(e)} noValidate>
        <fieldset disabled={!admin || saving}>
          <legend>{template.name}</legend>
          <div className="field-grid">
            <TextField
              id="bt-name"
              label="Tên mẫu"
              value={template.name}
              onChange={(name) => update({ name })}
              onBlur={blur('name')}
              error={errors[templateField(at, 'name')]}
              required
            />
            <TextField
              id="bt-id"
              label="Mã mẫu"
              value={template.id}
              onChange={(id) => update({ id })}
              onBlur={blur('id')}
              error={errors[templateField(at, 'id')]}
              hint="chữ thường không dấu, số, gạch ngang"
            />
            <TextField
              id="bt-sheet"
              label="Tên trang tính"
              value={template.sheetName}
              onChange={(sheetName) => update({ sheetName })}
              onBlur={blur('sheetName')}
              error={errors[templateField(at, 'sheetName')]}
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
                      choose({
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
            {errors[templateField(at, 'banks')] && <p className="field-error">{errors[templateField(at, 'banks')]}</p>}
          </fieldset>
          <div className={titlesError ? 'field field-invalid' : 'field'}>
            <label htmlFor="bt-titles">Dòng tiêu đề (mỗi dòng một hàng trên bảng)</label>
            <p className="hint" id="bt-titles-hint">
              Có thể dùng: {TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}
            </p>
            <textarea
              id="bt-titles"
              rows={4}
              aria-describedby={titlesError ? 'bt-titles-error bt-titles-hint' : 'bt-titles-hint'}
              aria-invalid={titlesError ? true : undefined}
              value={template.titleRows.join('\n')}
              onChange={(e) => update({ titleRows: e.target.value.split('\n') })}
              onBlur={blur('titleRows')}
            />
            {titlesError && (
              <p className="field-error" id="bt-titles-error">
                {titlesError}
              </p>
            )}
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
                      onBlur={() => checked.blur(columnField(at, c, 'header'))}
                      error={errors[columnField(at, c, 'header')]}
                    />
                  </td>
                  <td>
                    <SelectField
                      id={`bt-col-${c}-source`}
                      label={`Nội dung cột ${c + 1}`}
                      hideLabel
                      value={col.source}
                      options={SOURCE_OPTIONS}
                      onChange={(source) => {
                        updateColumn(c, { source: source as BankColumnSource });
                        checked.blur(columnField(at, c, 'source'));
                      }}
                      error={errors[columnField(at, c, 'source')]}
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
                      onBlur={() => checked.blur(columnField(at, c, 'width'))}
                      error={errors[columnField(at, c, 'width')]}
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
                      onClick={() => setColumns(template.columns.filter((_x, i) => i !== c))}
                      aria-label={`Xoá cột ${c + 1}`}
                    >
                      Xoá
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors[templateField(at, 'columns')] && (
            <p className="field-error">{errors[templateField(at, 'columns')]}</p>
          )}
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setColumns([...template.columns, { header: 'Cột mới', source: 'blank', width: 14 }])}
          >
            Thêm cột
          </button>

          <div className="field-grid">
            <SelectField
              id="bt-name-format"
              label="Cách ghi họ tên"
              value={template.nameFormat}
              options={NAME_FORMATS}
              onChange={(v) => choose({ nameFormat: v as BankTemplate['nameFormat'] })}
              error={errors[templateField(at, 'nameFormat')]}
            />
            <TextField
              id="bt-description"
              label="Nội dung chuyển khoản"
              value={template.descriptionPattern}
              onChange={(descriptionPattern) => update({ descriptionPattern })}
              onBlur={blur('descriptionPattern')}
              error={errors[templateField(at, 'descriptionPattern')]}
              hint="Luôn được chuyển thành chữ in hoa không dấu."
            />
            <TextField
              id="bt-description-max"
              label="Độ dài tối đa của nội dung"
              inputMode="numeric"
              value={String(template.descriptionMaxLength)}
              onChange={(v) => update({ descriptionMaxLength: Number(v.replace(/\D/g, '')) || 0 })}
              onBlur={blur('descriptionMaxLength')}
              error={errors[templateField(at, 'descriptionMaxLength')]}
            />
          </div>
          <p>
            Ví dụ nội dung: <span className="bank-templates-preview">{example}</span>
          </p>
          <label>
            <input
              type="checkbox"
              checked={template.totalRow}
              onChange={(e) => choose({ totalRow: e.target.checked })}
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
              onChange={(e) => edit({ ...settings, splitByProgramme: e.target.checked }, 'splitByProgramme')}
            />{' '}
            Mỗi chế độ một tệp riêng cho từng ngân hàng
          </label>
        </fieldset>

        {others.length > 0 && (
          <ul className="field-error">
            {others.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
        {admin && (
          <div className="form-actions-inline">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              Lưu mẫu
            </button>{' '}
            {template.banks.length > 0 && settings.templates.length > 1 && (
              <button type="button" className="btn btn-danger" onClick={removeTemplate}>
                Xoá mẫu này
              </button>
            )}{' '}
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => edit(loaded.defaults, ['templates', 'splitByProgramme'])}
            >
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
