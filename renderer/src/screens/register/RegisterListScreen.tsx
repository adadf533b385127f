import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PersonRow } from '@shared/api/register';
import { forgetOnSignOut } from '../../auth/forget';
import { useCan } from '../../auth/session';
import { ScreenTitle } from '../../components/ScreenTitle';
import { rowsPerPage, scrollRowIntoView } from '../../components/VirtualRows';
import { hrefFor, navigate } from '../../routing';
import { formatCount } from './labels';
import { ExportRegisterButton } from './ExportRegisterButton';
import { BulkChangeButton } from './payout/BulkChangeButton';
import { RegisterFilters } from './RegisterFilters';
import { GRID_ID, ROW_HEIGHT, RegisterGrid, rowId } from './RegisterGrid';
import { REGISTER_PATHS, personPagePath } from './paths';
import { referenceOf, useReference } from './useReference';
import {
  EMPTY_QUERY,
  hasFilters,
  SUMMARY_RECHECK_MS,
  useRegisterSearch,
  type RegisterQuery,
  type SearchResults,
} from './useRegisterSearch';

// Sổ đối tượng: search as you type, filters, and the whole register in one scrolling grid. Coming back
// from a person's page finds the same search, filters and highlighted row.

let remembered: { query: RegisterQuery; active: number } = { query: EMPTY_QUERY, active: -1 };
forgetOnSignOut(() => {
  remembered = { query: EMPTY_QUERY, active: -1 };
});

