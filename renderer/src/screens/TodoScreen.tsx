import { useEffect } from 'react';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useApi } from '../api/query';
import { ScreenTitle } from '../components/ScreenTitle';
import { hrefFor } from '../routing';
import { payrollPagePath } from './payroll/paths';
import './todo/todo.css';

// Việc cần làm (issue 14): the first screen after sign-in, for every role. What waits for this user
// (main decides by role: todo.list), each with its count and a link to the screen where it is fixed.
// From the data layer's cache: shown at once when the screen comes back, asked again then, after every
// write, and when the window regains focus (another window or app may have changed things).

export function TodoScreen() {
  const { state, reload } = useApi('todo.list', {});
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  return (
    <>
      <ScreenTitle>Việc cần làm</ScreenTitle>
      {state.status === 'loading' && <p role="status">Đang tải việc cần làm…</p>}
      {state.status === 'failed' && (
        <p className="message message-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'loaded' && (
        <>
          {state.value.payrolls.length > 0 && (
            <section
              className="panel todo-payrolls"
              aria-label={state.value.role === 'approver' ? 'Bảng chi trả chờ phê duyệt' : 'Bảng chi trả bị trả lại'}
            >
              <h2>
                {state.value.role === 'approver'
                  ? `Bảng chi trả chờ phê duyệt (${state.value.payrolls.length})`
                  : `Bảng chi trả bị trả lại (${state.value.payrolls.length})`}
              </h2>
              <ul className="todo-list">
                {state.value.payrolls.map((p) => (
                  <li key={p.id} className="todo-item todo-urgent">
                    <a href={hrefFor(payrollPagePath(p.id))}>
                      {p.programmeName} tháng {formatMonthVi(p.month)}
                    </a>
                    : {formatVnd(p.lineCount)} dòng, tổng {formatVnd(p.totalVnd)} đồng
                    {p.attentionCount > 0 && <>, {formatVnd(p.attentionCount)} dòng cần chú ý</>}
                    {p.review === 'submitted' && p.submittedBy && <> — trình bởi {p.submittedBy}</>}
                    {p.review === 'returned' && p.returnComment && (
                      <p className="todo-detail">
                        Ý kiến{p.returnedBy ? ` của ${p.returnedBy}` : ''}: <q>{p.returnComment}</q>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel" aria-label="Các việc khác">
            {state.value.items.length === 0 && state.value.payrolls.length === 0 ? (
              <p className="message message-info">Không có việc nào đang chờ.</p>
            ) : (
              <ul className="todo-list">
                {state.value.items.map((item) => (
                  <li
                    key={item.key}
                    className={item.urgent ? 'todo-item todo-urgent' : 'todo-item'}
                    data-todo={item.key}
                  >
                    <a href={hrefFor(item.path)}>{item.label}</a>
                    {item.detail && <p className="todo-detail">{item.detail}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
