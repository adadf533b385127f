import { useState } from 'react';
import type { ImportAnalysis, ImportConfig, SheetAnalysis } from '@shared/api/import';
import type { ImportField } from '@shared/domain/import-mapping';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { MonthField } from '../../../components/MonthField';
import { fieldOfColumn, withColumnField, withSheet, type SheetConfig } from './importState';
import { MappingIssues, staticMessages } from './MappingChecks';

// Step 2: the month the file describes, and per sheet: include it or not, its programme, its header
// row, and which column holds which field (proposed by the analysis, corrected here).

interface SheetsStepProps {
  analysis: ImportAnalysis;
  config: ImportConfig;
  month: string;
  monthError?: string;
  onMonth: (month: string) => void;
  onConfig: (config: ImportConfig) => void;
}

export function SheetsStep({ analysis, config, month, monthError, onMonth, onConfig }: SheetsStepProps) {
  return (
    <>
      <section className="panel" aria-labelledby="import-month-heading">
        <h2 id="import-month-heading">Tệp «{analysis.fileName}»</h2>
        <div className="import-month">
          <MonthField
            id="import-month"
            label="Danh sách của tháng"
            required
            hint={
              analysis.asOfMonth.source === 'title' && analysis.asOfMonth.text
                ? `Đọc từ tiêu đề của tệp: «${analysis.asOfMonth.text}». Tháng/năm, ví dụ 10/2024.`
                : 'Tháng mà danh sách này ghi mức hưởng. Tháng/năm, ví dụ 10/2024.'
            }
            value={month}
            onChange={onMonth}
            error={monthError}
          />
        </div>
        {staticMessages(analysis).length > 0 && (
          <div className="message message-info">
            {staticMessages(analysis).map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        <MappingIssues analysis={analysis} config={config} />
      </section>
      {config.sheets.map((sheet, index) => {
        const info = analysis.sheets.find((s) => s.name === sheet.name);
        return info ? (
          <SheetPanel
            key={sheet.name}
            index={index}
            sheet={sheet}
            info={info}
            fields={analysis.fields}
            onChange={(s) => onConfig(withSheet(config, index, s))}
          />
        ) : null;
      })}
    </>
  );
}

interface SheetPanelProps {
  index: number;
  sheet: SheetConfig;
  info: SheetAnalysis;
  fields: ImportAnalysis['fields'];
  onChange: (sheet: SheetConfig) => void;
}

function SheetPanel({ index, sheet, info, fields, onChange }: SheetPanelProps) {
  const id = `import-sheet-${index}`;
  const headingId = `${id}-heading`;
  const [headerRow, setHeaderRow] = useState(String(sheet.headerRow));
  return (
    <section className="panel import-sheet" aria-labelledby={headingId}>
      <div className="import-sheet-head">
        <h2 id={headingId}>Trang tính «{sheet.name}»</h2>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={sheet.include}
            onChange={(e) => onChange({ ...sheet, include: e.target.checked })}
          />{' '}
          Nhập trang này
        </label>
      </div>
      <p className="muted">
        {info.dataRows} dòng đối tượng{info.hidden ? ' · trang đang ẩn' : ''}
        {info.titles.length > 0 && <> · {info.titles.join(' · ')}</>}
      </p>
      {info.message && <p className="message message-warning">{info.message}</p>}
      {sheet.include && (
        <>
          <div className="import-sheet-fields">
            <SelectField
              id={`${id}-programme`}
              label="Chế độ của trang"
              value={sheet.programme}
              options={[
                { value: 'BTXH', label: 'Trợ cấp xã hội (BTXH)' },
                { value: 'NCC', label: 'Người có công (NCC)' },
              ]}
              onChange={(v) => onChange({ ...sheet, programme: v as SheetConfig['programme'] })}
            />
            <TextField
              id={`${id}-header-row`}
              label="Dòng tiêu đề"
              hint="Số dòng trong Excel"
              inputMode="numeric"
              value={headerRow}
              error={/^\d+$/.test(headerRow) && Number(headerRow) >= 1 ? undefined : 'Nhập số dòng, ví dụ 5.'}
              onChange={(v) => {
                setHeaderRow(v);
                const n = Number(v);
                if (/^\d+$/.test(v) && n >= 1)
                  onChange({ ...sheet, headerRow: n, lastHeaderRow: Math.max(n, sheet.lastHeaderRow ?? n) });
              }}
            />
          </div>
          {String(sheet.headerRow) !== String(info.headerRow) && (
            <p className="hint">
              Đã đổi dòng tiêu đề: tiêu đề và ví dụ dưới đây vẫn là của dòng {info.headerRow}; kiểm tra lại các cột ở
              bước xem trước.
            </p>
          )}
          <table className="data-table mapping-table">
            <caption className="sr-only">Các cột của trang «{sheet.name}» và ô tương ứng trong sổ</caption>
            <thead>
              <tr>
                <th scope="col">Cột</th>
                <th scope="col">Tiêu đề trong tệp</th>
                <th scope="col">Ví dụ</th>
                <th scope="col">Nhập vào</th>
              </tr>
            </thead>
            <tbody>
              {info.columns.map((col) => {
                const field = fieldOfColumn(sheet, col.column);
                return (
                  <tr key={col.column} className={field ? undefined : 'mapping-unused'}>
                    <td className="mapping-letter">{col.letter}</td>
                    <th scope="row">{col.header || <span className="muted">(trống)</span>}</th>
                    <td className="mapping-samples">{col.samples.join(' · ')}</td>
                    <td>
                      <SelectField
                        id={`${id}-col-${col.column}`}
                        label={`Cột ${col.letter} (${col.header || 'trống'}) nhập vào`}
                        hideLabel
                        value={field}
                        emptyLabel="— Không nhập —"
                        options={fields.map((f) => ({ value: f.key, label: f.label }))}
                        onChange={(v) => onChange(withColumnField(sheet, col.column, v as ImportField | ''))}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
