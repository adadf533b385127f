/**
 * After a refused save, once React has rendered the errors just set: the cursor goes to the first field
 * with a problem, else the message is scrolled into view.
 */
export function focusFirstInvalid(root: HTMLElement | null): void {
  if (!root) return;
  let done = false;
  const focus = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(fallback);
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (target) target.focus();
    else root.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  };
  // The errors were set just before this call; React commits them in a task of its own, which a busy page
  // can put after the next animation frame (waiting one frame lost the focus on a loaded machine). The
  // first change React makes inside the form is that commit. A render that changes nothing in the form
  // (the same errors again) leaves the page as it is: the fallback then moves the cursor.
  const observer = new MutationObserver(focus);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const fallback = setTimeout(focus, SETTLE_MS);
}

/** How long to wait for a render that may change nothing in the form. */
const SETTLE_MS = 500;
