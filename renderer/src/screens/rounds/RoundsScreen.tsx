import { useState } from 'react';
import type { RoundOptions, RoundView } from '@shared/api/rounds';
import { formatDateVi } from '@shared/domain/dates';
import { formatVnd, parseVnd } from '@shared/domain/money';
import type { ProgrammeCode } from '@shared/api/register';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { LoadStatus } from '../../components/LoadStatus';
import { ScreenTitle } from '../../components/ScreenTitle';
import { TextField } from '../../components/TextField';
import { useApi } from '../../api/query';
import { issuesOf, messageOf } from '../../errors';
import { hrefFor, navigate } from '../../routing';
import { PAYROLL_LIST_PATH } from '../payroll/paths';
import { REVIEW_STATE_LABELS } from '../payroll/labels';
import { roundPagePath } from './paths';
import './rounds.css';

// Chi trả → Đợt chi một lần (#/chi-tra/dot-chi): the rounds (Tết gifts, 27/7 gifts…) with their state and
// totals, and the officer's form to create one: name, legal basis, date and the rules that pick people.

interface RuleDraft {
  key: number;
  label: string;
  programme: string;
  groups: string[];
  categories: string[];
  amount: string;
}

const emptyRule = (key: number): RuleDraft => ({
  key,
  label: '',
  programme: 'NCC',
  groups: [],
  categories: [],
  amount: '',
});

export function RoundsScreen() {
  const { state, reload } = useApi('rounds.list', {});
  const canCreate = useCan('rounds.create');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <p className="back-link">
        <a href={hrefFor(PAYROLL_LIST_PATH)}>← Chi trả</a>
      </p>
      <ScreenTitle>Đợt chi một lần (quà Tết, 27/7…)</ScreenTitle>
      <section className="panel" aria-labelledby="rounds-list-title">
        <h2 id="rounds-list-title">Các đợt chi</h2>
        <LoadStatus state={state} onRetry={reload} />
        {state.status === 'loaded' && <RoundsTable rows={state.value} />}
        {canCreate && !creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            Lập đợt chi mới
          </button>
        )}
      </section>
      {canCreate && creating && <CreateRound onCancel={() => setCreating(false)} />}
    </>
  );
}

