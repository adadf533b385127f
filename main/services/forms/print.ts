import type { ChannelOutput } from '@shared/api/contract';
import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { ApiError } from '@shared/api/errors';
import type { changeRequestSchema, PendingForms, PrintedPdf } from '@shared/api/forms';
import { deliverPdf, documentDefinition, officeNames, renderPdf } from '../../documents';
import { renderBuilt } from '../../documents/pdf/render';
import { AUTHORIZATION_FORMS_PDF } from './batch-pdf';
import { currentMonth, today } from '../clock';
import { getOfficeSettings } from '../settings';
import { authorizationForm } from './authorization-form';
import { changeRequestForm } from './change-request';
import { authorizationOnForm, FormData, type AuthorizationOnForm } from './data';
import { authorizationRow, pendingAuthorizationCount, pendingAuthorizationRows } from './queries';

// The print channels. The register is read synchronously first (no transaction spans an await), then the
// PDF is laid out and rendered, then the print is audited — which record or how many, and the page
// count; never what was printed — in one audited write as a job's write is (main/jobs.ts), and last
// the PDF is opened (desktop app) or returned for download (browser harness).

const notFound = () => new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền này.');

/** One authorization's form as a PDF (read, laid out, rendered); the caller audits and delivers it. */
export async function renderAuthorizationForm(
  ctx: HandlerContext,
  authorizationId: number,
): Promise<{ buffer: Buffer; pages: number; fileName: string; personId: number }> {
  const row = authorizationRow(ctx.store, authorizationId);
  if (!row) throw notFound();
  const office = officeNames(getOfficeSettings(ctx));
  const form = authorizationOnForm(new FormData(ctx.store, currentMonth(ctx.now)), row);
  const { buffer, pages } = await renderPdf(
    documentDefinition({ title: 'Giấy ủy quyền', pageNumbers: false, content: [authorizationForm(form, office)] }),
  );
  return { buffer, pages, fileName: `giay-uy-quyen-${authorizationId}.pdf`, personId: row.giver_person_id };
}

export async function printAuthorization(ctx: HandlerContext, authorizationId: number): Promise<PrintedPdf> {
  const { buffer, pages, fileName, personId } = await renderAuthorizationForm(ctx, authorizationId);
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'forms.authorization.print',
      entity: 'authorization',
      entityId: authorizationId,
      personId,
      detail: { forms: 1, pages },
    }),
  );
  return { fileName, pages, count: 1, ...(await deliverPdf(fileName, buffer)) };
}

export function pendingCount(ctx: HandlerContext): PendingForms {
  return { count: pendingAuthorizationCount(ctx.store, today(ctx.now)) };
}

/**
 * Reading goes in slices of at most this long (ms) between two turns of the core's event loop (a
 * progress report and a cancel check): a person's entitlements and amounts take 0.1–1 ms to read by load.
 */
const SLICE_MS = 8;

export function startPendingPrint(ctx: HandlerContext): ChannelOutput<'forms.pendingAuthorizations'> {
  const { store, user, now } = ctx;
  const rows = pendingAuthorizationRows(store, today(now));
  if (rows.length === 0) throw new ApiError('NOT_FOUND', 'Không có giấy ủy quyền nào đang chờ chứng thực.');
  const office = officeNames(getOfficeSettings(ctx));
  const jobId = startJob(
    'forms.pendingAuthorizations',
    `Đang chuẩn bị ${rows.length.toLocaleString('vi-VN')} giấy ủy quyền…`,
    async (progress, signal) => {
      const data = new FormData(store, currentMonth(now));
      const forms: AuthorizationOnForm[] = [];
      while (forms.length < rows.length) {
        const until = performance.now() + SLICE_MS;
        do forms.push(authorizationOnForm(data, rows[forms.length]!));
        while (forms.length < rows.length && performance.now() < until);
        progress(forms.length, rows.length * 2);
        await yieldToEventLoop();
        signal.throwIfCancelled();
      }
      progress(rows.length, rows.length * 2, `Đang dựng tệp PDF ${rows.length.toLocaleString('vi-VN')} giấy ủy quyền…`);
      await yieldToEventLoop();
      // The forms are laid out from their data in a PDF pool thread (batch-pdf.ts).
      const { buffer, pages } = await renderBuilt(
        AUTHORIZATION_FORMS_PDF,
        { title: 'Giấy ủy quyền chờ chứng thực', office },
        forms,
      );
      signal.throwIfCancelled();
      auditedWrite(store, user, now, (audit) =>
        audit({
          action: 'forms.authorization.printPending',
          entity: 'authorization',
          detail: { forms: forms.length, pages },
        }),
      );
      const fileName = `giay-uy-quyen-cho-chung-thuc-${today(now)}.pdf`;
      return { fileName, pages, count: forms.length, ...(await deliverPdf(fileName, buffer)) } satisfies PrintedPdf;
    },
  );
  return { jobId };
}

export async function printChangeRequest(
  ctx: HandlerContext,
  input: z.output<typeof changeRequestSchema>,
): Promise<PrintedPdf> {
  const data = new FormData(ctx.store, currentMonth(ctx.now));
  const person = data.personById(input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const account = input.bankAccountId ? data.accountById(input.bankAccountId) : null;
  if (input.bankAccountId && !account) {
    throw new ApiError('INVALID_INPUT', 'Không tìm thấy tài khoản đã chọn.', [
      { path: 'bankAccountId', message: 'Không tìm thấy tài khoản đã chọn.' },
    ]);
  }
  const entitlements = data.entitlements(input.personId);
  const office = officeNames(getOfficeSettings(ctx));
  const content = changeRequestForm(
    {
      person,
      entitlements,
      monthlyVnd: entitlements.reduce((s, e) => s + e.amountVnd, 0),
      current: data.methodInForce(input.personId, entitlements[0]?.programme),
      requested: input.method ?? null,
      account,
      fromMonth: input.fromMonth ?? null,
    },
    office,
  );
  const { buffer, pages } = await renderPdf(
    documentDefinition({
      title: 'Đơn đề nghị thay đổi hình thức nhận trợ cấp',
      pageNumbers: false,
      content: [content],
    }),
  );
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'forms.changeRequest.print',
      entity: 'person',
      entityId: input.personId,
      personId: input.personId,
      detail: { forms: 1, pages },
    }),
  );
  const fileName = `don-doi-hinh-thuc-nhan-${input.personId}.pdf`;
  return { fileName, pages, count: 1, ...(await deliverPdf(fileName, buffer)) };
}
