import { Placeholder } from '../components/Placeholder';

export function CampaignScreen() {
  return (
    <Placeholder
      title="Chuyển khoản"
      description="Theo dõi tiến độ chi trả không dùng tiền mặt: tỷ lệ theo chương trình, chỉ tiêu và danh sách cần vận động."
    />
  );
}
