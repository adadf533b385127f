import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext } from '../../api/context';
import type { ResultFormat } from '@shared/api/payroll-results';
import type { Store } from '../../db/store';
import { today } from '../clock';
import { startCommit, startPreview, type ImportJobs, type ImportTarget } from '../payroll-results/import-flow';
import type { MatchLine } from '../payroll-results/match';
import { approvedRound, fileSource } from './results';
import { firstRoundAttemptFrom, insertAttempts, roundAccountLines, roundLinesWithAttemptFrom } from './results-queries';

// The bank's result file for a round's transfers, through the payroll's own flow
// (payroll-results/import-flow.ts: the reader with the saved result format, the matching by account AND
// amount, a preview that writes nothing, then a commit matched again against the lines as they are). The
// round gives its bank-file lines, its approval check and its write, and words the notes for a round.

const JOBS: ImportJobs = {
  preview: 'roundResults.preview',
  commit: 'roundResults.import',
  committing: 'Đang ghi kết quả…',
};

/** The adapter: the round's bank-file lines in the matcher's shape. */
function matchLines(store: Store, roundId: number, sha256: string): MatchLine[] {
  const done = new Set(roundLinesWithAttemptFrom(store, roundId, fileSource(sha256)));
  return roundAccountLines(store, roundId).map((l) => ({
    id: l.id,
    account: l.account ?? '',
    amountVnd: l.amountVnd,
    status: l.status,
    fullName: l.fullName,
    fromThisFile: done.has(l.id),
  }));
}

const roundTarget = (roundId: number): ImportTarget => ({
  kind: 'round',
  id: roundId,
  check: (store) => void approvedRound(store, roundId),
  matchLines: (store, sha256) => matchLines(store, roundId, sha256),
  importedBefore: (store, sha256) => firstRoundAttemptFrom(store, roundId, fileSource(sha256)),
  write(store, ctx, items, audit, detail) {
    const round = approvedRound(store, roundId);
    // Attempts are numbered per line, and a failed one needs a reason (migration 020).
    const attempts = new Map(roundAccountLines(store, roundId).map((l) => [l.id, l.attempts]));
    const onDate = today(ctx.now);
    const source = fileSource(detail.sha256 as string);
    insertAttempts(
      store,
      items.map((i) => ({
        lineId: i.lineId,
        attemptNo: (attempts.get(i.lineId) ?? 0) + 1,
        status: i.status,
        onDate,
        reason: i.status === 'failed' ? i.reason || 'Ngân hàng báo không thành công' : '',
        reference: i.reference,
        source,
      })),
      ctx.now.toISOString(),
      ctx.user.id,
    );
    audit({
      action: 'roundResults.import',
      entity: 'round',
      entityId: round.id,
      detail: { name: round.name, ...detail },
    });
  },
  // The matcher speaks of the payroll; these rows are a round's.
  word: (note) => note.replace(/bảng lương/g, 'đợt chi'),
});

export function startRoundResultPreview(
  ctx: HandlerContext,
  input: { roundId: number; fileName: string; contentBase64: string; format?: ResultFormat | undefined },
): ChannelOutput<'roundResults.previewImport'> {
  return startPreview(ctx, roundTarget(input.roundId), input, JOBS);
}

export function startRoundResultCommit(ctx: HandlerContext, token: string): ChannelOutput<'roundResults.commitImport'> {
  return startCommit(ctx, token, 'round', JOBS);
}
