import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { Dialog } from './Dialog';

// Work typed into a form is not lost without a word: while a form has changes not yet saved, leaving it
// asks first — in-app links and navigate() (a click on the menu, "← Sổ đối tượng"), and closing the window
// or reloading (beforeunload; the desktop app turns it into a question in Vietnamese, main/electron/window.ts).
// A form says it has changes with useLeaveGuard(dirty); it stops guarding once saved or unmounted.

const dirtyForms = new Set<string>();
const listeners = new Set<() => void>();
let pendingTarget: string | null = null;

const notify = () => listeners.forEach((l) => l());

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** Marks the calling form as having (or not) changes that leaving would lose. */
export function useLeaveGuard(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (dirty) dirtyForms.add(id);
    else dirtyForms.delete(id);
    notify();
    return () => {
      dirtyForms.delete(id);
      notify();
    };
  }, [dirty, id]);
}

/**
 * Whether going to `path` may go ahead now. With unsaved changes it may not: the question is shown, and
 * "Rời trang" goes there after all.
 */
export function mayLeaveFor(path: string): boolean {
  if (!hasUnsavedChanges()) return true;
  pendingTarget = path;
  notify();
  return false;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The question, the link interception and the window-close guard; rendered once, by the Shell. */
export function LeaveGuardHost() {
  const target = useSyncExternalStore(subscribe, () => pendingTarget);
  const [, force] = useState(0);

  useEffect(() => {
    // In-app links (#/…): asked before the hash changes, so the form stays as it was if the user stays.
    const onClick = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.ctrlKey ||
        event.metaKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[href^="#/"]') : null;
      if (!link) return;
      const path = link.getAttribute('href')!.slice(1);
      if (path === window.location.hash.slice(1)) return;
      if (!mayLeaveFor(path)) event.preventDefault();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  if (target === null) return null;
  const stay = () => {
    pendingTarget = null;
    force((n) => n + 1);
    notify();
  };
  const leave = () => {
    pendingTarget = null;
    dirtyForms.clear();
    notify();
    window.location.hash = target;
  };
  return (
    <Dialog title="Rời trang khi chưa lưu?" onClose={stay}>
      <p>Những gì bạn vừa nhập trên trang này chưa được lưu. Nếu rời trang, các thay đổi đó sẽ mất.</p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={stay}>
          Ở lại để lưu
        </button>
        <button type="button" className="btn btn-danger" onClick={leave}>
          Rời trang, bỏ thay đổi
        </button>
      </div>
    </Dialog>
  );
}
