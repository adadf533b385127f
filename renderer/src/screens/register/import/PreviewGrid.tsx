import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ImportPreviewRow } from '@shared/api/import';
import { formatVnd } from '@shared/domain/money';
import { VirtualRows, rowStyle, rowsPerPage, scrollRowIntoView } from '../../../components/VirtualRows';
import { METHOD_SHORT } from '../labels';
import { STATUS_LABELS, reasonsOf } from './importState';

// Every row of the file as the import will treat it: two lines of fixed height (the data, then the
// reasons), virtualised. The grid takes focus; arrows move the highlight and the full reasons of the
// highlighted row are read out below it.

const ROW_HEIGHT = 56;
const COLUMNS = [
  'Trang',
  'Dòng',
  'Trạng thái',
  'Họ và tên',
  'Ngày sinh',
  'Số định danh',
  'Nhóm',
  'Hình thức',
  'Số tiền (đồng)',
];

export function PreviewGrid({ rows }: { rows: readonly ImportPreviewRow[] }) {
  const [active, setActive] = useState(-1);
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setActive(-1);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [rows]);
  useEffect(() => scrollRowIntoView(scrollRef.current, active, ROW_HEIGHT), [active]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = rowsPerPage(scrollRef.current, ROW_HEIGHT);
    const to = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: rows.length - 1,
    }[event.key];
    if (to === undefined || rows.length === 0) return;
    event.preventDefault();
    setActive(Math.max(0, Math.min(rows.length - 1, to)));
  };

  const current = rows[active];
  return (
    <>
      <div
        className="preview-grid"
        role="grid"
        aria-label="Các dòng của tệp"
        aria-describedby="preview-detail"
        aria-rowcount={rows.length + 1}
        tabIndex={0}
        aria-activedescendant={active >= 0 ? `preview-row-${active}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="register-head" role="rowgroup">
          <div className="preview-row preview-row-head" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <span key={c} role="columnheader">
                {c}
              </span>
            ))}
          </div>
        </div>
        <VirtualRows
          role="rowgroup"
          className="preview-body"
          tabIndex={-1}
          scrollRef={scrollRef}
          count={rows.length}
          rowHeight={ROW_HEIGHT}
          renderRow={(index, top) => (
            <PreviewRow
              key={index}
              index={index}
              row={rows[index]!}
              active={index === active}
              top={top}
              onPick={setActive}
            />
          )}
        />
      </div>
      <p id="preview-detail" className="preview-detail" aria-live="polite">
        {current
          ? `Trang ${current.sheet}, dòng ${current.row} — ${current.fullName || '(không tên)'}: ${STATUS_LABELS[current.status]}. ${reasonsOf(current) || 'Không có ghi chú.'}`
          : 'Chọn một dòng (bấm chuột, hoặc phím mũi tên khi bảng đang được chọn) để đọc đủ lý do.'}
      </p>
    </>
  );
}

const PreviewRow = memo(function PreviewRow({
  index,
  row,
  active,
  top,
  onPick,
}: {
  index: number;
  row: ImportPreviewRow;
  active: boolean;
  top: number;
  onPick: (i: number) => void;
}) {
  const amount =
    row.fileAmountVnd !== null && row.computedVnd !== null && row.fileAmountVnd !== row.computedVnd
      ? `${formatVnd(row.fileAmountVnd)} → ${formatVnd(row.computedVnd)}`
      : row.computedVnd !== null
        ? formatVnd(row.computedVnd)
        : row.fileAmountVnd !== null
          ? formatVnd(row.fileAmountVnd)
          : '';
  const reasons = reasonsOf(row);
  return (
    <div
      id={`preview-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      className={`preview-row preview-${row.status}${active ? ' preview-row-active' : ''}`}
      style={rowStyle(top, ROW_HEIGHT)}
      onMouseDown={() => onPick(index)}
    >
      <span role="gridcell">{row.sheet}</span>
      <span role="gridcell" className="num">
        {row.row}
      </span>
      <span role="gridcell">
        <span className={`import-status import-status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
      </span>
      <span role="gridcell" className="preview-name" title={row.fullName}>
        {row.fullName}
      </span>
      <span role="gridcell">{row.birth}</span>
      <span role="gridcell">{row.citizenId ?? ''}</span>
      <span role="gridcell" title={row.groupText}>
        {row.groupCode ?? row.groupText}
      </span>
      <span role="gridcell" title={row.methodText}>
        {row.method ? METHOD_SHORT[row.method] : row.methodText}
      </span>
      <span role="gridcell" className="num">
        {amount}
      </span>
      <span role="gridcell" className="preview-reasons" title={reasons}>
        {reasons}
      </span>
    </div>
  );
});
