/** A dialog form's buttons and its refusal message (role="alert"). Enter in a field submits. */
export function DialogActions({
  saving,
  failure,
  onCancel,
  submitLabel,
}: {
  saving: boolean;
  failure: string | undefined;
  onCancel: () => void;
  submitLabel: string;
}) {
  return (
    <div className="dialog-actions">
      <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
        {failure ?? ''}
      </p>
      <div className="dialog-buttons">
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Huỷ
        </button>
        <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
          {saving ? 'Đang lưu…' : submitLabel}
        </button>
      </div>
    </div>
  );
}
