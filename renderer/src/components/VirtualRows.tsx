import { useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';

// Windowing for long lists with a fixed row height: only the rows in view (plus a few either side) are
// in the DOM, positioned inside a spacer as tall as all rows. 100,000 rows of 40 px are 4,000,000 px,
// well under Chromium's element-height limit, so the native scroll bar stays exact.

interface VirtualRowsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  /** Renders row `index` at `top` px: the caller positions it (rowStyle) and gives it the row height. */
  renderRow: (index: number, top: number) => ReactNode;
  /** First and last index in view, after each scroll or resize (for loading pages). */
  onVisibleRange?: (first: number, last: number) => void;
  scrollRef?: Ref<HTMLDivElement>;
}

export function VirtualRows({
  count,
  rowHeight,
  overscan = 8,
  renderRow,
  onVisibleRange,
  scrollRef,
  className,
  ...rest
}: VirtualRowsProps) {
  const own = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

  useLayoutEffect(() => {
    const el = own.current;
    if (!el) return;
    setViewHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The list got shorter (a new search): the old scroll position may be past its end.
  useLayoutEffect(() => {
    const el = own.current;
    if (el && el.scrollTop !== scrollTop) setScrollTop(el.scrollTop);
  }, [count, scrollTop]);

  const firstVisible = Math.min(Math.max(0, Math.floor(scrollTop / rowHeight)), Math.max(0, count - 1));
  const lastVisible = Math.min(count - 1, Math.floor((scrollTop + viewHeight - 1) / rowHeight));
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(count - 1, lastVisible + overscan);

  useEffect(() => {
    if (count > 0) onVisibleRange?.(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, count, onVisibleRange]);

  const rows: ReactNode[] = [];
  for (let i = start; i <= end; i++) rows.push(renderRow(i, i * rowHeight));

  const setRefs = (el: HTMLDivElement | null) => {
    own.current = el;
    if (typeof scrollRef === 'function') scrollRef(el);
    else if (scrollRef) (scrollRef as { current: HTMLDivElement | null }).current = el;
  };

  return (
    <div
      {...rest}
      ref={setRefs}
      className={className ? `vrows ${className}` : 'vrows'}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vrows-spacer" role="presentation" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

/** A row's style inside the spacer (React style props are set through the CSSOM, which the CSP allows). */
export function rowStyle(top: number, rowHeight: number): { transform: string; height: number } {
  return { transform: `translateY(${top}px)`, height: rowHeight };
}

/** Scrolls the least needed so that row `index` is fully in view. */
export function scrollRowIntoView(el: HTMLElement | null, index: number, rowHeight: number): void {
  if (!el || index < 0) return;
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
}

/** How many whole rows fit in the element's height (for Page Up/Page Down). */
export function rowsPerPage(el: HTMLElement | null, rowHeight: number): number {
  return Math.max(1, Math.floor((el?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
}
