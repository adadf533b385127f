import type { ChannelOutput } from '@shared/api/contract';
import type { HandlerContext, ActingUser } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { ImportConfig, ImportPreview, ImportResult } from '@shared/api/import';
import type { PayoutMethodCode } from '@shared/api/register';
import { birthYear, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import type { AuditInput } from '../audit';
import { currentMonth } from '../clock';
import { neighbourhoodId } from '../register/people';
import { refreshSummary } from '../register/summary';
import { auditedWrite, runningJobOf, startJob, yieldToEventLoop } from '../../jobs';
import {
  blockingMessageOf,
  ImportChecker,
  toPreview,
  type CheckedImport,
  type CheckedRow,
  type PersonData,
} from './rows';
import { dropSession, getSession, type ImportSession } from './sessions';
import { finishImport, importWriter, insertImport, type NewPerson } from './queries';

// import.preview and import.commit. The commit is a job: it re-checks every row against the register as
// it is now (in chunks, reporting progress, stopping on Cancel), then writes every accepted row (ok and
// warning; never an error, never a person already in the register) in ONE transaction with ONE audit
// entry for the whole import. Imported people are being paid already, so no arrears are computed: each
// entitlement simply starts in the import month (unlike register.enroll, which pays arrears).

/** Rows checked between two progress reports / cancel checks. */
const CHUNK_ROWS = 250;

export function previewImport(ctx: HandlerContext, input: { token: string; config: ImportConfig }): ImportPreview {
  const session = getSession(input.token);
  return toPreview(new ImportChecker(ctx.store, session, input.config).result());
}

/**
 * Starts the import job and returns its id at once; progress and the result come from jobs.get.
 * The call itself writes nothing (it checks the token and the config and registers the job); the job's
 * only write is auditedWrite (main/jobs.ts): one transaction holding the rows and their audit entry.
 */
export function startImportCommit(
  ctx: HandlerContext,
  input: { token: string; config: ImportConfig },
): ChannelOutput<'import.commit'> {
  const session = getSession(input.token);
  if (runningJobOf('import'))
    throw new ApiError('CONFLICT', 'Đang nhập một tệp khác: hãy chờ xong hoặc hủy việc đó trước.');
  // A wrong config is answered now, not as a failed job.
  const checker = new ImportChecker(ctx.store, session, input.config);
  const { store, user } = ctx;
  // The office clock of the call (tests fix it), moved on by the time the job has taken.
  const calledAt = Date.now();
  const clock = () => new Date(ctx.now.getTime() + (Date.now() - calledAt));
  const jobId = startJob('import', 'Đang chuẩn bị nhập…', async (progress, signal) => {
    const rows = checker.total;
    const total = rows + Math.max(1, Math.ceil(rows / 10));
    progress(0, total, `Đang kiểm tra dữ liệu (0/${formatVnd(rows)} dòng)…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    while (!checker.step(CHUNK_ROWS)) {
      progress(checker.done, total, `Đang kiểm tra dữ liệu (${formatVnd(checker.done)}/${formatVnd(rows)} dòng)…`);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    }
    const checked = checker.result();
    // Issue 14: a row whose stated method cannot be honoured (not chosen as cash) or an authorization with
    // no term stops the whole import, with nothing written.
    const blocked = blockingMessageOf(checked);
    if (blocked) throw new ApiError('INVALID_INPUT', blocked);
    progress(rows, total, 'Đang ghi vào sổ…');
    await yieldToEventLoop();
    // The last point where Cancel can stop the import: after it, one synchronous transaction.
    signal.throwIfCancelled();
    const now = clock();
    const result = auditedWrite(store, user, now, (audit) =>
      writeImport(store, user, now, session, checked, checker, audit),
    );
    dropSession(session.token);
    progress(total, total, result.message);
    return result;
  });
  return { jobId };
}

function personValues(p: PersonData, neighbourhood: number | null, at: string, importId: number): NewPerson {
  const name = splitFullName(p.fullName);
  return {
    full_name: name.full,
    family_name: name.family,
    middle_name: name.middle,
    given_name: name.given,
    search_key: foldForSearch(name.full),
    sort_key: nameSortKey(name),
    birth_date: p.birth?.value ?? null,
    birth_precision: p.birth?.precision ?? 'unknown',
    birth_year: p.birth ? birthYear(p.birth) : null,
    gender: p.gender,
    citizen_id: p.citizenId,
    legacy_id: p.legacyId,
    id_issue_date: p.idIssueDate,
    id_issue_place: p.idIssuePlace || null,
    address: p.address,
    neighbourhood_id: neighbourhood,
    phone: p.phone,
    note: p.note,
    created_at: at,
    updated_at: at,
    import_id: importId,
  };
}

/** Everything the import writes, inside the caller's transaction (auditedWrite). Synchronous. */
function writeImport(
  store: Store,
  user: ActingUser,
  now: Date,
  session: ImportSession,
  checked: CheckedImport,
  checker: ImportChecker,
  audit: (entry: AuditInput) => void,
): ImportResult {
  const at = now.toISOString();
  const month = checked.asOfMonth;
  // The import's row first: every person it adds names it (people.import_id), so it can be reverted.
  const importId = insertImport(store, { fileName: session.fileName, sha256: session.sha256, month, at, by: user.id });
  const write = importWriter(store);

  const neighbourhoods = new Map<string, number | null>();
  const nbId = (name: string) => {
    if (!neighbourhoods.has(name)) neighbourhoods.set(name, neighbourhoodId(store, name));
    return neighbourhoods.get(name)!;
  };
  const people = new Map<string, number>();
  const inserted = new Set<number>();
  const receivers = new Map<string, number>();
  const accounts = new Map<string, number>();
  const account = (owner: number, bank: string, number: string, branch: string, holder: string): number => {
    const key = `${owner}|${bank}|${number}`;
    let id = accounts.get(key);
    if (id === undefined) {
      id = write.account({ owner, bankCode: bank, accountNumber: number, branch, holder, at });
      accounts.set(key, id);
    }
    return id;
  };
  const source = `Nhập từ sổ theo dõi cũ (tệp ${session.fileName})`.slice(0, 250);

  let addedEntitlements = 0;
  let skippedExisting = 0;
  let errorRows = 0;
  let warningRows = 0;
  const cashByChoice: Array<{ sheet: string; row: number }> = [];
  const byProgramme: Record<string, number> = {};
  const byMethodCode: Record<string, Partial<Record<PayoutMethodCode, number>>> = {};
  const monthlyTotals: Record<string, number> = {};
  const touched: number[] = [];

  const add = (r: CheckedRow): void => {
    let personId = people.get(r.personKey);
    if (personId === undefined) {
      // Someone may have added this person since the rows were checked: never add them twice.
      const existing = checker.findExisting(r.person.citizenId, foldForSearch(r.person.fullName), r.person.birth);
      if (existing && !inserted.has(existing.id)) {
        skippedExisting++;
        return;
      }
      personId = write.person(personValues(r.person, nbId(r.person.neighbourhood), at, importId));
      people.set(r.personKey, personId);
      inserted.add(personId);
      touched.push(personId);
    }
    if (r.view.status === 'warning') warningRows++;
    if (r.cashByChoice) cashByChoice.push({ sheet: r.view.sheet, row: r.view.row });
    const reason = `${source}, trang ${r.view.sheet}, dòng ${r.view.row}`.slice(0, 300);
    const decisionId = write.decision({
      personId,
      programme: r.programme,
      number: r.decision.number,
      signedDate: r.decision.signedDate,
      month,
      reason,
      at,
      by: user.id,
    });
    const entitlementId = write.entitlement({ personId, programme: r.programme, month, decisionId, at });
    write.linkDecision(decisionId, entitlementId);
    const termId = write.term({
      entitlementId,
      month,
      groupCode: r.groupCode,
      multiplier: r.multiplier,
      categoryLabel: r.categoryLabel,
      decisionId,
      note: '',
    });
    if (r.programme === 'NCC' && r.componentVnd !== null)
      write.mainComponent(termId, 'Trợ cấp ưu đãi hằng tháng', r.componentVnd);
    addedEntitlements++;

    const p = r.payout;
    let bankAccountId: number | null = null;
    let authorizationId: number | null = null;
    if (p.method === 'OWN_ACCOUNT') {
      bankAccountId = account(personId, p.bankCode!, p.accountNumber!, p.branch, r.person.fullName);
    } else if (p.method === 'AUTHORIZED_ACCOUNT') {
      const key = `${foldForSearch(p.receiverName!)}|${p.bankCode}|${p.accountNumber}`;
      let receiverId = receivers.get(key);
      if (receiverId === undefined) {
        const receiver: PersonData = {
          fullName: p.receiverName!,
          birth: null,
          gender: null,
          citizenId: null,
          legacyId: null,
          idIssueDate: null,
          idIssuePlace: '',
          address: '',
          neighbourhood: '',
          phone: '',
          note: `Người được ủy quyền nhận thay (${source}).`.slice(0, 500),
        };
        receiverId = write.person(personValues(receiver, null, at, importId));
        receivers.set(key, receiverId);
        inserted.add(receiverId);
        touched.push(receiverId);
      }
      bankAccountId = account(receiverId, p.bankCode!, p.accountNumber!, p.branch, p.receiverName!);
      // The term as the file (a column), the officer (one date) or the officer's explicit default gave it.
      authorizationId = write.authorization({
        giver: personId,
        receiver: receiverId,
        relationship: p.relationship,
        bankAccountId,
        validFrom: p.validFrom!,
        validTo: p.validTo!,
        termAssumed: p.termAssumed,
        at,
      });
    }
    write.method({
      personId,
      programme: r.programme,
      month,
      method: p.method,
      bankAccountId,
      authorizationId,
      note: r.view.methodText ? `Theo tệp: ${r.view.methodText}`.slice(0, 200) : '',
      at,
      by: user.id,
    });
    byProgramme[r.programme] = (byProgramme[r.programme] ?? 0) + 1;
    const m = (byMethodCode[r.programme] ??= {});
    m[p.method] = (m[p.method] ?? 0) + 1;
    if (r.view.computedVnd !== null)
      monthlyTotals[r.programme] = (monthlyTotals[r.programme] ?? 0) + r.view.computedVnd;
  };

  for (const r of checked.rows) {
    if (r.view.status === 'error') errorRows++;
    else if (r.view.status === 'exists') skippedExisting++;
    else add(r);
  }
  const addedPeople = [...people.values()].length;
  const addedReceivers = receivers.size;
  finishImport(store, importId, addedPeople, skippedExisting);
  const programmes = Object.entries(byProgramme)
    .map(([p, n]) => `${n} ${p}`)
    .join(', ');
  const message =
    addedPeople > 0
      ? `Đã nhập ${addedPeople} người (${programmes}), hưởng từ tháng ${formatMonthVi(month)}` +
        (skippedExisting ? `; ${skippedExisting} người đã có trong sổ nên bỏ qua` : '') +
        (errorRows ? `; ${errorRows} dòng lỗi không nhập` : '') +
        (cashByChoice.length
          ? `; ${cashByChoice.length} dòng ghi tiền mặt theo lựa chọn «ghi tiền mặt, sửa sau» (cần sửa hình thức nhận)`
          : '') +
        '.'
      : skippedExisting > 0
        ? `Không thêm ai: ${skippedExisting} người trong tệp đã có trong sổ (tệp này có thể đã được nhập trước đây).` +
          (errorRows ? ` ${errorRows} dòng lỗi không nhập.` : '')
        : `Không thêm ai: không có dòng nào nhập được${errorRows ? ` (${errorRows} dòng lỗi)` : ''}.`;
  const result: ImportResult = {
    importId,
    fileName: session.fileName,
    asOfMonth: month,
    addedPeople,
    addedEntitlements,
    addedReceivers,
    cashByChoice: cashByChoice.length,
    skippedExisting,
    errorRows,
    warningRows,
    byProgramme,
    byMethodCode,
    monthlyTotals,
    message,
  };
  // One entry for the whole import: counts, file name and checksum; no personal data.
  const { message: _m, ...detail } = result;
  // The officer's «ghi tiền mặt, sửa sau» choice is part of the entry: which sheet rows (never their data).
  audit({
    action: 'import.commit',
    entity: 'import',
    entityId: importId,
    detail: {
      ...detail,
      sha256: session.sha256,
      cashForUnpayableRows: cashByChoice,
      authorizationTerm: checked.authorizationTerm,
    },
  });
  refreshSummary(store, currentMonth(now), touched);
  return result;
}
