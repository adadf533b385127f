// What a panel shows while its value loads, or after loading failed (with "Thử lại" when it can retry).

type LoadState = { status: 'loading' } | { status: 'loaded' } | { status: 'failed'; message: string };

export function LoadStatus({ state, onRetry }: { state: LoadState; onRetry?: () => void }) {
  if (state.status === 'loading') return <p role="status">Đang tải…</p>;
  if (state.status !== 'failed') return null;
  return (
    <div className="message message-error" role="alert">
      <p>{state.message}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Thử lại
        </button>
      )}
    </div>
  );
}
