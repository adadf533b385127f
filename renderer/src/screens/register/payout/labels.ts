import type { AuthorizationView } from '@shared/api/payout';

// Words of the payout card and the authorization list.

export const STATE_CLASS: Record<AuthorizationView['state'], string> = {
  valid: 'status-active',
  expiring: 'status-suspended',
  expired: 'status-stopped',
  future: 'status-none',
  revoked: 'status-stopped',
  giver_deceased: 'status-deceased',
};

export const ATTENTION_LABELS: Record<'expiring' | 'expired' | 'uncertified' | 'giver_deceased', string> = {
  expiring: 'Sắp hết hạn',
  expired: 'Hết hạn, còn đang dùng',
  uncertified: 'Chưa chứng thực',
  giver_deceased: 'Người ủy quyền đã mất',
};
