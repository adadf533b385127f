import { flushSync } from 'react-dom';
import { useRef, useState, type FormEvent } from 'react';
import type { RoundOptions } from '@shared/api/rounds';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { LoadStatus } from '../../components/LoadStatus';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../errors';
import { navigate } from '../../routing';
import { roundPagePath } from './paths';
import {
  emptyRound,
  emptyRule,
  localRoundErrors,
  roundFieldOf,
  ruleField,
  toRoundInput,
  type RoundField,
  type RoundForm,
  type RuleDraft,
} from './roundForm';

// Lập đợt chi mới: name, legal basis, date and the rules that pick people. The contract's own check runs
// as the officer types (shown on the fields left, or all after a save attempt); a save with a problem is
// not sent; main's refusal lands on its fields (rule rows included). Created, the round's page opens.

type Basis = Exclude<keyof RoundForm, 'rules'>;
const BASIS_IDS: Record<Basis, string> = {
  name: 'round-name',
  basisNumber: 'round-basis-number',
  basisDate: 'round-basis-date',
  basisIssuer: 'round-basis-issuer',
  roundDate: 'round-date',
};

export function CreateRoundForm({ onCancel }: { onCancel: () => void }) {
  const options = useApi('rounds.options', {}).state;
  const checked = useCheckedForm<RoundForm, RoundField>(emptyRound, localRoundErrors, roundFieldOf);
  const form = checked.value;
  const errors = checked.errors;
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const edit = (next: RoundForm, changed: RoundField | readonly RoundField[]) => {
    checked.change(next, changed);
    setFailure(undefined);
  };
  const setBasis = (key: Basis) => (value: string) => edit({ ...form, [key]: value }, key);
  /** A change to rule `index`; `changed` names the rule's fields it touches. */
  const setRule = (index: number, patch: Partial<RuleDraft>, changed: RoundField[]) =>
    edit({ ...form, rules: form.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) }, changed);
  const addRule = () =>
    // The rows before keep their index (and their issues); the list's own issue goes.
    edit(
      { ...form, rules: [...form.rules, emptyRule(Math.max(...form.rules.map((r) => r.key)) + 1)] },
      `rules.${form.rules.length}.label`,
    );
  // The rows after it move up: every row issue goes (the list is named).
  const removeRule = (index: number) => edit({ ...form, rules: form.rules.filter((_r, i) => i !== index) }, 'rules');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      setFailure('Chưa lưu: kiểm tra các ô báo lỗi.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    let made;
    try {
      made = await api('rounds.create', toRoundInput(form));
    } catch (error) {
      // On screen before the cursor moves: the first field with main's issue gets it.
      flushSync(() => {
        const rest = checked.takeIssues(issuesOf(error));
        setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
        setBusy(false);
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    navigate(roundPagePath(made.round.id));
  };

  const basis = (key: Basis, label: string, extra: { placeholder?: string; hint?: string } = {}) => (
    <TextField
      id={BASIS_IDS[key]}
      label={label}
      value={form[key]}
      onChange={setBasis(key)}
      onBlur={() => checked.blur(key)}
      required
      error={errors[key]}
      {...extra}
    />
  );

  return (
    <section className="panel round-form" aria-labelledby="round-create-title">
      <h2 id="round-create-title">Lập đợt chi mới</h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <div className="round-basis">
          {basis('name', 'Tên đợt chi', { placeholder: 'Quà Tết Nguyên đán 2027 của Chủ tịch nước' })}
          {basis('basisNumber', 'Số văn bản căn cứ')}
          {basis('basisDate', 'Ngày văn bản', { placeholder: 'ngày/tháng/năm' })}
          {basis('basisIssuer', 'Cơ quan ban hành')}
          {basis('roundDate', 'Ngày chi', {
            placeholder: 'ngày/tháng/năm',
            hint: 'Người còn sống và cư trú tại phường vào ngày này; hình thức nhận theo tháng này.',
          })}
        </div>
        <h3>Nhóm người nhận và mức quà</h3>
        <p className="hint">
          Mỗi người chỉ nhận một lần trong đợt (mức cao nhất nếu thuộc nhiều nhóm) và không nhận lại ở đợt khác cùng văn
          bản căn cứ.
        </p>
        <LoadStatus state={options} />
        {options.status === 'loaded' &&
          form.rules.map((r, i) => (
            <RuleFields
              key={r.key}
              index={i}
              rule={r}
              options={options.value}
              errors={errors}
              onChange={(patch, changed) => setRule(i, patch, changed)}
              onBlur={checked.blur}
              onRemove={form.rules.length > 1 ? () => removeRule(i) : undefined}
            />
          ))}
        {errors.rules && <p className="field-error">{errors.rules}</p>}
        <div className="round-actions">
          <button type="button" className="btn btn-secondary" onClick={addRule}>
            Thêm nhóm
          </button>
        </div>
        {failure && (
          <p className="message message-error" role="alert">
            {failure}
          </p>
        )}
        <div className="round-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lập…' : 'Lập đợt chi và chọn người nhận'}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Huỷ
          </button>
        </div>
      </form>
    </section>
  );
}

function RuleFields({
  index,
  rule,
  options,
  errors,
  onChange,
  onBlur,
  onRemove,
}: {
  index: number;
  rule: RuleDraft;
  options: RoundOptions;
  errors: Partial<Record<RoundField, string>>;
  onChange: (patch: Partial<RuleDraft>, changed: RoundField[]) => void;
  onBlur: (field: RoundField) => void;
  onRemove: (() => void) | undefined;
}) {
  const id = `round-rule-${rule.key}`;
  const field = (key: Parameters<typeof ruleField>[1]) => ruleField(index, key);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
  /** A box ticked is a finished edit: its list's check shows at once. */
  const tick = (key: 'groups' | 'categories', value: string) => {
    onChange({ [key]: toggle(rule[key], value) }, [field(key)]);
    onBlur(field(key));
  };
  const groups = options.groups.filter((g) => g.programme === rule.programme);
  const choicesError = errors[field(rule.programme === 'NCC' ? 'categories' : 'groups')];
  return (
    <fieldset className="round-rule" aria-label={`Nhóm ${index + 1}`}>
      <legend>Nhóm {index + 1}</legend>
      <div className="round-rule-head">
        <TextField
          id={`${id}-label`}
          label="Tên nhóm"
          value={rule.label}
          onChange={(label) => onChange({ label }, [field('label')])}
          onBlur={() => onBlur(field('label'))}
          error={errors[field('label')]}
          placeholder="Thương binh, bệnh binh"
        />
        <SelectField
          id={`${id}-programme`}
          label="Chế độ"
          value={rule.programme}
          options={options.programmes.map((p) => ({ value: p.code, label: p.name }))}
          onChange={(programme) =>
            onChange({ programme, groups: [], categories: [] }, [
              field('programme'),
              field('groups'),
              field('categories'),
            ])
          }
          error={errors[field('programme')]}
        />
        <TextField
          id={`${id}-amount`}
          label="Mức quà (đồng)"
          value={rule.amount}
          onChange={(amount) => onChange({ amount }, [field('amountVnd')])}
          onBlur={() => onBlur(field('amountVnd'))}
          required
          inputMode="numeric"
          error={errors[field('amountVnd')]}
        />
        {onRemove && (
          <button type="button" className="btn" onClick={onRemove}>
            Bỏ nhóm này
          </button>
        )}
      </div>
      {rule.programme === 'NCC' ? (
        <>
          <p className="hint">
            Diện người có công (để trống: mọi người có công đang hưởng). Chọn «Thương binh» để gồm mọi tỷ lệ.
          </p>
          <div className="round-choices" role="group" aria-label={`Diện người có công của nhóm ${index + 1}`}>
            {categoryChoices(options).map((c) => (
              <label key={c}>
                <input type="checkbox" checked={rule.categories.includes(c)} onChange={() => tick('categories', c)} />{' '}
                {c}
              </label>
            ))}
          </div>
        </>
      ) : (
        groups.length > 0 && (
          <>
            <p className="hint">Nhóm đối tượng (để trống: mọi người đang hưởng chế độ này).</p>
            <div className="round-choices" role="group" aria-label={`Nhóm đối tượng của nhóm ${index + 1}`}>
              {groups.map((g) => (
                <label key={g.code}>
                  <input
                    type="checkbox"
                    checked={rule.groups.includes(g.code)}
                    onChange={() => tick('groups', g.code)}
                  />{' '}
                  {g.label}
                </label>
              ))}
            </div>
          </>
        )
      )}
      {choicesError && <p className="field-error">{choicesError}</p>}
    </fieldset>
  );
}

/** The register's categories, and the first words of each ("Thương binh" for "Thương binh 61%") to pick all its rates at once. */
function categoryChoices(options: RoundOptions): string[] {
  const heads = new Set<string>();
  for (const c of options.categories) {
    const head = c.label.replace(/\s*\d+([,.]\d+)?\s*%.*$/, '').trim();
    if (head && head !== c.label) heads.add(head);
  }
  return [...heads, ...options.categories.map((c) => c.label)].filter((v, i, a) => a.indexOf(v) === i);
}
