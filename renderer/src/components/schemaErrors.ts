import type { ZodType } from 'zod';

// Local checks from the contract's own input schema, for forms whose rules main states in full there (the
// bank templates, a new round): the officer sees main's exact Vietnamese message as soon as a field is left,
// and a save that main would refuse is not sent. zod is already in the renderer bundle (api/query.ts reads
// the contract), and shared/api/zod-vi.ts sets it jitless, so parsing here trips no CSP probe.

/**
 * The schema's issues for `input`, by form field: paths are joined with dots as main's dispatcher does
 * (`rules.0.amountVnd`), then mapped by `fieldOf` (the form's `fieldOfPath`). Issues no field takes are
 * left to main, whose refusal puts them in the form's message. Messages on one field are joined.
 */
export function schemaErrors<F extends PropertyKey>(
  schema: ZodType,
  input: unknown,
  fieldOf: (path: string) => F | undefined,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  const parsed = schema.safeParse(input);
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'));
    if (field === undefined) continue;
    const before = errors[field];
    if (!before) errors[field] = issue.message;
    else if (!before.includes(issue.message)) errors[field] = `${before} ${issue.message}`;
  }
  return errors;
}
