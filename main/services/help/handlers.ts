import type { HandlerTable } from '../../api/handlers';
import type { helpChannels } from '@shared/api/help';
import { deliverPdf } from '../../documents';
import { QUICK_GUIDE_FILE, renderQuickGuide } from './quick-guide';

// The help area's handler: the quick guide holds no personal data, so it is not audited.
export const helpHandlers: Pick<HandlerTable, keyof typeof helpChannels> = {
  'help.quickGuide': async () => {
    const { buffer, pages } = await renderQuickGuide();
    return { fileName: QUICK_GUIDE_FILE, pages, count: 1, ...(await deliverPdf(QUICK_GUIDE_FILE, buffer)) };
  },
};
