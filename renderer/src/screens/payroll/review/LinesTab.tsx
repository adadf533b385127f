import { memo, useCallback, useState } from 'react';
import type { PayrollLineView } from '@shared/api/payroll';
import { formatVnd } from '@shared/domain/money';
import { useApiEach, type ApiResultOf } from '../../../api/query';
import { useDebouncedValue } from '../../../api/useDebouncedValue';
import { VirtualRows, rowStyle } from '../../../components/VirtualRows';
import { messageOf } from '../../../errors';
import { KIND_LABELS, LINE_STATUS_LABELS, METHOD_SHORT } from '../labels';
import type { PayrollTabProps } from '../tabs';

// The payroll's lines: a search box and a virtualised list that loads pages of 200 as they scroll into
// view (a payroll may have 100,000 lines). Citizen IDs and accounts come masked from main.

const ROW_HEIGHT = 40;
const PAGE = 200;
const COLUMNS = [
  'STT',
  'Họ và tên',
  'Năm sinh',
  'Khu phố',
  'Loại',
  'Nhóm',
  'Số tiền (đồng)',
  'Hình thức',
  'Ghi chú',
  'Trạng thái',
];

export function LinesTab(props: PayrollTabProps) {
  return <LinesList payrollId={props.payrollId} only="all" label="Các dòng của bảng chi trả" />;
}

export function AttentionTab(props: PayrollTabProps) {
  return <LinesList payrollId={props.payrollId} only="attention" label="Các dòng cần chú ý" />;
}

/** The pages' rows (in the order asked; undefined until answered), the total from the first page, the first failure. */
function combineLines(answers: ApiResultOf<'payroll.lines'>[]) {
  const failed = answers.find((answer) => answer.error);
  return {
    rows: answers.map((answer) => answer.data?.rows),
    total: answers[0]?.data?.total,
    error: failed ? messageOf(failed.error) : undefined,
  };
}

function LinesList({ payrollId, only, label }: { payrollId: number; only: 'all' | 'attention'; label: string }) {
  const [text, setText] = useState('');
  // Search as you type, a little after the last key.
  const query = useDebouncedValue(text.trim(), 200);
  // The pages the rows in view fall in (first, last): scrolling within them changes nothing here.
  const [inView, setInView] = useState<[number, number]>([0, 0]);

  // The first page (it brings the total) and those in view, each cached by its input.
  const pageNumbers = [0];
  for (let p = Math.max(1, inView[0]); p <= inView[1]; p++) pageNumbers.push(p);
  const inputs = pageNumbers.map((p) => ({ payrollId, text: query, only, offset: p * PAGE, limit: PAGE }));
  const answers = useApiEach('payroll.lines', inputs, combineLines, { staleTime: Infinity });
  const total = answers.total;
  const error = answers.error;

  const rowAt = (i: number) => {
    const at = pageNumbers.indexOf(Math.floor(i / PAGE));
    return at < 0 ? undefined : answers.rows[at]?.[i % PAGE];
  };
  const onVisibleRange = useCallback((first: number, last: number) => {
    const next: [number, number] = [Math.floor(first / PAGE), Math.floor(last / PAGE)];
    setInView((pages) => (pages[0] === next[0] && pages[1] === next[1] ? pages : next));
  }, []);

  return (
    <div className="payroll-lines">
      <div className="payroll-search">
        <label htmlFor={`payroll-search-${only}`}>Tìm trong bảng chi trả</label>
        <input
          id={`payroll-search-${only}`}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Tên, khu phố, đủ số định danh hoặc số tài khoản"
        />
        <span role="status" className="hint">
          {total === undefined ? 'Đang tải…' : `${formatVnd(total)} dòng`}
        </span>
      </div>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      <div className="payroll-grid" role="grid" aria-label={label} aria-rowcount={(total ?? 0) + 1}>
        <div role="rowgroup" className="payroll-head">
          <div className="payroll-row payroll-row-head" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <span key={c} role="columnheader">
                {c}
              </span>
            ))}
          </div>
        </div>
        <VirtualRows
          role="rowgroup"
          className="payroll-body"
          count={total ?? 0}
          rowHeight={ROW_HEIGHT}
          onVisibleRange={onVisibleRange}
          renderRow={(index, top) => <LineRow key={index} index={index} top={top} line={rowAt(index)} />}
        />
      </div>
    </div>
  );
}

const LineRow = memo(function LineRow({
  index,
  top,
  line,
}: {
  index: number;
  top: number;
  line: PayrollLineView | undefined;
}) {
  const style = rowStyle(top, ROW_HEIGHT);
  if (!line) {
    return (
      <div className="payroll-row" role="row" aria-rowindex={index + 2} style={style}>
        <span role="gridcell">Đang tải…</span>
      </div>
    );
  }
  const note = [line.attentionNote, line.note, line.receiverName ? `Người nhận: ${line.receiverName}` : '']
    .filter(Boolean)
    .join(' — ');
  return (
    <div
      className={line.attentionNote ? 'payroll-row payroll-row-attention' : 'payroll-row'}
      role="row"
      aria-rowindex={index + 2}
      style={style}
    >
      <span role="gridcell">{line.lineNo}</span>
      <span role="gridcell" title={line.fullName}>
        {line.fullName}
      </span>
      <span role="gridcell">{line.birthText}</span>
      <span role="gridcell" title={line.neighbourhood}>
        {line.neighbourhood}
      </span>
      <span role="gridcell">{KIND_LABELS[line.kind]}</span>
      <span role="gridcell">{line.groupCode ?? ''}</span>
      <span role="gridcell" className="cell-money">
        {formatVnd(line.amountVnd)}
      </span>
      <span role="gridcell" title={line.accountNumber ? `${line.bankCode ?? ''} ${line.accountNumber}` : undefined}>
        {METHOD_SHORT[line.method]}
      </span>
      <span role="gridcell" title={note}>
        {note}
      </span>
      <span role="gridcell">{LINE_STATUS_LABELS[line.status]}</span>
    </div>
  );
});
