import { useState } from 'react';
import { api } from '../../api/client';
import { downloadFile, XLSX_TYPE } from '../../download';
import { formatVnd } from '../../../../shared/domain/money';
import { toInput, type RegisterQuery } from './useRegisterSearch';

/** "Xuất Excel": the register under the current search and filters, as the ward's usual xlsx list. */
export function ExportRegisterButton({ query }: { query: RegisterQuery }) {
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: '', error: false });
  const run = async () => {
    setState({ busy: true, message: 'Đang xuất danh sách…', error: false });
    try {
      const { limit: _limit, offset: _offset, ...filters } = toInput(query);
      const file = await api('register.export', filters);
      downloadFile(file.fileName, file.contentBase64, XLSX_TYPE);
      setState({ busy: false, message: `Đã xuất ${file.count.toLocaleString('vi-VN')} người (tổng ${formatVnd(file.totalVnd)} đồng/tháng).`, error: false });
    } catch (error) {
      setState({ busy: false, message: error instanceof Error ? error.message : String(error), error: true });
    }
  };
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={run} disabled={state.busy}>
        Xuất Excel
      </button>
      {state.message && (
        <span className={state.error ? 'export-note export-note-error' : 'export-note'} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </span>
      )}
    </>
  );
}
