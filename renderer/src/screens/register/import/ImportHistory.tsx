import { useState } from 'react';
import { formatMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { UndoButton } from '../../../components/UndoButton';
import { formatLocalDateTime } from '@shared/domain/format';
import { formatCount } from '../labels';

// Lịch sử nhập: the register's imports, newest first; an import nothing depends on yet can be reverted
// whole ("Hoàn tác"), after a confirmation that names the file and says what goes.

export function ImportHistory() {
  // Reloaded by the data layer after a revert (a command) or a finished import (a writing job).
  const { state } = useApi('undo.importHistory', {});
  const [done, setDone] = useState<string | undefined>();
  if (state.status === 'failed')
    return (
      <p role="alert" className="outcome outcome-error">
        {state.message}
      </p>
    );
  const rows = state.status === 'loaded' ? state.value : undefined;
  if (!rows || rows.length === 0) return null;
  return (
    <section className="panel import-history" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">Các lần nhập trước</h2>
      <p role="status" className={done ? 'outcome outcome-ok' : 'outcome'}>
        {done ?? ''}
      </p>
      <table className="data-table" aria-label="Các lần nhập trước">
        <thead>
          <tr>
            <th scope="col">Tệp</th>
            <th scope="col">Hưởng từ tháng</th>
            <th scope="col">Số người thêm</th>
            <th scope="col">Lúc nhập</th>
            <th scope="col">Người nhập</th>
            <th scope="col">Hoàn tác</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.fileName}</th>
              <td>{formatMonthVi(r.asOfMonth)}</td>
              <td>{formatCount(r.added)}</td>
              <td>{formatLocalDateTime(r.createdAt)}</td>
              <td>{r.createdBy}</td>
              <td>
                {r.revertedAt ? (
                  <span>
                    Đã hoàn tác lúc {formatLocalDateTime(r.revertedAt)}
                    {r.revertedBy ? ` (${r.revertedBy})` : ''}
                  </span>
                ) : r.added > 0 ? (
                  <UndoButton
                    label={`Hoàn tác lần nhập tệp ${r.fileName}`}
                    check={() => api('undo.importCheck', { importId: r.id })}
                    run={() => api('undo.importRevert', { importId: r.id })}
                    onDone={(message) => {
                      setDone(message);
                    }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
