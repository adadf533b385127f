import { describe, expect, it } from 'vitest';
import { pressTracker } from '../../renderer/src/components/pointerPress';

// What a field's leave shows waits while a pointer is pressed (the blur comes on the press, and a message
// shown then would move the button under the pointer), and runs after the release and its click; with no
// press under way (the keyboard) it runs at once. renderer/src/components/pointerPress.ts.

function tracked() {
  const later: Array<() => void> = [];
  const ran: string[] = [];
  const tracker = pressTracker((run) => later.push(run));
  /** What `later` was handed: runs after the release's events (the click) in the app. */
  const afterClick = () => later.splice(0).forEach((run) => run());
  return { tracker, ran, afterClick, later };
}

describe('pressTracker', () => {
  it('with no press under way (Tab), a task runs at once', () => {
    const { tracker, ran, later } = tracked();
    tracker.afterPress(() => ran.push('message'));
    expect(ran).toEqual(['message']);
    expect(later).toEqual([]);
  });

  it('during a press, tasks wait for the release and then for the click to have run', () => {
    const { tracker, ran, afterClick } = tracked();
    tracker.press();
    tracker.afterPress(() => ran.push('name'));
    tracker.afterPress(() => ran.push('length'));
    expect(ran).toEqual([]);
    tracker.release();
    expect(ran).toEqual([]); // the click comes after the release: not yet
    ran.push('click');
    afterClick();
    expect(ran).toEqual(['click', 'name', 'length']);
  });

  it('a release runs only what waited for it; the next leave (no press) runs at once', () => {
    const { tracker, ran, afterClick } = tracked();
    tracker.press();
    tracker.afterPress(() => ran.push('first'));
    tracker.release();
    tracker.afterPress(() => ran.push('second'));
    expect(ran).toEqual(['second']);
    afterClick();
    expect(ran).toEqual(['second', 'first']);
    afterClick();
    expect(ran).toEqual(['second', 'first']);
  });

  it('a release with nothing waiting, or a second one, schedules nothing', () => {
    const { tracker, later } = tracked();
    tracker.release();
    tracker.press();
    tracker.release();
    tracker.release();
    expect(later).toEqual([]);
  });
});
