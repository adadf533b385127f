import { FilePicker } from '../../../components/FilePicker';
import { useState } from 'react';
import type { ImportAnalysis } from '@shared/api/import';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';
import { readFileBase64 } from '../../../components/readFile';

/** shared/api/import.ts's MAX_IMPORT_BYTES (not imported: that module's values would bundle zod, see RegisterFilters). */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

// Step 1: pick the ward's Excel file; it is read here and sent to import.analyze (nothing is written).

export function FileStep({ onAnalyzed }: { onAnalyzed: (analysis: ImportAnalysis) => void }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    if (!/\.xlsx$/i.test(file.name)) {
      setError('Chỉ nhận tệp Excel dạng .xlsx. Nếu tệp là .xls, hãy mở bằng Excel và lưu lại dạng .xlsx.');
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setError('Tệp quá lớn: chỉ nhận tệp đến 20 MB.');
      return;
    }
    try {
      setBusy(`Đang đọc tệp «${file.name}»…`);
      const contentBase64 = await readFileBase64(file);
      setBusy(`Đang phân tích tệp «${file.name}»: tìm dòng tiêu đề, các cột, nhóm đối tượng…`);
      onAnalyzed(await api('import.analyze', { fileName: file.name, contentBase64 }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="panel" aria-labelledby="import-file-heading">
      <h2 id="import-file-heading">Chọn tệp Excel</h2>
      <p className="lead">
        Chọn tệp sổ theo dõi đối tượng đang dùng (Excel, .xlsx). Ứng dụng tự tìm dòng tiêu đề, các cột và nhóm đối
        tượng; bạn kiểm tra và sửa ở các bước sau. Chưa có gì được ghi vào sổ cho đến bước cuối.
      </p>
      <div className="field file-field">
        <span className="field-label" aria-hidden="true">
          Tệp Excel
        </span>
        <FilePicker
          id="import-file"
          label="Tệp Excel"
          buttonText="Chọn tệp Excel…"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy !== undefined}
          describedBy={error ? 'import-file-error' : undefined}
          resetAfterPick
          onPick={(file) => void pick(file ?? undefined)}
        />
      </div>
      <p role="status" className="import-busy">
        {busy ?? ''}
      </p>
      <p role="alert" id="import-file-error" className={error ? 'outcome outcome-error' : 'outcome'}>
        {error ?? ''}
      </p>
    </section>
  );
}