function RoundsTable({ rows }: { rows: RoundView[] }) {
  if (!rows.length) return <p className="empty-note">Chưa có đợt chi nào.</p>;
  return (
    <table className="data-table round-table" aria-label="Danh sách đợt chi">
      <thead>
        <tr>
          <th scope="col">Đợt chi</th>
          <th scope="col">Căn cứ</th>
          <th scope="col">Ngày chi</th>
          <th scope="col">Trạng thái</th>
          <th scope="col" className="num">
            Số người
          </th>
          <th scope="col" className="num">
            Tổng tiền (đồng)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={hrefFor(roundPagePath(r.id))}>{r.name}</a>
            </th>
            <td>
              {r.basisNumber} ngày {formatDateVi(r.basisDate)} của {r.basisIssuer}
            </td>
            <td>{formatDateVi(r.roundDate)}</td>
            <td>{REVIEW_STATE_LABELS[r.review]}</td>
            <td className="num">{formatVnd(r.lineCount)}</td>
            <td className="num">{formatVnd(r.totalVnd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CreateRound({ onCancel }: { onCancel: () => void }) {
  const options = useApi('rounds.options', {}).state;
  const [name, setName] = useState('');
  const [basisNumber, setBasisNumber] = useState('');
  const [basisDate, setBasisDate] = useState('');
  const [basisIssuer, setBasisIssuer] = useState('');
  const [roundDate, setRoundDate] = useState('');
  const [rules, setRules] = useState<RuleDraft[]>([emptyRule(1)]);
  const [error, setError] = useState('');
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const update = (key: number, change: Partial<RuleDraft>) =>
    setRules((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const submit = async () => {
    setError('');
    setIssues({});
    const amounts = rules.map((r) => parseVnd(r.amount));
    const bad = amounts.findIndex((a) => a === null || a <= 0);
    if (bad >= 0) {
      setIssues({ [`rules.${bad}.amountVnd`]: 'Mức quà: nhập số tiền (đồng), ví dụ 600.000.' });
      return;
    }
    setBusy(true);
    try {
      const made = await api('rounds.create', {
        name,
        basisNumber,
        basisDate,
        basisIssuer,
        roundDate,
        rules: rules.map((r, i) => ({
          label: r.label,
          programme: r.programme as ProgrammeCode,
          groups: r.groups,
          categories: r.categories,
          amountVnd: amounts[i]!,
        })),
      });
      navigate(roundPagePath(made.round.id));
    } catch (e) {
      setError(messageOf(e));
      setIssues(Object.fromEntries(issuesOf(e).map((i) => [i.path, i.message])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel round-form" aria-labelledby="round-create-title">
      <h2 id="round-create-title">Lập đợt chi mới</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="round-basis">
          <TextField
            id="round-name"
            label="Tên đợt chi"
            value={name}
            onChange={setName}
            required
            error={issues.name}
            placeholder="Quà Tết Nguyên đán 2027 của Chủ tịch nước"
          />
          <TextField
            id="round-basis-number"
            label="Số văn bản căn cứ"
            value={basisNumber}
            onChange={setBasisNumber}
            required
            error={issues.basisNumber}
          />
          <TextField
            id="round-basis-date"
            label="Ngày văn bản"
            value={basisDate}
            onChange={setBasisDate}
            required
            error={issues.basisDate}
            placeholder="ngày/tháng/năm"
          />
          <TextField
            id="round-basis-issuer"
            label="Cơ quan ban hành"
            value={basisIssuer}
            onChange={setBasisIssuer}
            required
            error={issues.basisIssuer}
          />
          <TextField
            id="round-date"
            label="Ngày chi"
            value={roundDate}
            onChange={setRoundDate}
            required
            error={issues.roundDate}
            placeholder="ngày/tháng/năm"
            hint="Người còn sống và cư trú tại phường vào ngày này; hình thức nhận theo tháng này."
          />
        </div>
        <h3>Nhóm người nhận và mức quà</h3>
        <p className="hint">
          Mỗi người chỉ nhận một lần trong đợt (mức cao nhất nếu thuộc nhiều nhóm) và không nhận lại ở đợt khác cùng văn
          bản căn cứ.
        </p>
        <LoadStatus state={options} />
        {options.status === 'loaded' &&
          rules.map((r, i) => (
            <RuleFields
              key={r.key}
              index={i}
              rule={r}
              options={options.value}
              issues={issues}
              onChange={(change) => update(r.key, change)}
              onRemove={rules.length > 1 ? () => setRules((rs) => rs.filter((x) => x.key !== r.key)) : undefined}
            />
          ))}
        <div className="round-actions">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setRules((rs) => [...rs, emptyRule(Math.max(...rs.map((x) => x.key)) + 1)])}
          >
            Thêm nhóm
          </button>
        </div>
        {error && (
          <p className="message message-error" role="alert">
            {error}
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
  issues,
  onChange,
  onRemove,
}: {
  index: number;
  rule: RuleDraft;
  options: RoundOptions;
  issues: Record<string, string>;
  onChange: (change: Partial<RuleDraft>) => void;
  onRemove: (() => void) | undefined;
}) {
  const id = `round-rule-${rule.key}`;
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
  const groups = options.groups.filter((g) => g.programme === rule.programme);
  return (
    <fieldset className="round-rule" aria-label={`Nhóm ${index + 1}`}>
      <legend>Nhóm {index + 1}</legend>
      <div className="round-rule-head">
        <TextField
          id={`${id}-label`}
          label="Tên nhóm"
          value={rule.label}
          onChange={(label) => onChange({ label })}
          placeholder="Thương binh, bệnh binh"
        />
        <div className="field">
          <label htmlFor={`${id}-programme`}>Chế độ</label>
          <select
            id={`${id}-programme`}
            value={rule.programme}
            onChange={(e) => onChange({ programme: e.target.value, groups: [], categories: [] })}
          >
            {options.programmes.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={`${id}-amount`}
          label="Mức quà (đồng)"
          value={rule.amount}
          onChange={(amount) => onChange({ amount })}
          required
          inputMode="numeric"
          error={issues[`rules.${index}.amountVnd`]}
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
                <input
                  type="checkbox"
                  checked={rule.categories.includes(c)}
                  onChange={() => onChange({ categories: toggle(rule.categories, c) })}
                />{' '}
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
                    onChange={() => onChange({ groups: toggle(rule.groups, g.code) })}
                  />{' '}
                  {g.label}
                </label>
              ))}
            </div>
          </>
        )
      )}
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
