import { useRef, useState } from 'react';
import type { EvidenceState, EvidenceView, SaveEvidenceInput } from '@shared/api/evidence';
import { formatDateVi } from '@shared/domain/dates';
import {
  DISABILITY_LEVELS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  HOUSEHOLD_LEVELS,
  LEVEL_LABELS,
  type EvidenceKind,
  type FindingStatus,
} from '@shared/domain/evidence';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { LoadStatus } from '../../../components/LoadStatus';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { useApi } from '../../../api/query';
import { issuesOf, messageOf } from '../../../errors';
import './evidence.css';

// Giấy tờ xác định điều kiện hưởng on a person's page (issue 16): what each current group needs and
// whether the record meets it today, the age-derived groups (no record), and the facts recorded; the
// officer records a fact, corrects one or ends one (evidence.save / evidence.end, audited).

interface Draft {
  evidenceId?: number;
  kind: EvidenceKind;
  level: string;
  listYear: string;
  issuer: string;
  documentNo: string;
  issuedDate: string;
  validUntil: string;
  note: string;
}

const emptyDraft = (kind: EvidenceKind = 'household'): Draft => ({
  kind,
  level: kind === 'household' ? 'poor' : kind === 'disability' ? 'especially_severe' : '',
  listYear: kind === 'household' ? String(new Date().getFullYear()) : '',
  issuer: '',
  documentNo: '',
  issuedDate: '',
  validUntil: '',
  note: '',
});

interface EndForm {
  endedDate: string;
  reason: string;
}

/** Main checks these facts (their rules depend on the kind); the forms show what it says on each field. */
const noLocalErrors = () => ({});
const DRAFT_FIELDS: ReadonlyArray<keyof Draft> = [
  'kind',
  'level',
  'listYear',
  'issuer',
  'documentNo',
  'issuedDate',
  'validUntil',
  'note',
];
const draftFieldOf = (path: string) => DRAFT_FIELDS.find((f) => f === path);
const endFieldOf = (path: string): keyof EndForm | undefined =>
  path === 'endedDate' || path === 'reason' ? path : undefined;

const ISSUER_LABELS: Record<EvidenceKind, string> = {
  household: 'Cơ quan phê duyệt danh sách',
  disability: 'Nơi cấp giấy xác nhận',
  student: 'Trường',
};

const STATE_LABELS: Record<EvidenceState, string> = {
  in_force: 'Đang dùng',
  expired: 'Hết hạn',
  ended: 'Đã kết thúc',
  superseded: 'Đã có giấy mới hơn',
};

const NEED_LABELS: Record<FindingStatus, string> = {
  ok: 'Đủ',
  missing: 'Thiếu',
  expired: 'Hết hạn',
  changed: 'Đã thay đổi',
};

function describe(f: EvidenceView): string {
  const parts: string[] = [];
  if (f.level) parts.push(LEVEL_LABELS[f.level]);
  if (f.listYear !== null) parts.push(`danh sách năm ${f.listYear}`);
  if (f.issuer) parts.push(f.issuer);
  if (f.documentNo) parts.push(`số ${f.documentNo}`);
  if (f.issuedDate) parts.push(`ngày ${formatDateVi(f.issuedDate)}`);
  return parts.join(', ');
}

