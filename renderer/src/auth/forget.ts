// What one user leaves in memory (the last search, cached lists) must not greet the next one on a shared
// PC. Modules that keep such state register how to drop it; signing out drops it all.

const forgetters = new Set<() => void>();

export function forgetOnSignOut(forget: () => void): void {
  forgetters.add(forget);
}

export function forgetUserState(): void {
  for (const forget of forgetters) forget();
}
