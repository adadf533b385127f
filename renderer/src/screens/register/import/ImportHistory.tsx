import { useEffect, useState } from 'react';
import type { ImportHistoryRow } from '../../../../../shared/api/undo';
import { formatMonthVi } from '../../../../../shared/domain/dates';
import { api } from '../../../api/client';
import { UndoButton } from '../../../components/UndoButton';
import { messageOf } from '../../../errors';
import { formatLocalDateTime } from '../../settings/time';
import { formatCount } from '../labels';
import { invalidateReference } from '../useReference';

// Lịch sử nhập: the register's imports, newest first; an import nothing depends on yet can be reverted
// whole ("Hoàn tác"), after a confirmation that names the file and says what goes.

export function ImportHistory() {
  const [rows, setRows] = useState<ImportHistoryRow[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api('undo.importHistory', {}).then(
      (value) => live && setRows(value),
      (error: unknown) => live && setFailure(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [version]);
  if (failure) return <p role="alert" className="outcome outcome-error">{failure}</p>;
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
                      invalidateReference();
                      setVersion((v) => v + 1);
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
