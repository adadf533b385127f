import type { BackupContents } from '@shared/api/backup';
import { formatMonthVi } from '@shared/domain/dates';
import { PAYROLL_STATUS_LABELS } from '@shared/domain/labels';

// What a backup holds, shown before it replaces anything (settings page and recovery screen).

// The formatters are shared/domain/format.ts's (one place for every screen).
import { formatFileSize, formatLocalDateTime } from '@shared/domain/format';

export const formatBytes = formatFileSize;
export const formatDateTimeVi = (iso: string) => formatLocalDateTime(iso);

export function BackupContentsFacts({ contents }: { contents: BackupContents }) {
  return (
    <dl className="facts">
      {contents.officeName && (
        <>
          <dt>Đơn vị</dt>
          <dd>{contents.officeName}</dd>
        </>
      )}
      {contents.createdAt && (
        <>
          <dt>Thời điểm sao lưu</dt>
          <dd>{formatDateTimeVi(contents.createdAt)}</dd>
        </>
      )}
      <dt>Thay đổi cuối cùng</dt>
      <dd>{contents.lastChangeAt ? formatDateTimeVi(contents.lastChangeAt) : 'Chưa có'}</dd>
      <dt>Số người trong sổ</dt>
      <dd>{contents.people.toLocaleString('vi-VN')}</dd>
      <dt>Số chế độ đang hưởng</dt>
      <dd>{contents.entitlements.toLocaleString('vi-VN')}</dd>
      <dt>Bảng chi trả gần nhất</dt>
      <dd>
        {contents.lastPayroll
          ? `Tháng ${formatMonthVi(contents.lastPayroll.month)} (${PAYROLL_STATUS_LABELS[contents.lastPayroll.status as keyof typeof PAYROLL_STATUS_LABELS]?.toLowerCase() ?? contents.lastPayroll.status})`
          : 'Chưa có'}
      </dd>
      <dt>Mã hoá</dt>
      <dd>{contents.encrypted ? 'Có' : 'Không'}</dd>
      <dt>Nhật ký</dt>
      <dd>
        {contents.auditChain.ok
          ? `${contents.auditChain.entries.toLocaleString('vi-VN')} mục, nối đúng với nhau`
          : `bị sửa hoặc hỏng từ mục số ${contents.auditChain.firstBrokenId ?? '?'}`}
        {contents.auditChain.head
          ? ` — mục mới nhất: số ${contents.auditChain.head.seq}, mã ${contents.auditChain.head.hash.slice(0, 16)}…`
          : ''}
      </dd>
      <dt>Mốc neo</dt>
      <dd
        role={contents.anchors.warning ? 'alert' : undefined}
        className={contents.anchors.warning ? 'outcome-error' : undefined}
      >
        {contents.anchors.warning ?? `khớp ${contents.anchors.checked.toLocaleString('vi-VN')} mốc neo đã biết`}
      </dd>
      {(contents.schemaNotes.ignored.length > 0 || contents.schemaNotes.missing.length > 0) && (
        <>
          <dt>Cấu trúc lạ</dt>
          <dd role="alert" className="outcome-error">
            Tệp có {contents.schemaNotes.ignored.length} trigger/view/index lạ và thiếu{' '}
            {contents.schemaNotes.missing.length} của phần mềm (
            {[...contents.schemaNotes.ignored, ...contents.schemaNotes.missing].slice(0, 6).join(', ')}): khi khôi phục
            chỉ lấy dữ liệu, mọi trigger, view, index đều là của phần mềm. Tệp có thể đã bị sửa.
          </dd>
        </>
      )}
    </dl>
  );
}
