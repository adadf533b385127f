import type { HandlerContext } from '../../api/context';
import type { PersonLedger } from '@shared/api/ledger';
import type { PayoutView } from '@shared/api/payout';
import type { PersonDetail } from '@shared/api/register';
import type { OfficeSettings } from '@shared/api/settings';
import { withGroupNames } from '@shared/api/ledger-labels';
import { monthOfDate } from '@shared/domain/dates';
import { METHOD_LABELS, PROGRAMME_LABELS } from '@shared/domain/labels';
import type { TransferPayloadV1 } from '@shared/domain/transfer-file';
import { currentMonth, today } from '../clock';
import { personLedger } from '../ledger/person';
import { payoutView } from '../payout/view';
import { personDetail } from '../register/person-detail';
import { groupNames, personNames, programmeNames, transfersOf, type TransferRow } from './queries';

// Everything a person's file holds, read through the areas' own readers (the person page's detail, the
// payout card, the money ledger), so the printed file, the transfer file and the screens agree.

export interface PersonFileData {
  detail: PersonDetail;
  payout: PayoutView;
  ledger: PersonLedger;
  groups: Map<string, string>;
  programmes: Map<string, string>;
  caredNames: Map<number, string>;
  transfers: TransferRow[];
}

export function collectPersonFile(ctx: HandlerContext, personId: number): PersonFileData {
  const month = currentMonth(ctx.now);
  const detail = personDetail(ctx.store, personId, month);
  const cared = detail.entitlements.map((e) => e.caredPersonId).filter((id): id is number => id !== null);
  return {
    detail,
    payout: payoutView(ctx.store, personId, month, today(ctx.now)),
    ledger: personLedger(ctx, personId),
    groups: groupNames(ctx.store),
    programmes: programmeNames(ctx.store),
    caredNames: personNames(ctx.store, cared),
    transfers: transfersOf(ctx.store, personId),
  };
}

export const programmeName = (data: Pick<PersonFileData, 'programmes'>, code: string): string =>
  data.programmes.get(code) ?? PROGRAMME_LABELS[code as keyof typeof PROGRAMME_LABELS] ?? code;

/** The transfer file's payload (shared/domain/transfer-file.ts, version 1) from the person's file. */
export function transferPayload(
  data: PersonFileData,
  office: OfficeSettings,
  move: {
    toUnit: string;
    movedDate: string;
    stopDecision: { number: string; signedDate: string | null; signer: string };
  },
  made: { appVersion: string; createdAt: string },
): TransferPayloadV1 {
  const { detail, payout, ledger } = data;
  const p = detail.person;
  const decisionNumber = new Map(detail.decisions.map((d) => [d.id, d.number]));
  return {
    createdAt: made.createdAt,
    appVersion: made.appVersion,
    from: { unitName: office.unitName, province: office.province, officerName: office.officerName },
    to: { unitName: move.toUnit },
    movedDate: move.movedDate,
    stopDecision: move.stopDecision,
    person: {
      fullName: p.fullName,
      birthDate: p.birth?.value ?? null,
      birthPrecision: p.birth?.precision ?? 'unknown',
      gender: p.gender,
      citizenId: p.citizenId,
      legacyId: p.legacyId,
      idIssueDate: p.idIssueDate,
      idIssuePlace: p.idIssuePlace,
      address: p.address,
      neighbourhood: p.neighbourhood,
      phone: p.phone,
      healthInsuranceNo: p.healthInsuranceNo,
      note: p.note,
    },
    entitlements: detail.entitlements.map((e) => ({
      programme: e.programme,
      programmeLabel: programmeName(data, e.programme),
      startMonth: e.startMonth,
      endMonth: e.endMonth,
      caredPersonName: e.caredPersonId ? (data.caredNames.get(e.caredPersonId) ?? null) : null,
      terms: e.terms.map((t) => ({
        effectiveFrom: t.effectiveFrom,
        status: t.status,
        groupCode: t.groupCode,
        groupLabel: t.groupCode ? (data.groups.get(t.groupCode) ?? t.groupCode) : '',
        categoryLabel: t.categoryLabel,
        components: t.components.map((c) => ({ kind: c.kind, label: c.label, amountVnd: c.amountVnd })),
        decisionNumber: decisionNumber.get(t.decisionId) ?? '',
      })),
    })),
    decisions: detail.decisions.map((d) => ({
      programme: d.programme,
      kind: d.kind,
      number: d.number,
      signedDate: d.signedDate,
      signer: d.signer,
      effectiveMonth: d.effectiveMonth,
      reason: d.reason,
    })),
    oneOffItems: detail.oneOffItems.map((o) => ({
      kind: o.kind,
      amountVnd: o.amountVnd,
      dueMonth: o.dueMonth,
      payeeName: o.payeeName,
      note: o.note,
    })),
    payoutMethods: [...payout.history].reverse().map((h) => ({
      effectiveFrom: h.effectiveFrom,
      programme: h.programme,
      method: METHOD_LABELS[h.method] ?? h.method,
      detail: h.detail,
      note: h.note,
    })),
    authorizations: payout.authorizations.map((a) => ({
      receiverName: a.receiverName,
      relationship: a.relationship,
      validFrom: a.validFrom,
      validTo: a.validTo,
      certifiedDate: a.certifiedDate,
      revokedDate: a.revokedDate,
      stateLabel: a.stateLabel,
    })),
    money: {
      paidThrough: monthOfDate(move.movedDate),
      owedVnd: ledger.totals.owedVnd,
      paidVnd: ledger.totals.paidVnd,
      openOverpaidVnd: ledger.overpayments.reduce((s, o) => s + o.openVnd, 0),
      months: [...ledger.months]
        .sort((a, b) => (a.serviceMonth < b.serviceMonth ? -1 : a.serviceMonth > b.serviceMonth ? 1 : 0))
        .map((m) => ({
          serviceMonth: m.serviceMonth,
          label: withGroupNames(m.label, data.groups),
          owedVnd: m.owedVnd,
          paidVnd: m.paidVnd,
        })),
    },
  };
}
