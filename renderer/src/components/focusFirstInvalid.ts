/** After a refused save (rendered on the next frame): the cursor goes to the first field with a problem. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (target) {
      target.focus();
      return;
    }
    root?.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  });
}