export function RegisterListScreen() {
  const [query, setQuery] = useState<RegisterQuery>(remembered.query);
  const [active, setActive] = useState(remembered.active);
  const reference = referenceOf(useReference());
  const { results, searching, error, rowAt, ensureRange, retry } = useRegisterSearch(query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const count = results?.count ?? 0;
  const canEnroll = useCan('register.enroll');
  const canImport = useCan('import.commit');
  const canExport = useCan('register.export');
  const canBulk = useCan('payout.bulkChange');
  const canWardDecisions = useCan('wardDecisions.list');

  useEffect(() => {
    remembered = { query, active };
  }, [query, active]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // A new answer to a new query starts at the top (except the first, which may restore a position).
  const shownGeneration = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!results) return;
    const first = shownGeneration.current === undefined;
    if (shownGeneration.current === results.generation) return;
    shownGeneration.current = results.generation;
    if (first && active >= 0 && active < results.count) {
      scrollRowIntoView(scrollRef.current, active, ROW_HEIGHT);
      return;
    }
    setActive(-1);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    // Only a new generation matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results?.generation]);

  useEffect(() => {
    scrollRowIntoView(scrollRef.current, active, ROW_HEIGHT);
  }, [active]);

  // The month's first start refreshes everyone's summary in the background: a list no one has moved in
  // is searched again until it is done (a new answer starts at the top, so not under the user's hand).
  const refreshing = !!results?.summaryRefreshing;
  useEffect(() => {
    if (!refreshing) return;
    const timer = setTimeout(() => {
      if (active < 0 && !scrollRef.current?.scrollTop) retry();
    }, SUMMARY_RECHECK_MS);
    return () => clearTimeout(timer);
  }, [refreshing, results?.generation, active, retry]);

  const edit = (patch: Partial<RegisterQuery>) => setQuery((q) => ({ ...q, ...patch }));

  const open = useCallback((row: PersonRow) => navigate(personPagePath(row.id)), []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const inInput = event.currentTarget === inputRef.current;
    const move = (to: number) => {
      event.preventDefault();
      if (count > 0) setActive(Math.max(0, Math.min(count - 1, to)));
    };
    const page = rowsPerPage(scrollRef.current, ROW_HEIGHT);
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active <= 0 ? 0 : active - 1);
      case 'PageDown':
        return move(Math.max(0, active) + page);
      case 'PageUp':
        return move(Math.max(0, active) - page);
      case 'Home':
        if (inInput && !event.ctrlKey) return;
        return move(0);
      case 'End':
        if (inInput && !event.ctrlKey) return;
        return move(count - 1);
      case 'Enter': {
        event.preventDefault();
        const row = active >= 0 ? rowAt(active) : undefined;
        if (row) open(row);
        else if (count > 0) setActive(0);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (query.text) edit({ text: '' });
        else if (hasFilters(query)) setQuery(EMPTY_QUERY);
        inputRef.current?.focus();
        return;
    }
  };

  return (
    <div className="register-screen">
      <div className="screen-head">
        <ScreenTitle>Sổ đối tượng</ScreenTitle>
        <div className="screen-actions">
          {canEnroll && (
            <a className="btn btn-primary" href={hrefFor(REGISTER_PATHS.enroll)}>
              + Thêm đối tượng
            </a>
          )}
          {canImport && (
            <a className="btn btn-secondary" href={hrefFor(REGISTER_PATHS.import)}>
              Nhập từ Excel
            </a>
          )}
          {canImport && (
            <a
              className="btn btn-secondary"
              href={hrefFor(REGISTER_PATHS.transferIn)}
              title="Nhập tệp chuyển hồ sơ của người chuyển đến từ nơi khác"
            >
              Nhận hồ sơ chuyển đến
            </a>
          )}
          <a className="btn btn-secondary" href={hrefFor(REGISTER_PATHS.changes)}>
            Thay đổi tháng sau
          </a>
          {canExport && <ExportRegisterButton query={query} />}
          <a
            className="btn btn-secondary"
            href={hrefFor(REGISTER_PATHS.authorizations)}
            title="Giấy ủy quyền cần xử lý"
          >
            Ủy quyền
          </a>
          {canWardDecisions && (
            <a
              className="btn btn-secondary"
              href={hrefFor(REGISTER_PATHS.wardDecisions)}
              title="Sổ quyết định của phường"
            >
              Quyết định
            </a>
          )}
          <a
            className="btn btn-secondary"
            href={hrefFor(REGISTER_PATHS.bhyt)}
            title="Danh sách cấp, thu hồi, điều chỉnh thẻ BHYT gửi cơ quan BHXH"
          >
            Bảo hiểm y tế
          </a>
          <a
            className="btn btn-secondary"
            href={hrefFor(REGISTER_PATHS.review)}
            title="Rà soát giấy tờ xác định điều kiện hưởng (hộ nghèo, khuyết tật, đi học)"
          >
            Rà soát
          </a>
          {canBulk && <BulkChangeButton query={query} onDone={retry} />}
        </div>
      </div>

      <div className="register-toolbar">
        <div className="field register-search">
          <label htmlFor="register-search">Tìm kiếm</label>
          <input
            id="register-search"
            ref={inputRef}
            data-autofocus
            type="text"
            role="combobox"
            aria-expanded={count > 0}
            aria-controls={GRID_ID}
            aria-haspopup="grid"
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 && rowAt(active) ? rowId(active) : undefined}
            aria-describedby="register-search-hint"
            placeholder="Gõ họ tên (có dấu hoặc không dấu), số điện thoại hoặc đủ 12 số định danh"
            maxLength={100}
            value={query.text}
            onChange={(e) => edit({ text: e.target.value })}
            onKeyDown={onKeyDown}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="register-toolbar-side">
          <p className="register-count" role="status">
            {countText(results, searching, query)}
          </p>
          <p id="register-search-hint" className="hint register-keys">
            <kbd>↓</kbd> <kbd>↑</kbd> chọn dòng · <kbd>Enter</kbd> mở hồ sơ · <kbd>Esc</kbd> xoá
          </p>
        </div>
      </div>

      <RegisterFilters query={query} reference={reference} onChange={edit} />

      {results?.summaryRefreshing && (
        <p className="message message-info" role="status">
          Đang cập nhật tình trạng và số tiền tháng này cho mọi người trong sổ (lần mở đầu tiên của tháng, hoặc sau khi
          đổi mức chuẩn). Trong ít giây, cột tình trạng, số tiền và các bộ lọc có thể còn theo số cũ.{' '}
          <button type="button" className="btn btn-secondary" onClick={retry}>
            Tải lại danh sách
          </button>
        </p>
      )}

      {error && (
        <div className="message message-error" role="alert">
          <p>{error}</p>
          <button type="button" className="btn btn-secondary" onClick={retry}>
            Thử lại
          </button>
        </div>
      )}

      <div className="register-grid-wrap">
        <RegisterGrid
          count={count}
          rowAt={rowAt}
          active={active}
          onActivate={setActive}
          onOpen={open}
          onVisibleRange={ensureRange}
          onKeyDown={onKeyDown}
          scrollRef={scrollRef}
          busy={searching}
          sort={{ sort: query.sort, direction: query.direction }}
          onSort={(next) => edit(next)}
        />
        {results && count === 0 && <EmptyNote query={query} canEnroll={canEnroll} />}
      </div>
    </div>
  );
}

function countText(results: SearchResults | null, searching: boolean, query: RegisterQuery): string {
  if (!results) return 'Đang tìm…';
  const filtered = query.text.trim() !== '' || hasFilters(query);
  if (results.total === 0) return searching ? 'Đang tìm…' : filtered ? 'Không tìm thấy ai' : '0 người';
  const n = formatCount(results.total);
  return results.capped ? `hơn ${n} người` : `${n} người`;
}

function EmptyNote({ query, canEnroll }: { query: RegisterQuery; canEnroll: boolean }) {
  const filtered = query.text.trim() !== '' || hasFilters(query);
  return (
    <div className="register-empty">
      {filtered ? (
        <p>
          Không có ai khớp với điều kiện tìm. Hãy kiểm tra chính tả, bỏ bớt bộ lọc, hoặc nhấn Esc để xoá ô tìm kiếm.
        </p>
      ) : !canEnroll ? (
        <p>Sổ chưa có đối tượng nào. Cán bộ chính sách ghi người hưởng vào sổ theo quyết định, hoặc nhập từ Excel.</p>
      ) : (
        <p>
          Sổ chưa có đối tượng nào. Bấm <strong>Thêm đối tượng</strong> để ghi một người theo quyết định, hoặc{' '}
          <strong>Nhập từ Excel</strong> để chuyển sổ đang theo dõi trên Excel vào.
        </p>
      )}
    </div>
  );
}
