import { describe, expect, it } from 'vitest';
import { withGroupNames } from '@shared/api/ledger-labels';

describe('ledger labels', () => {
  it('writes a group code of a ledger label as the group name, leaving unknown codes and other text alone', () => {
    const groups = new Map([['BTXH-6B', 'Người khuyết tật đặc biệt nặng là trẻ em hoặc người cao tuổi']]);
    expect(withGroupNames('Trợ cấp xã hội hằng tháng — BTXH-6B', groups)).toBe(
      'Trợ cấp xã hội hằng tháng — Người khuyết tật đặc biệt nặng là trẻ em hoặc người cao tuổi',
    );
    expect(withGroupNames('Trợ cấp xã hội hằng tháng — BTXH-9Z', groups)).toBe('Trợ cấp xã hội hằng tháng — BTXH-9Z');
    expect(withGroupNames('Hỗ trợ chi phí mai táng (20 × 500.000 đồng)', groups)).toBe(
      'Hỗ trợ chi phí mai táng (20 × 500.000 đồng)',
    );
  });
});
