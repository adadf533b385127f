import type { AppInfo } from '@shared/api/contract';
import type { DbError } from '../boot';
import { RecoveryBackupOffer } from './settings/backup/RecoveryBackupOffer';

/** Shown instead of the shell when the data file could not be opened. Nothing here writes to it. */
export function RecoveryScreen({ info, db }: { info: AppInfo; db: DbError }) {
  return (
    <main className="fullpage">
      <section className="fullpage-card" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Không mở được dữ liệu</h1>
        <p className="message message-error" role="alert">
          {db.message}
        </p>
        <dl className="facts">
          <dt>Tệp dữ liệu</dt>
          <dd>
            <code className="path">{db.path}</code>
          </dd>
          <dt>Mã lỗi</dt>
          <dd>{db.code}</dd>
          <dt>Phiên bản</dt>
          <dd>
            {info.appName} {info.appVersion}
          </dd>
        </dl>
        <h2>Cách xử lý</h2>
        <ol className="steps">
          <li>Không xóa, không sửa tệp dữ liệu nói trên. Ứng dụng không ghi gì vào tệp này.</li>
          <li>
            Nếu đơn vị có bản sao lưu: khôi phục tệp dữ liệu từ <strong>bản sao lưu gần nhất</strong>, rồi đóng và mở
            lại ứng dụng.
          </li>
          <li>
            Nếu không có bản sao lưu hoặc không chắc chắn: <strong>liên hệ cán bộ kỹ thuật</strong>, đọc cho họ đường
            dẫn tệp và mã lỗi ở trên.
          </li>
        </ol>
        {db.code !== 'UNSAFE_LOCATION' && <RecoveryBackupOffer />}
      </section>
    </main>
  );
}
