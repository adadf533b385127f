import { describe, expect, it } from 'vitest';
import { HELP_PAGES, MONTHLY_CYCLE, helpPageFor } from '@shared/help/pages';
import { NAV_ITEMS } from '../../renderer/src/routing';
import {
  REGISTER_PATHS,
  enrollExistingPath,
  parseRegisterRoute,
  personEditPath,
  personPagePath,
} from '../../renderer/src/screens/register/paths';
import { PAYROLL_LIST_PATH, parsePayrollRoute, payrollPagePath } from '../../renderer/src/screens/payroll/paths';
import { SETTINGS_PAGES, settingsPageOf } from '../../renderer/src/screens/settings/pages';
import { ROUNDS_PATH, parseRoundRoute, roundPagePath } from '../../renderer/src/screens/rounds/paths';

// Hướng dẫn (F1): every routed screen has its help page, found from the route the screen is shown at.
// The route list is the renderer's own: the navigation's sections and each section's sub-routes.

const ROUTES: readonly string[] = [
  ...NAV_ITEMS.map((item) => item.path),
  ...Object.values(REGISTER_PATHS),
  personPagePath(12),
  personEditPath(12),
  enrollExistingPath(12),
  PAYROLL_LIST_PATH,
  payrollPagePath(7),
  ROUNDS_PATH,
  roundPagePath(3),
  ...SETTINGS_PAGES.map((page) => page.path),
];

describe('help pages', () => {
  it('every routed screen has a help page', () => {
    const missing = ROUTES.filter((route) => !helpPageFor(route));
    expect(missing).toEqual([]);
  });

  it('each route finds the page of its own screen, not a neighbour’s', () => {
    expect(helpPageFor('/so-doi-tuong')?.key).toBe('register-list');
    expect(helpPageFor(personPagePath(12))?.key).toBe('register-person');
    expect(helpPageFor(personEditPath(12))?.key).toBe('register-edit');
    expect(helpPageFor(payrollPagePath(7))?.key).toBe('payroll-page');
    expect(helpPageFor('/cai-dat/sao-luu/')?.key).toBe('settings-backup');
    expect(helpPageFor('/so-doi-tuong/ho-so/abc')).toBeUndefined();
    expect(helpPageFor('/khong-co')).toBeUndefined();
  });

  it('every help page is for screens that exist (its routes are the router’s own)', () => {
    const known = (route: string): boolean => {
      const path = route.replace(/:id/g, '5');
      if (NAV_ITEMS.some((item) => item.path === path)) return true;
      if (path.startsWith('/so-doi-tuong/')) return parseRegisterRoute(path).page !== 'unknown';
      if (path.startsWith('/chi-tra/'))
        return parseRoundRoute(path) !== null || parsePayrollRoute(path).page !== 'unknown';
      if (path.startsWith('/cai-dat/')) return settingsPageOf(path) !== undefined;
      return false;
    };
    const stray = HELP_PAGES.flatMap((page) => page.routes.filter((r) => !known(r)).map((r) => `${page.key}: ${r}`));
    expect(stray).toEqual([]);
    expect(new Set(HELP_PAGES.map((p) => p.key)).size).toBe(HELP_PAGES.length);
  });

  it('the monthly cycle has its eight steps in the office’s order', () => {
    expect(MONTHLY_CYCLE.map((s) => s.title)).toEqual([
      'Nhập, cập nhật sổ đối tượng',
      'Lập bảng chi trả',
      'Trình duyệt',
      'Phê duyệt',
      'Xuất file ngân hàng, danh sách chi',
      'Ghi kết quả chi trả',
      'Báo cáo',
      'Sao lưu',
    ]);
  });
});
