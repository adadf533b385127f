import { Placeholder } from '../components/Placeholder';

export function BeneficiariesScreen() {
  return (
    <Placeholder
      title="Sổ đối tượng"
      description="Nơi lưu danh sách người hưởng trợ cấp xã hội hằng tháng của đơn vị: thêm mới, điều chỉnh mức hưởng, tạm dừng và thôi hưởng."
    />
  );
}
