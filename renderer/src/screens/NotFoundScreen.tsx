import { ScreenTitle } from '../components/ScreenTitle';
import { DEFAULT_PATH, hrefFor } from '../routing';

export function NotFoundScreen() {
  return (
    <>
      <ScreenTitle>Không tìm thấy trang</ScreenTitle>
      <div className="panel">
        <p>Trang này không tồn tại. Hãy chọn một mục ở thanh bên trái.</p>
        <p>
          <a href={hrefFor(DEFAULT_PATH)}>Về Sổ đối tượng</a>
        </p>
      </div>
    </>
  );
}
