// Routes of the one-off rounds under Chi trả: the list (#/chi-tra/dot-chi) and one round (#/chi-tra/dot-chi/3).

export const ROUNDS_PATH = '/chi-tra/dot-chi';
export const roundPagePath = (id: number) => `${ROUNDS_PATH}/${id}`;

export type RoundRoute = { page: 'rounds' } | { page: 'round'; id: number };

/** The round's route, or null when the path is not under the rounds. */
export function parseRoundRoute(path: string): RoundRoute | null {
  if (path === ROUNDS_PATH || path === `${ROUNDS_PATH}/`) return { page: 'rounds' };
  const m = /^\/chi-tra\/dot-chi\/(\d+)$/.exec(path);
  return m ? { page: 'round', id: Number(m[1]) } : null;
}
