import { useCallback, useState } from 'react';

// What the chip card's QR filled in, announced politely (the scanner user is looking at the card).

export type QrNoticeState = { message: string; ok: boolean } | undefined;

export function useQrNotice() {
  const [notice, setNotice] = useState<QrNoticeState>();
  const show = useCallback((message: string, ok: boolean) => setNotice({ message, ok }), []);
  return { notice, show };
}

export function QrNotice({ notice }: { notice: QrNoticeState }) {
  return (
    <p
      role="status"
      className={notice ? (notice.ok ? 'qr-notice qr-notice-ok' : 'qr-notice qr-notice-error') : 'qr-notice'}
    >
      {notice?.message ?? ''}
    </p>
  );
}
