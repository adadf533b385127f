import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { api } from '../api/client';
import { queryClient } from '../api/query';
import { DEFAULT_PATH, navigate, readHashPath } from '../routing';

// A screen that throws while rendering shows a Vietnamese message with a way back instead of a blank
// window, and the error goes to main's log file (diagnostics.reportError; main masks digit runs).
// Two levels: `scope="screen"` around the current screen inside the Shell (the menu stays usable), and
// `scope="app"` at the root for anything else (sign-in, the Shell itself).

interface Props {
  scope: 'app' | 'screen';
  /** The route: moving to another screen clears the error. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
  /** Bumped by «Tải lại màn hình»: the screen is mounted afresh and loads its data again. */
  attempt: number;
}

const MAX = { message: 2_000, stack: 8_000 };

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const e = error instanceof Error ? error : new Error(String(error));
    // The answer that broke the screen may sit in the data layer's cache: drop every cached answer, so
    // «Tải lại màn hình» (or coming back later) asks main afresh instead of showing the same data again.
    queryClient.removeQueries();
    void api('diagnostics.reportError', {
      where: `#${readHashPath().split('?')[0]}`.slice(0, 200),
      message: e.message.slice(0, MAX.message),
      stack: (e.stack ?? '').slice(0, MAX.stack),
      componentStack: (info.componentStack ?? '').slice(0, MAX.stack),
    }).catch(() => undefined); // the log is best effort: the screen's message matters more
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  private retry = () => {
    if (this.props.scope === 'app') window.location.reload();
    else this.setState((s) => ({ error: undefined, attempt: s.attempt + 1 }));
  };

  private home = () => {
    if (this.props.scope === 'app') {
      window.location.hash = DEFAULT_PATH;
      window.location.reload();
      return;
    }
    // Already on the start page: `resetKey` does not change, so clear the error here.
    if (readHashPath() === DEFAULT_PATH) this.setState((s) => ({ error: undefined, attempt: s.attempt + 1 }));
    else navigate(DEFAULT_PATH);
  };

  override render(): ReactNode {
    if (!this.state.error) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    const screen = this.props.scope === 'screen';
    const body = (
      <div className={screen ? 'error-boundary' : 'fullpage-card'} role="alert" data-testid="error-boundary">
        <h1>{screen ? 'Màn hình này gặp lỗi' : 'Ứng dụng gặp lỗi'}</h1>
        <p>
          {screen
            ? 'Màn hình này không hiển thị được do một lỗi không mong muốn.'
            : 'Ứng dụng không hiển thị được do một lỗi không mong muốn.'}{' '}
          Dữ liệu đã lưu không bị ảnh hưởng; lỗi đã được ghi vào nhật ký của máy (quản trị viên có thể lưu nhật ký trong
          Cài đặt để gửi hỗ trợ).
        </p>
        <p className="error-boundary-actions">
          <button type="button" className="btn btn-primary" onClick={this.retry}>
            {screen ? 'Tải lại màn hình' : 'Tải lại ứng dụng'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={this.home}>
            Về trang đầu
          </button>
        </p>
      </div>
    );
    return screen ? body : <main className="fullpage">{body}</main>;
  }
}
