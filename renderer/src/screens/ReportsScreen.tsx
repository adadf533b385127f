import { Placeholder } from '../components/Placeholder';

export function ReportsScreen() {
  return (
    <Placeholder
      title="Báo cáo"
      description="Lập báo cáo định kỳ gửi các nơi nhận đã khai báo trong phần Cài đặt."
    />
  );
}
