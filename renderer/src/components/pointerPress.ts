// A field's message shows when the user leaves it (useCheckedForm's blur). Left with the mouse, the field
// loses focus on the *press*: a message shown then pushes what is below it down (the form's Lưu, a checkbox,
// the next row's button) before the release, the release lands elsewhere and the click is lost — the
// officer clicks Lưu and nothing happens. So what a blur shows waits, while a press is under way, until the
// press has ended and its click has run (a save attempt shows every message anyway). With the keyboard
// (Tab) no press is under way and the message shows at once, as before. No space is kept free under the
// fields for messages: 1024×768 screens have none to spare.

export interface PressTracker {
  /** A pointer went down (it comes before the focus moves, so before the field's blur). */
  press(): void;
  /** The pointer went up, or the press was cancelled: what waited runs once the click has run. */
  release(): void;
  /** Runs `task` now, or, while a press is under way, after its release and click. */
  afterPress(task: () => void): void;
}

/** `later` runs its callback after the events of the release (the click among them) have been handled. */
export function pressTracker(later: (run: () => void) => void): PressTracker {
  let pressing = false;
  let waiting: Array<() => void> = [];
  return {
    press() {
      pressing = true;
    },
    release() {
      if (!pressing) return;
      pressing = false;
      const tasks = waiting;
      waiting = [];
      if (tasks.length > 0) later(() => tasks.forEach((task) => task()));
    },
    afterPress(task) {
      if (pressing) waiting.push(task);
      else task();
    },
  };
}

// The page's one tracker. Capture on window: it hears every press first, even one a component stops.
// A timer runs after the release's task, in which Chromium sends pointerup, mouseup and then the click.
const page = pressTracker((run) => setTimeout(run, 0));
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', (event) => event.isPrimary !== false && page.press(), true);
  for (const end of ['pointerup', 'pointercancel'] as const) window.addEventListener(end, () => page.release(), true);
  // The window left during a press (Alt+Tab): its release may never come here. (Not in capture: a field's
  // blur, which does not bubble, must not end the press.)
  window.addEventListener('blur', () => page.release());
}

/** Runs `task` now, or after the pointer press under way (and its click). */
export const afterPointerPress = (task: () => void): void => page.afterPress(task);
