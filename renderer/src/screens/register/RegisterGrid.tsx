import { memo, type KeyboardEvent, type Ref } from 'react';
import type { PersonRow, RegisterSort } from '@shared/api/register';
import { formatVnd } from '@shared/domain/money';
import { VirtualRows, rowStyle } from '../../components/VirtualRows';
import { hrefFor } from '../../routing';
import { personPagePath } from './paths';
import { METHOD_LABELS, METHOD_SHORT, PROGRAMME_SHORT, STATUS_LABELS } from './labels';

// The register as a grid: a fixed header and virtualised rows of fixed height. The search box keeps the
// keyboard focus and points at the highlighted row with aria-activedescendant; the grid itself can also
// take focus (Tab) and answers the same keys.

export const ROW_HEIGHT = 40;
export const GRID_ID = 'register-grid';

export const rowId = (index: number) => `register-row-${index}`;

/** The columns, and the server-side sort a click on the header asks for (people.search's `sort`). */
const COLUMNS: ReadonlyArray<{ label: string; sort?: RegisterSort }> = [
  { label: 'Họ và tên', sort: 'name' },
  { label: 'Năm sinh', sort: 'birth' },
  { label: 'Số định danh' },
  { label: 'Khu phố' },
  { label: 'Chế độ' },
  { label: 'Nhóm' },
  { label: 'Hình thức nhận' },
  { label: 'Mức hưởng/ tháng (đồng)', sort: 'amount' },
  { label: 'Trạng thái', sort: 'status' },
];

export interface GridSort {
  sort: RegisterSort;
  direction: 'asc' | 'desc';
}

interface RegisterGridProps {
  count: number;
  rowAt: (index: number) => PersonRow | undefined;
  active: number;
  onActivate: (index: number) => void;
  onOpen: (row: PersonRow) => void;
  onVisibleRange: (first: number, last: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  scrollRef: Ref<HTMLDivElement>;
  busy: boolean;
  sort: GridSort;
  onSort: (next: GridSort) => void;
}

export function RegisterGrid({
  count,
  rowAt,
  active,
  onActivate,
  onOpen,
  onVisibleRange,
  onKeyDown,
  scrollRef,
  busy,
  sort,
  onSort,
}: RegisterGridProps) {
  return (
    <div
      id={GRID_ID}
      className="register-grid"
      role="grid"
      aria-label="Danh sách đối tượng"
      aria-rowcount={count + 1}
      aria-busy={busy || undefined}
      tabIndex={0}
      aria-activedescendant={active >= 0 ? rowId(active) : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="register-head" role="rowgroup">
        <div className="register-row register-row-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const current = c.sort !== undefined && c.sort === sort.sort;
            return (
              <span
                key={c.label}
                role="columnheader"
                aria-sort={current ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="sort-header"
                    title={current && sort.direction === 'asc' ? 'Bấm để xếp ngược lại' : 'Bấm để xếp theo cột này'}
                    onClick={() =>
                      onSort({ sort: c.sort!, direction: current && sort.direction === 'asc' ? 'desc' : 'asc' })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {current ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </span>
            );
          })}
        </div>
      </div>
      <VirtualRows
        role="rowgroup"
        className="register-body"
        tabIndex={-1}
        scrollRef={scrollRef}
        count={count}
        rowHeight={ROW_HEIGHT}
        onVisibleRange={onVisibleRange}
        renderRow={(index, top) => (
          <GridRow
            key={index}
            index={index}
            row={rowAt(index)}
            active={index === active}
            top={top}
            onActivate={onActivate}
            onOpen={onOpen}
          />
        )}
      />
    </div>
  );
}

interface GridRowProps {
  index: number;
  row: PersonRow | undefined;
  active: boolean;
  top: number;
  onActivate: (index: number) => void;
  onOpen: (row: PersonRow) => void;
}

const GridRow = memo(function GridRow({ index, row, active, top, onActivate, onOpen }: GridRowProps) {
  const style = rowStyle(top, ROW_HEIGHT);
  if (!row) {
    return (
      <div
        id={rowId(index)}
        className="register-row register-row-loading"
        role="row"
        aria-rowindex={index + 2}
        style={style}
      >
        <span role="gridcell">Đang tải…</span>
      </div>
    );
  }
  const programmes = row.programmes.map((p) => PROGRAMME_SHORT[p as keyof typeof PROGRAMME_SHORT] ?? p).join(', ');
  return (
    <div
      id={rowId(index)}
      className={active ? 'register-row register-row-active' : 'register-row'}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      style={style}
      onMouseDown={() => onActivate(index)}
      onClick={(e) => {
        if (!(e.target instanceof HTMLAnchorElement)) onOpen(row);
      }}
    >
      <span role="gridcell" className="cell-name" title={row.fullName}>
        <a href={hrefFor(personPagePath(row.id))} tabIndex={-1}>
          {row.fullName}
        </a>
      </span>
      <span role="gridcell">{row.birthText}</span>
      <span role="gridcell" className="cell-id">
        {row.citizenId ?? ''}
      </span>
      <span role="gridcell" title={row.neighbourhood}>
        {row.neighbourhood}
      </span>
      <span role="gridcell">{programmes}</span>
      <span role="gridcell">{row.groupCodes.join(', ')}</span>
      <span role="gridcell" title={row.method ? METHOD_LABELS[row.method] : undefined}>
        {row.method ? METHOD_SHORT[row.method] : ''}
      </span>
      <span role="gridcell" className="cell-money">
        {formatVnd(row.monthlyVnd)}
      </span>
      <span role="gridcell">
        <span className={`status status-${row.status}`}>{STATUS_LABELS[row.status]}</span>
      </span>
    </div>
  );
});
