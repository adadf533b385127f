import { Placeholder } from '../components/Placeholder';

export function PaymentsScreen() {
  return (
    <Placeholder
      title="Chi trả"
      description="Lập danh sách chi trả hằng tháng, in danh sách ký nhận và ghi nhận kết quả chi trả."
    />
  );
}
