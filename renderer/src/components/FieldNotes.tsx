/** A field's error (red) and warnings (amber), referenced by the control's aria-describedby. */
export function FieldNotes({
  errorId,
  error,
  warningId,
  warnings,
}: {
  errorId?: string;
  error?: string;
  warningId?: string;
  warnings?: readonly string[];
}) {
  return (
    <>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {warnings && warnings.length > 0 && (
        <div id={warningId} className="field-warning">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
    </>
  );
}
