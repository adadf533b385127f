import type { Store } from '../../db/store';
import type { OfficeSettings } from '@shared/api/settings';
import type { ReportKind } from '@shared/api/reports';
import { PROVINCE_DATA_FORMAT, PROVINCE_DATA_VERSION, type ProvinceData } from '@shared/domain/province-data';
import { changesReport } from './changes';
import { changesDocument, nonCashDocument, summaryDocument, type ReportDocument } from './document';
import { nonCashReport } from './noncash';
import type { PeriodLoader, ReportPeriod } from './period';
import { summaryReport } from './summary-forms';

// The province export's data file per report (issue 17; schema in shared/domain/province-data.ts): built
// from the same report object as the PDF and xlsx, so the three files of a report cannot disagree.

export function reportWithData(
  store: Store,
  kind: ReportKind,
  period: ReportPeriod,
  loader: PeriodLoader,
  includeProtectedGroups: boolean,
  office: OfficeSettings,
  createdAt: string,
): { doc: ReportDocument; data: ProvinceData } {
  const envelope = {
    format: PROVINCE_DATA_FORMAT,
    dataVersion: PROVINCE_DATA_VERSION,
    ward: { code: office.wardCode ?? '', name: office.unitName, province: office.province },
    period: { month: period.month, from: period.from, yearFrom: period.yearFrom },
    createdAt,
  } as const;
  switch (kind) {
    case 'noncash': {
      const r = nonCashReport(store, period.month);
      const rows = r.rows.map((x) => ({
        programme: x.programme,
        programmeName: x.programmeName,
        groupKey: x.groupKey,
        groupLabel: x.groupLabel,
        total: x.total,
        byMethod: { ...x.byMethod },
        nonCash: x.nonCash,
        target: x.target,
        dueVnd: x.dueVnd,
        approvedVnd: x.approvedVnd,
        paidVnd: x.paidVnd,
      }));
      // Optional within data version 1: the receiving office's import keeps working, older ones drop it.
      const rounds = r.rounds.map((x) => ({
        name: x.name,
        basis: x.basis,
        roundDate: x.roundDate,
        programme: x.programme,
        programmeName: x.programmeName,
        recipients: x.recipients,
        byMethod: { ...x.byMethod },
        nonCash: x.nonCash,
        approvedVnd: x.approvedVnd,
      }));
      return {
        doc: nonCashDocument(r),
        data: { ...envelope, report: 'noncash', data: { month: r.month, rows, ...(rounds.length ? { rounds } : {}) } },
      };
    }
    case 'changes': {
      const r = changesReport(store, loader, period.month);
      // Counts only: the people (and their citizen IDs) stay in the PDF/xlsx.
      const summary = r.summary.map((s) => ({
        programme: s.programme,
        programmeName: s.programmeName,
        opening: s.opening,
        imported: s.imported,
        increases: s.increases,
        decreases: s.decreases,
        closing: s.closing,
        byKind: { ...s.byKind },
      }));
      return {
        doc: changesDocument(r, includeProtectedGroups),
        data: { ...envelope, report: 'changes', data: { month: r.month, summary } },
      };
    }
    default: {
      const r = summaryReport(store, loader, kind, period);
      const data = { form: r.form, from: r.from, to: r.to, yearFrom: r.yearFrom, rows: r.rows.map((x) => ({ ...x })) };
      return { doc: summaryDocument(r), data: { ...envelope, report: kind, data } };
    }
  }
}
