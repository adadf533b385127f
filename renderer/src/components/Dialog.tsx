import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** Escape, the close button, or the caller's own Huỷ button. */
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog>: focus stays inside, Escape closes it, and closing returns focus
 * to the control that opened it. Rendered only while open (the caller mounts and unmounts it).
 */
export function Dialog({ title, onClose, children, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // Layout effect: its cleanup runs while the <dialog> is still in the document, so closing it there
  // returns focus to the opener; the opener is also focused explicitly, should the browser not do it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-close" onClick={() => onClose()}>
          <span aria-hidden="true">×</span>
          <span className="sr-only">Đóng</span>
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
