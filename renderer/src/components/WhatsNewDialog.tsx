import type { WhatsNew } from '@shared/domain/release-notes';
import { Dialog } from './Dialog';

/** "Có gì mới": once, on the first start of a newer version (main records the version; see app-version.ts). */
export function WhatsNewDialog({ whatsNew, onClose }: { whatsNew: WhatsNew; onClose: () => void }) {
  return (
    <Dialog title={`Có gì mới ở phiên bản ${whatsNew.toVersion}`} onClose={onClose} wide>
      <p className="whats-new-from">
        Sổ An Sinh đã được cập nhật từ phiên bản {whatsNew.fromVersion} lên {whatsNew.toVersion}. Dữ liệu của phường
        được giữ nguyên.
        {whatsNew.toSchema !== whatsNew.fromSchema && (
          <>
            {' '}
            Cấu trúc dữ liệu đã được nâng cấp (lược đồ số {whatsNew.fromSchema} → {whatsNew.toSchema}).
          </>
        )}
      </p>
      {whatsNew.backupFile && (
        <p className="whats-new-backup">
          Bản sao lưu trước khi nâng cấp (đã kiểm tra): <code>{whatsNew.backupFile}</code>
        </p>
      )}
      {whatsNew.releases.length === 0 && <p>Phiên bản này không có ghi chú phát hành.</p>}
      {whatsNew.releases.map((release) => (
        <section key={release.version} aria-label={`Phiên bản ${release.version}`}>
          <h3>
            Phiên bản {release.version} ({release.date.split('-').reverse().join('/')})
          </h3>
          <ul>
            {release.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Đã hiểu
        </button>
      </div>
    </Dialog>
  );
}
