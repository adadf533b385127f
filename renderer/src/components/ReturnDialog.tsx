import { useState } from 'react';
import { Dialog } from './Dialog';

/**
 * "Trả lại": the approver sends a payroll or a round back to the officer with a comment, which is required
 * so the officer knows what to fix. `error` is main's answer to the last attempt.
 */
export function ReturnDialog({
  title,
  busy,
  error,
  onReturn,
  onClose,
}: {
  title: string;
  busy: boolean;
  error: string | undefined;
  onReturn: (comment: string) => void;
  onClose: () => void;
}) {
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const message = missing ? 'Lý do trả lại: cần nhập ý kiến để cán bộ biết cần sửa gì.' : error;
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMissing(!comment.trim());
          if (comment.trim()) onReturn(comment.trim());
        }}
      >
        <label className="field">
          <span>Ý kiến cho cán bộ (bắt buộc)</span>
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={4} maxLength={1000} required />
        </label>
        {message && (
          <p className="message message-error" role="alert">
            {message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Trả lại cho cán bộ
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Huỷ
          </button>
        </div>
      </form>
    </Dialog>
  );
}
