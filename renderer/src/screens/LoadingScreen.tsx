export function LoadingScreen() {
  return (
    <main className="fullpage">
      <p className="fullpage-loading" role="status">
        Đang mở Sổ An Sinh…
      </p>
    </main>
  );
}
