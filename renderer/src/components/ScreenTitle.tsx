import type { ReactNode } from 'react';

export const SCREEN_TITLE_ID = 'screen-title';

/** A section's h1; focusable from script so that moving between sections lands keyboard focus here. */
export function ScreenTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id={SCREEN_TITLE_ID} className="screen-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
