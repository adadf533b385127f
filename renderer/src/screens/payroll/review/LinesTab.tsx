import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PayrollLineView } from '@shared/api/payroll';
import { formatVnd } from '@shared/domain/money';
import { api } from '../../../api/client';
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

function LinesList({ payrollId, only, label }: { payrollId: number; only: 'all' | 'attention'; label: string }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<string>();
  const pages = useRef(new Map<number, PayrollLineView[] | 'loading'>());
  const [, setVersion] = useState(0);

  // Search as you type, a little after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, 'loading');
      const generation = pages.current;
      api('payroll.lines', { payrollId, text: query, only, offset: page * PAGE, limit: PAGE }).then(
        (r) => {
          if (generation !== pages.current) return;
          pages.current.set(page, r.rows);
          setTotal(r.total);
          setVersion((v) => v + 1);
        },
        (e: unknown) => setError(messageOf(e)),
      );
    },
    [payrollId, query, only],
  );

  useEffect(() => {
    pages.current = new Map();
    setTotal(undefined);
    setError(undefined);
    load(0);
  }, [load]);

  const rowAt = (i: number) => {
    const page = pages.current.get(Math.floor(i / PAGE));
    return Array.isArray(page) ? page[i % PAGE] : undefined;
  };
  const onVisibleRange = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
    [load],
  );

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
