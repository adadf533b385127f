import { z } from 'zod';
import { requiredText } from './fields';

// Users and roles (issue: only named officers get in; each does only what the role allows).

export const ROLES = ['officer', 'accountant', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Cán bộ chính sách',
  accountant: 'Kế toán',
  approver: 'Lãnh đạo phê duyệt',
  admin: 'Quản trị hệ thống',
};

export const MIN_PASSWORD_LENGTH = 8;

const password = z
  .string({ error: 'Mật khẩu: cần nhập.' })
  .min(MIN_PASSWORD_LENGTH, { error: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` })
  .max(200, { error: 'Mật khẩu quá dài.' });

const username = z
  .string({ error: 'Tên đăng nhập: cần nhập.' })
  .trim()
  .toLowerCase()
  .pipe(
    z.string().regex(/^[a-z0-9._-]{3,32}$/, {
      error: 'Tên đăng nhập: 3–32 ký tự, chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.',
    }),
  );

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().max(64),
  password: z.string().max(200),
});

export const firstRunSchema = z.object({
  username,
  fullName: requiredText('Họ và tên', 120),
  password,
});

export const createUserSchema = z.object({
  username,
  fullName: requiredText('Họ và tên', 120),
  role: z.enum(ROLES, { error: 'Chọn vai trò.' }),
  password,
});

export const setUserActiveSchema = z.object({ id: z.number().int().positive(), active: z.boolean() });
export const resetPasswordSchema = z.object({ id: z.number().int().positive(), password });
export const setUserRoleSchema = z.object({
  id: z.number().int().positive(),
  role: z.enum(ROLES, { error: 'Chọn vai trò.' }),
});
export const changeOwnPasswordSchema = z.object({ currentPassword: z.string().max(200), newPassword: password });

export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
}

export interface SessionState {
  /** 'first-run': no administrator yet; 'signed-out'; 'locked': idle lock, unlock with the same user. */
  state: 'first-run' | 'signed-out' | 'locked' | 'signed-in';
  user: SessionUser | null;
  idleMinutes: number;
}

export interface UserView extends SessionUser {
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export const unlockSchema = z.object({ password: z.string().max(200) });

export const securitySettingsSchema = z.object({
  idleMinutes: z
    .number({ error: 'Thời gian tự khoá: nhập số phút.' })
    .int({ error: 'Thời gian tự khoá: số phút nguyên.' })
    .min(1, { error: 'Thời gian tự khoá: ít nhất 1 phút.' })
    .max(240, { error: 'Thời gian tự khoá: tối đa 240 phút.' }),
});
export type SecuritySettings = z.output<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY: SecuritySettings = { idleMinutes: 10 };

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày: dạng năm-tháng-ngày.' });
const auditFilterFields = {
  userId: z.number().int().positive().optional(),
  personId: z.number().int().positive().optional(),
  action: z.string().max(60).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};
export const auditFilterSchema = z.object({
  ...auditFilterFields,
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export const auditExportSchema = z.object(auditFilterFields);

/** audit.export's job result: the log under the filter as xlsx, to download. */
export interface AuditExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

export interface AuditEntryView {
  id: number;
  at: string;
  userName: string;
  action: string;
  entity: string;
  entityId: string | null;
  personId: number | null;
  personName: string | null;
  detail: string;
}

/**
 * The audit chain's check. `ok` says only that each entry links to the one before (accidental damage, or
 * an edit by someone who did not recompute the hashes); `anchors` compares the chain with the anchors
 * the app has issued (main/services/audit-anchors.ts), which is what catches a recomputed chain.
 */
export type AuditChainResult = (
  { ok: true; entries: number } | { ok: false; entries: number; firstBrokenId: number }
) & {
  head?: AuditHead | null;
  anchors?: AnchorCheck;
};

/** The newest entry of an audit chain: its sequence number (audit_log.id) and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Where an anchor was issued: printed on an approved payroll's summary, in a province export's manifest, in a backup, or a restore. */
export type AnchorKind = 'payroll-summary' | 'province-export' | 'backup' | 'restore';

export interface AuditAnchor extends AuditHead {
  /** When it was issued (ISO). */
  at: string;
  kind: AnchorKind;
  /** What carries it: the payroll month, the export folder, the backup file. */
  ref: string;
}

export interface AnchorProblem {
  anchor: AuditAnchor;
  /** SHORTER: the chain ends before the anchor; DIFFERENT: its entry at the anchor's number has another hash. */
  problem: 'SHORTER' | 'DIFFERENT';
}

export interface AnchorCheck {
  /** How many anchors were compared. */
  checked: number;
  problems: AnchorProblem[];
  /** The record of issued anchors exists but cannot be read (itself a warning). */
  unreadable?: boolean;
  /** One Vietnamese sentence when there is a problem, for the screen. */
  warning?: string;
}
