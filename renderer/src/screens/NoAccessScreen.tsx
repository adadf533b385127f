import { useSession } from '../auth/session';
import { ROLE_LABELS } from '../auth/roles';
import { ScreenTitle } from '../components/ScreenTitle';
import { DEFAULT_PATH, hrefFor } from '../routing';

/** A page the signed-in role does not use (reached by an old link or the Back button). */
export function NoAccessScreen({ title = 'Không có quyền truy cập' }: { title?: string }) {
  return (
    <>
      <ScreenTitle>{title}</ScreenTitle>
      <NoAccessNote />
      <p>
        <a href={hrefFor(DEFAULT_PATH)}>Về Sổ đối tượng</a>
      </p>
    </>
  );
}

/** The same message inside a section (a page of Sổ đối tượng or Cài đặt the role does not use). */
export function NoAccessNote() {
  const { user } = useSession();
  return (
    <div className="message message-warning" role="note">
      <p>
        Trang này dành cho vai trò khác, không dành cho «{ROLE_LABELS[user.role]}». Nếu bạn cần dùng, hãy nhờ người quản
        trị hệ thống.
      </p>
    </div>
  );
}
