import type { HandlerContext } from '../../api/context';
import type { HandlerTable } from '../../api/handlers';
import { ApiError } from '@shared/api/errors';
import type { ChannelParsedInput } from '@shared/api/contract';
import type { PrintResult, printChannels } from '@shared/api/print';
import { printPdf } from '../../documents/print';
import { auditedWrite } from '../../jobs';
import { renderAuthorizationForm } from '../forms/print';
import { buildPlan, makeFile } from '../payroll-files/export';
import { getOfficeSettings } from '../settings';
import { QUICK_GUIDE_FILE, renderQuickGuide } from '../help/quick-guide';

// The print channels: each renders its document exactly as its PDF channel does, then sends it to the
// printer (main/documents/print.ts). A print that reached the printer is audited with what and how many
// pages, never the content; a cancelled dialog or a PC without direct printing records nothing.

function audited(
  ctx: HandlerContext,
  result: PrintResult,
  entity: string,
  entityId: number,
  detail: Record<string, unknown>,
): PrintResult {
  if (result.printed) {
    auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
      audit({
        action: 'print.document',
        entity,
        entityId,
        detail: { ...detail, pages: result.pages, pageSize: result.pageSize, orientation: result.orientation },
      }),
    );
  }
  return result;
}

async function printAuthorizationForm(ctx: HandlerContext, authorizationId: number): Promise<PrintResult> {
  const { buffer, fileName } = await renderAuthorizationForm(ctx, authorizationId);
  return audited(ctx, await printPdf('giấy ủy quyền', fileName, buffer), 'authorization', authorizationId, {
    document: 'authorization-form',
  });
}

const DOCUMENT_NAMES: Record<string, string> = {
  'cash-pdf': 'danh sách chi trả tiền mặt',
  'post-pdf': 'danh sách chi trả qua bưu điện',
  'summary-pdf': 'bảng tổng hợp chi trả',
};

async function printPayrollFile(
  ctx: HandlerContext,
  input: ChannelParsedInput<'print.payrollFile'>,
): Promise<PrintResult> {
  const { fileKey, ...scopeInput } = input;
  const { scope, plan } = buildPlan(ctx, scopeInput);
  const group = plan.files.find((f) => f.key === fileKey);
  if (!group)
    throw new ApiError(
      'NOT_FOUND',
      'Không có tệp này cho bảng chi trả (danh sách tệp đã thay đổi?). Hãy tải lại trang.',
    );
  const name = DOCUMENT_NAMES[group.kind];
  if (!name) throw new ApiError('INVALID_INPUT', 'Tệp Excel không in trực tiếp được: hãy chọn danh sách PDF.');
  const made = await makeFile(ctx, getOfficeSettings(ctx), scope, plan, group, async () => undefined);
  const document = `${name} (${group.label})`;
  return audited(ctx, await printPdf(document, group.fileName, made.content), 'payroll', input.payrollId, {
    document: group.kind,
    fileName: group.fileName,
    count: made.count,
    totalVnd: made.totalVnd,
  });
}

export const printHandlers: Pick<HandlerTable, keyof typeof printChannels> = {
  'print.authorizationForm': (ctx, { authorizationId }) => printAuthorizationForm(ctx, authorizationId),
  'print.payrollFile': (ctx, input) => printPayrollFile(ctx, input),
  // No personal data: not audited.
  'print.quickGuide': async () => printPdf('hướng dẫn nhanh', QUICK_GUIDE_FILE, (await renderQuickGuide()).buffer),
};
