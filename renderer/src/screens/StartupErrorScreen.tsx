/** The app's own back end did not answer (should not happen; shown instead of a blank window). */
export function StartupErrorScreen({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <main className="fullpage">
      <div className="fullpage-card">
        <h1>Không khởi động được ứng dụng</h1>
        <p className="message message-error" role="alert">
          {message}
        </p>
        <p>Hãy bấm «Thử lại». Nếu vẫn không được, đóng ứng dụng rồi mở lại, hoặc báo cho cán bộ kỹ thuật.</p>
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          Thử lại
        </button>
      </div>
    </main>
  );
}
