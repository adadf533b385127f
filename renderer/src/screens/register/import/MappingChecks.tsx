import type { ImportAnalysis, ImportConfig } from '@shared/api/import';
import { mappingIssues } from '@shared/domain/import-mapping';
import { TextField } from '../../../components/TextField';

// Issue 14, at the mapping steps: what the mapping lacks for the methods the file states (account,
// bank, receiver, authorization term), recomputed as the officer maps columns; and the term of the
// file's authorizations where no column gives it — one date for the whole file, or the one-year default
// only by explicit choice.

export function MappingIssues({ analysis, config }: { analysis: ImportAnalysis; config: ImportConfig }) {
  const issues = mappingIssues(config, analysis.methods);
  if (!issues.length) return null;
  return (
    <div className="message message-warning" role="status" data-testid="import-mapping-issues">
      <p>
        <strong>Cần chọn thêm cột trước khi xem trước:</strong>
      </p>
      {issues.map((i) => (
        <p key={`${i.sheet}-${i.field}`}>{i.message}</p>
      ))}
    </div>
  );
}

/** The analysis's messages without those the live check above says (they change as columns are mapped). */
export function staticMessages(analysis: ImportAnalysis): string[] {
  const live = new Set(analysis.mappingIssues.map((i) => i.message));
  return analysis.messages.filter((m) => !live.has(m));
}

type TermChoice = '' | 'date' | 'default';

export function AuthorizationTermChoice({
  config,
  onConfig,
}: {
  config: ImportConfig;
  onConfig: (c: ImportConfig) => void;
}) {
  const term = config.authorizationTerm ?? null;
  const choice: TermChoice = term ? term.kind : '';
  const date = term?.kind === 'date' ? term.validTo : '';
  const set = (next: TermChoice, validTo = date) =>
    onConfig({
      ...config,
      authorizationTerm: next === 'date' ? { kind: 'date', validTo } : next === 'default' ? { kind: 'default' } : null,
    });
  return (
    <fieldset className="import-term" data-testid="import-authorization-term">
      <legend>Thời hạn giấy ủy quyền (cho các dòng không có cột thời hạn)</legend>
      <label>
        <input type="radio" name="import-term" checked={choice === ''} onChange={() => set('')} /> Chưa chọn: dòng ủy
        quyền không có thời hạn sẽ chặn việc nhập
      </label>
      <label>
        <input type="radio" name="import-term" checked={choice === 'date'} onChange={() => set('date')} /> Một ngày hết
        hạn cho cả tệp
      </label>
      {choice === 'date' && (
        <TextField
          id="import-term-date"
          label="Ủy quyền đến ngày"
          value={date}
          onChange={(v) => set('date', v)}
          placeholder="31/12/2026"
        />
      )}
      <label>
        <input type="radio" name="import-term" checked={choice === 'default'} onChange={() => set('default')} /> Giả
        định một năm từ tháng của danh sách (ghi rõ là giả định)
      </label>
    </fieldset>
  );
}
