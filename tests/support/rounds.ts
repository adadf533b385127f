import type { RoundDetail } from '@shared/api/rounds';
import type { TestCore } from './register';

// A round's approval as a workflow: the officer submits (the list picked again and frozen), the approver
// approves confirming its count and total. For tests that need an approved round; back as the officer after.

export async function submitAndApproveRound(core: TestCore, roundId: number): Promise<RoundDetail> {
  const submitted = await core.ok('rounds.submit', { roundId });
  core.as('approver');
  try {
    return await core.ok('rounds.approve', {
      roundId,
      confirm: { lineCount: submitted.round.lineCount, totalVnd: submitted.round.totalVnd },
    });
  } finally {
    core.as('officer');
  }
}