export function EvidenceSection({ personId, closed }: { personId: number; closed: boolean }) {
  const { state, reload } = useApi('evidence.list', { personId });
  const canWrite = useCan('evidence.save') && !closed;
  // At most one form open: a fact recorded or corrected, or a fact ended (the id of the fact).
  const [open, setOpen] = useState<{ form: 'draft' } | { form: 'end'; id: number } | undefined>();
  const draftForm = useCheckedForm<Draft>(emptyDraft, noLocalErrors, draftFieldOf);
  const endForm = useCheckedForm<EndForm>({ endedDate: '', reason: '' }, noLocalErrors, endFieldOf);
  const draft = open?.form === 'draft' ? draftForm.value : undefined;
  const ending = open?.form === 'end' ? { id: open.id, ...endForm.value } : undefined;
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const sectionRef = useRef<HTMLElement>(null);
  const set = (patch: Partial<Draft>) =>
    draftForm.change({ ...draftForm.value, ...patch }, Object.keys(patch) as Array<keyof Draft>);
  const setEnd = (patch: Partial<EndForm>) =>
    endForm.change({ ...endForm.value, ...patch }, Object.keys(patch) as Array<keyof EndForm>);
  const startDraft = (next: Draft) => {
    draftForm.reset(next);
    setOpen({ form: 'draft' });
  };
  const startEnd = (id: number) => {
    endForm.reset({ endedDate: '', reason: '' });
    setOpen({ form: 'end', id });
  };

  const run = async (
    call: () => Promise<unknown>,
    done: string,
    form: typeof draftForm.takeIssues | typeof endForm.takeIssues,
  ) => {
    if (saving) return;
    setSaving(true);
    setMessage(undefined);
    try {
      await call();
      setOpen(undefined);
      setMessage({ error: false, text: done });
      reload();
    } catch (error) {
      const rest = form(issuesOf(error));
      setMessage({ error: true, text: [messageOf(error), ...rest.map((i) => i.message)].join(' ') });
      focusFirstInvalid(sectionRef.current);
    } finally {
      setSaving(false);
    }
  };

  const save = (d: Draft) => {
    const input: SaveEvidenceInput = {
      personId,
      ...(d.evidenceId ? { evidenceId: d.evidenceId } : {}),
      kind: d.kind,
      level: d.level as SaveEvidenceInput['level'],
      ...(d.kind === 'household'
        ? { listYear: /^\d{4}$/.test(d.listYear.trim()) ? Number(d.listYear.trim()) : null }
        : {}),
      issuer: d.issuer,
      documentNo: d.documentNo,
      issuedDate: d.issuedDate,
      validUntil: d.kind === 'household' ? '' : d.validUntil,
      note: d.note,
    };
    void run(() => api('evidence.save', input), 'Đã lưu giấy tờ.', draftForm.takeIssues);
  };

  const edit = (f: EvidenceView) =>
    startDraft({
      evidenceId: f.id,
      kind: f.kind,
      level: f.level,
      listYear: f.listYear === null ? '' : String(f.listYear),
      issuer: f.issuer,
      documentNo: f.documentNo,
      issuedDate: f.issuedDate ? formatDateVi(f.issuedDate) : '',
      validUntil: f.validUntil && f.kind !== 'household' ? formatDateVi(f.validUntil) : '',
      note: f.note,
    });

  const levels = (kind: EvidenceKind) =>
    kind === 'household' ? HOUSEHOLD_LEVELS : kind === 'disability' ? DISABILITY_LEVELS : [];

  return (
    <section ref={sectionRef} className="panel" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Giấy tờ xác định điều kiện hưởng</h2>
      <LoadStatus state={state} />
      {state.status === 'loaded' && (
        <>
          {state.value.needs.length === 0 && state.value.derived.length === 0 && (
            <p className="empty-note">Nhóm đang hưởng không cần ghi giấy tờ.</p>
          )}
          {(state.value.needs.length > 0 || state.value.derived.length > 0) && (
            <ul className="evidence-needs" aria-label="Điều kiện của nhóm đang hưởng">
              {state.value.needs.map((n, i) => (
                <li key={`n${i}`}>
                  <span className={`evidence-badge evidence-${n.status}`}>{NEED_LABELS[n.status]}</span> {n.groupCode}:{' '}
                  {EVIDENCE_KIND_LABELS[n.kind].toLowerCase()}
                  {n.subjectName ? ` của ${n.subjectName}` : ''}
                  {n.message ? ` — ${n.message}` : ''}
                </li>
              ))}
              {state.value.derived.map((d, i) => (
                <li key={`d${i}`}>
                  <span className="evidence-badge evidence-derived">Theo ngày sinh</span> {d}
                </li>
              ))}
            </ul>
          )}
          {state.value.facts.length > 0 && (
            <table className="data-table evidence-table" aria-label="Giấy tờ đã ghi">
              <thead>
                <tr>
                  <th scope="col">Loại</th>
                  <th scope="col">Nội dung</th>
                  <th scope="col">Có giá trị đến</th>
                  <th scope="col">Tình trạng</th>
                  {canWrite && <th scope="col">Thao tác</th>}
                </tr>
              </thead>
              <tbody>
                {state.value.facts.map((f) => (
                  <tr key={f.id}>
                    <td>{EVIDENCE_KIND_LABELS[f.kind]}</td>
                    <td>
                      {describe(f)}
                      {f.note ? ` (${f.note})` : ''}
                    </td>
                    <td>{f.validUntil ? formatDateVi(f.validUntil) : 'Không thời hạn'}</td>
                    <td>
                      {STATE_LABELS[f.state]}
                      {f.endedDate ? ` từ ${formatDateVi(f.endedDate)}: ${f.endReason}` : ''}
                    </td>
                    {canWrite && (
                      <td>
                        {f.endedDate === null && (
                          <>
                            <button
                              type="button"
                              className="btn btn-secondary"
                              onClick={() => edit(f)}
                              aria-label={`Sửa ${EVIDENCE_KIND_LABELS[f.kind].toLowerCase()}`}
                            >
                              Sửa
                            </button>{' '}
                            <button
                              type="button"
                              className="btn btn-secondary"
                              onClick={() => startEnd(f.id)}
                              aria-label={`Kết thúc ${EVIDENCE_KIND_LABELS[f.kind].toLowerCase()}`}
                            >
                              Kết thúc
                            </button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {message && (
        <div
          className={message.error ? 'message message-error' : 'message message-info'}
          role={message.error ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
        </div>
      )}
      {canWrite && !draft && !ending && (
        <button type="button" className="btn btn-secondary" onClick={() => startDraft(emptyDraft())}>
          + Ghi giấy tờ
        </button>
      )}
      {canWrite && ending && (
        <form
          className="evidence-form"
          aria-label="Kết thúc giấy tờ"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api('evidence.end', { evidenceId: ending.id, endedDate: ending.endedDate, reason: ending.reason }),
              'Đã kết thúc giấy tờ.',
              endForm.takeIssues,
            );
          }}
        >
          <TextField
            id="evidence-end-date"
            label="Không còn giá trị từ ngày"
            value={ending.endedDate}
            onChange={(v) => setEnd({ endedDate: v })}
            required
            placeholder="01/01/2027"
            error={endForm.errors.endedDate}
          />
          <TextField
            id="evidence-end-reason"
            label="Lý do"
            value={ending.reason}
            onChange={(v) => setEnd({ reason: v })}
            required
            error={endForm.errors.reason}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Đang lưu…' : 'Kết thúc'}
            </button>
            <button type="button" className="btn btn-secondary" disabled={saving} onClick={() => setOpen(undefined)}>
              Huỷ
            </button>
          </div>
        </form>
      )}
      {canWrite && draft && (
        <form
          className="evidence-form"
          aria-label={draft.evidenceId ? 'Sửa giấy tờ' : 'Ghi giấy tờ mới'}
          onSubmit={(e) => {
            e.preventDefault();
            save(draft);
          }}
        >
          <SelectField
            id="evidence-kind"
            label="Loại"
            value={draft.kind}
            disabled={draft.evidenceId !== undefined}
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k] }))}
            onChange={(v) =>
              draftForm.change({ ...emptyDraft(v as EvidenceKind), note: draft.note }, [...DRAFT_FIELDS])
            }
            error={draftForm.errors.kind}
          />
          {draft.kind !== 'student' && (
            <SelectField
              id="evidence-level"
              label={draft.kind === 'household' ? 'Thuộc danh sách' : 'Mức độ khuyết tật'}
              value={draft.level}
              options={levels(draft.kind).map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
              onChange={(v) => set({ level: v })}
              error={draftForm.errors.level}
            />
          )}
          {draft.kind === 'household' && (
            <TextField
              id="evidence-year"
              label="Năm của danh sách"
              value={draft.listYear}
              onChange={(v) => set({ listYear: v })}
              required
              inputMode="numeric"
              error={draftForm.errors.listYear}
            />
          )}
          <TextField
            id="evidence-issuer"
            label={ISSUER_LABELS[draft.kind]}
            value={draft.issuer}
            onChange={(v) => set({ issuer: v })}
            required={draft.kind !== 'household'}
            error={draftForm.errors.issuer}
          />
          <TextField
            id="evidence-number"
            label="Số văn bản"
            value={draft.documentNo}
            onChange={(v) => set({ documentNo: v })}
            error={draftForm.errors.documentNo}
          />
          <TextField
            id="evidence-issued"
            label="Ngày cấp"
            value={draft.issuedDate}
            onChange={(v) => set({ issuedDate: v })}
            required={draft.kind === 'disability'}
            placeholder="05/01/2026"
            error={draftForm.errors.issuedDate}
          />
          {draft.kind !== 'household' && (
            <TextField
              id="evidence-until"
              label={draft.kind === 'student' ? 'Đi học đến ngày' : 'Có giá trị đến ngày (nếu có)'}
              value={draft.validUntil}
              onChange={(v) => set({ validUntil: v })}
              required={draft.kind === 'student'}
              placeholder="31/05/2027"
              error={draftForm.errors.validUntil}
            />
          )}
          <TextField
            id="evidence-note"
            label="Ghi chú"
            value={draft.note}
            onChange={(v) => set({ note: v })}
            error={draftForm.errors.note}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Đang lưu…' : 'Lưu giấy tờ'}
            </button>
            <button type="button" className="btn btn-secondary" disabled={saving} onClick={() => setOpen(undefined)}>
              Huỷ
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
