// The register's routes (under #/so-doi-tuong).

export const REGISTER_PATHS = {
  list: '/so-doi-tuong',
  enroll: '/so-doi-tuong/them',
  changes: '/so-doi-tuong/thay-doi',
  import: '/so-doi-tuong/nhap-excel',
  authorizations: '/so-doi-tuong/uy-quyen',
  wardDecisions: '/so-doi-tuong/quyet-dinh',
  bhyt: '/so-doi-tuong/bhyt',
  review: '/so-doi-tuong/ra-soat',
  transferIn: '/so-doi-tuong/nhan-ho-so',
} as const;

export const personPagePath = (id: number) => `/so-doi-tuong/ho-so/${id}`;
export const personEditPath = (id: number) => `/so-doi-tuong/ho-so/${id}/sua`;
export const enrollExistingPath = (id: number) => `/so-doi-tuong/them/${id}`;

export type RegisterRoute =
  | { page: 'list' }
  | { page: 'enroll'; personId?: number }
  | { page: 'person'; id: number }
  | { page: 'edit'; id: number }
  | { page: 'changes' }
  | { page: 'import' }
  | { page: 'authorizations' }
  | { page: 'wardDecisions' }
  | { page: 'bhyt' }
  | { page: 'review' }
  | { page: 'transferIn' }
  | { page: 'unknown' };

export function parseRegisterRoute(path: string): RegisterRoute {
  const rest = path.replace(/^\/so-doi-tuong/, '').replace(/\/+$/, '');
  if (rest === '') return { page: 'list' };
  if (rest === '/them') return { page: 'enroll' };
  if (rest === '/thay-doi') return { page: 'changes' };
  if (rest === '/nhap-excel') return { page: 'import' };
  if (rest === '/uy-quyen') return { page: 'authorizations' };
  if (rest === '/quyet-dinh') return { page: 'wardDecisions' };
  if (rest === '/bhyt') return { page: 'bhyt' };
  if (rest === '/ra-soat') return { page: 'review' };
  if (rest === '/nhan-ho-so') return { page: 'transferIn' };
  let m = /^\/them\/(\d+)$/.exec(rest);
  if (m) return { page: 'enroll', personId: Number(m[1]) };
  m = /^\/ho-so\/(\d+)$/.exec(rest);
  if (m) return { page: 'person', id: Number(m[1]) };
  m = /^\/ho-so\/(\d+)\/sua$/.exec(rest);
  if (m) return { page: 'edit', id: Number(m[1]) };
  return { page: 'unknown' };
}
