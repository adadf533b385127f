// A horizontal bar for a share (tenths of a percent), drawn with CSS: no chart library, works offline.
// The same figure is written next to it, and given to assistive technology as text.

export function Bar({ label, tenths, text }: { label: string; tenths: number | null; text: string }) {
  const width = Math.max(0, Math.min(100, (tenths ?? 0) / 10));
  return (
    <div className="report-bar">
      <span className="report-bar-label">{label}</span>
      <span className="report-bar-track" role="img" aria-label={`${label}: ${text}`}>
        <span className="report-bar-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="report-bar-value">{text}</span>
    </div>
  );
}
