// Hướng dẫn (F1): the app's offline help, one page per screen, and the monthly cycle step by step.
// Content lives here as data, in one place: the renderer shows the page for the current route (F1), the
// quick guide PDF for the office wall is laid out from the same text (main/services/help/quick-guide.ts),
// and a unit test checks that every routed screen has its page. Plain text only (no markup).

export interface HelpSection {
  heading: string;
  /** Paragraphs, or numbered steps when `steps` is set. */
  lines: readonly string[];
  steps?: boolean;
}

export interface HelpPage {
  key: string;
  title: string;
  /** Routes (hash paths) this page is for; ':id' stands for a number. */
  routes: readonly string[];
  /** One sentence: what the screen is for. */
  summary: string;
  sections: readonly HelpSection[];
}

export interface CycleStep {
  title: string;
  /** Where in the app, as the menu reads. */
  where: string;
  text: string;
}

/** The monthly cycle, in the order the office works. */
export const MONTHLY_CYCLE: readonly CycleStep[] = [
  {
    title: 'Nhập, cập nhật sổ đối tượng',
    where: 'Sổ đối tượng',
    text: 'Ghi người mới, quyết định điều chỉnh, tạm dừng, hưởng lại, thôi hưởng, báo tử, chuyển đi, đổi hình thức nhận trước khi lập bảng. Xem “Thay đổi tháng sau” để biết ai đổi nhóm hoặc mức.',
  },
  {
    title: 'Lập bảng chi trả',
    where: 'Chi trả → Lập bảng chi trả',
    text: 'Chọn tháng, bấm Lập bảng chi trả: mỗi chế độ một bảng, gồm trợ cấp tháng, truy lĩnh, khoản mai táng và các khoản chi bù. Kiểm tra các thẻ Tổng hợp, So với tháng trước, Cần chú ý; sửa sổ rồi lập lại nếu cần.',
  },
  {
    title: 'Trình duyệt',
    where: 'Chi trả → bảng chi trả',
    text: 'Khi bảng đã đúng, cán bộ bấm Trình phê duyệt (in Bản dự thảo nếu lãnh đạo cần ký trước). Bảng bị trả lại có ý kiến ở Việc cần làm: sửa sổ, lập lại rồi trình lại.',
  },
  {
    title: 'Phê duyệt',
    where: 'Việc cần làm → bảng chờ phê duyệt',
    text: 'Người phê duyệt xem tổng hợp và dòng cần chú ý, xác nhận tháng, số dòng, tổng tiền, hoặc trả lại kèm ý kiến. Bảng đã phê duyệt không sửa được; sai sót ghi thành khoản điều chỉnh tháng sau.',
  },
  {
    title: 'Xuất file ngân hàng, danh sách chi',
    where: 'Chi trả → bảng chi trả → Tệp chi trả',
    text: 'Ghi tệp chuyển khoản cho từng ngân hàng, danh sách chi tiền mặt, danh sách bưu điện và bảng tổng hợp vào USB, hoặc bấm In để in thẳng danh sách ra máy in (khổ A4).',
  },
  {
    title: 'Ghi kết quả chi trả',
    where: 'Chi trả → bảng chi trả → Kết quả chi trả',
    text: 'Nhập tệp kết quả của ngân hàng, đánh dấu người đã nhận tiền mặt, người chưa nhận; chuyển các khoản chưa chi được sang tháng sau hoặc sang tiền mặt.',
  },
  {
    title: 'Báo cáo',
    where: 'Báo cáo',
    text: 'Chọn kỳ báo cáo, xem số liệu, tải PDF hoặc Excel; xuất bộ báo cáo gửi tỉnh vào USB.',
  },
  {
    title: 'Sao lưu',
    where: 'Cài đặt → Sao lưu và khôi phục',
    text: 'Ứng dụng tự sao lưu khi mở, sau khi phê duyệt và định kỳ. Cuối kỳ, quản trị viên bấm Sao lưu ngay và cất một bản sao lưu ra USB, để ở nơi khác máy tính.',
  },
];

const F1 = 'Nhấn F1 ở bất kỳ màn hình nào để mở hướng dẫn của màn hình đó.';

export const HELP_PAGES: readonly HelpPage[] = [
  {
    key: 'todo',
    title: 'Việc cần làm',
    routes: ['/viec-can-lam'],
    summary: 'Những việc đang chờ người dùng này, theo vai trò; bấm vào từng mục để đến màn hình xử lý.',
    sections: [
      {
        heading: 'Theo vai trò',
        lines: [
          'Người phê duyệt: bảng chi trả chờ phê duyệt và các dòng cần chú ý, giấy ủy quyền chờ chứng thực.',
          'Cán bộ chính sách: bảng bị trả lại (kèm ý kiến), bảng nháp chưa trình, giấy ủy quyền sắp hết hạn, đã hết hạn mà vẫn đang dùng, người ủy quyền đã mất, thay đổi tháng sau, người lâu không nhận tiền, thẻ BHYT sắp hết hạn.',
          'Kế toán: bảng nháp, dòng cần chú ý, kết quả chi trả chờ quyết định. Quản trị viên: chưa chép bản sao lưu ra USB trong 7 ngày.',
        ],
      },
      { heading: 'Lưu ý', lines: ['Danh sách được đọc lại mỗi khi mở màn hình hoặc quay lại cửa sổ ứng dụng.'] },
    ],
  },
  {
    key: 'register-list',
    title: 'Sổ đối tượng',
    routes: ['/so-doi-tuong'],
    summary: 'Danh sách mọi người trong sổ: tìm, lọc, mở hồ sơ, thêm người, nhập từ Excel, xuất Excel.',
    sections: [
      {
        heading: 'Tìm người',
        lines: [
          'Gõ tên không cần dấu (“nguyen van on” tìm được “Nguyễn Văn Ơn”), vài số điện thoại hoặc cả số CCCD. Lọc theo chế độ, nhóm, khu phố, tình trạng, hình thức nhận.',
          'Bấm vào tên để mở hồ sơ.',
        ],
      },
      {
        heading: 'Các việc làm từ đây',
        lines: [
          '+ Thêm đối tượng: ghi người mới cùng quyết định hưởng.',
          'Nhập từ Excel: đưa sổ theo dõi cũ vào ứng dụng.',
          'Xuất Excel: danh sách đang lọc, mặc định có mật khẩu bảo vệ.',
          'Đổi hàng loạt: chuyển những người đang chọn hoặc đang lọc sang tiền mặt hoặc bưu điện từ một tháng.',
          'Thay đổi tháng sau và Giấy ủy quyền cần xử lý: các danh sách cần xem trước khi lập bảng.',
        ],
      },
    ],
  },
  {
    key: 'register-enroll',
    title: 'Thêm người hưởng',
    routes: ['/so-doi-tuong/them', '/so-doi-tuong/them/:id'],
    summary: 'Ghi một người bắt đầu hưởng một chế độ, theo quyết định.',
    sections: [
      {
        heading: 'Cách làm',
        steps: true,
        lines: [
          'Chọn người đã có trong sổ hoặc nhập người mới (họ tên, ngày sinh, CCCD, địa chỉ, khu phố).',
          'Chọn chế độ và nhóm đối tượng; với người có công, nhập số tiền theo quyết định của tỉnh.',
          'Ghi quyết định: số, ngày ký, người ký, hưởng từ tháng.',
          'Bấm Lưu. Nếu hưởng từ tháng đã chi trả, ứng dụng tự tính truy lĩnh vào bảng chi trả tháng sau.',
        ],
      },
      { heading: 'Lưu ý', lines: ['Ứng dụng cảnh báo khi có thể trùng người (cùng CCCD, hoặc cùng tên và năm sinh).'] },
    ],
  },
  {
    key: 'register-person',
    title: 'Hồ sơ đối tượng',
    routes: ['/so-doi-tuong/ho-so/:id'],
    summary: 'Mọi thông tin của một người: chế độ, quyết định, hình thức nhận, ủy quyền, tiền đã chi.',
    sections: [
      {
        heading: 'Ghi biến động',
        lines: [
          'Mỗi thay đổi chế độ đều qua quyết định: Điều chỉnh, Tạm dừng, Hưởng lại, Thôi hưởng, trên thẻ của chế độ đó.',
          'Báo tử: thôi hưởng từ tháng sau tháng mất và ghi hỗ trợ mai táng khi đủ điều kiện. Chuyển đi: thôi hưởng từ tháng sau.',
          'Người có công từ trần: khi có quyết định của Sở, mở «Ghi trợ cấp mai táng, trợ cấp một lần» ở mục Khoản chi một lần, nhập số tiền đúng theo quyết định và người nhận; bảng chi trả tháng này chi tiền mặt cho người đó.',
          'Thêm chế độ, Sửa thông tin: các nút ở góc trên.',
        ],
      },
      {
        heading: 'Hình thức nhận trợ cấp',
        lines: [
          'Đổi hình thức nhận từ một tháng (tiền mặt, bưu điện, tài khoản của người hưởng, tài khoản người được ủy quyền). Các tháng trước giữ nguyên.',
          'Giấy ủy quyền: lập, chứng thực (người phê duyệt), chấm dứt; In giấy ủy quyền (PDF) hoặc In thẳng ra máy in.',
        ],
      },
      {
        heading: 'Hoàn tác khi ghi nhầm',
        lines: [
          'Báo tử, chuyển đi (cả chuyển hồ sơ đi) hoặc đổi hình thức nhận ghi nhầm trong ngày: bấm Hoàn tác. Ứng dụng ghi thêm một lần sửa, giữ nguyên lịch sử, và tính lại tiền như trước.',
          'Không hoàn tác được khi đã có việc dựa vào nó (đã vào bảng chi trả, đã có quyết định sau đó…); ứng dụng nói rõ lý do.',
        ],
      },
      {
        heading: 'Lịch sử tiền',
        lines: ['Phải chi và đã chi từng tháng, truy lĩnh, truy thu; người thừa kế của người đã mất.'],
      },
      {
        heading: 'In hồ sơ, chuyển hồ sơ đi nơi khác',
        lines: [
          'In hồ sơ: một tệp PDF gồm thông tin cá nhân, chế độ và quyết định, hình thức nhận, ủy quyền và lịch sử chi trả, để lưu hồ sơ giấy.',
          'Chuyển hồ sơ đi nơi khác: ghi nơi chuyển đến và quyết định thôi hưởng (thôi từ tháng sau tháng chuyển đi), rồi ghi hồ sơ PDF và tệp chuyển hồ sơ (mã hoá theo mặc định) vào USB để gửi nơi nhận.',
        ],
      },
    ],
  },
  {
    key: 'register-edit',
    title: 'Sửa thông tin hồ sơ',
    routes: ['/so-doi-tuong/ho-so/:id/sua'],
    summary: 'Sửa họ tên, ngày sinh, giấy tờ, địa chỉ, điện thoại của một người.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: [
          'Sửa ngày sinh có thể đổi nhóm theo tuổi và số tiền các tháng trước: bảng chi trả sau sẽ tính truy lĩnh hoặc truy thu.',
          'Chế độ và số tiền không sửa ở đây: dùng quyết định trên trang hồ sơ.',
        ],
      },
    ],
  },
  {
    key: 'register-changes',
    title: 'Thay đổi tháng sau',
    routes: ['/so-doi-tuong/thay-doi'],
    summary:
      'Những người sẽ đổi nhóm hoặc số tiền trong tháng tới (đủ tuổi, mức chuẩn mới), để kiểm tra trước khi lập bảng.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: [
          'Xem từng dòng và lý do. Ứng dụng tự áp dụng khi lập bảng; chỉ cần ghi quyết định nếu đơn vị phải ra quyết định mới.',
        ],
      },
    ],
  },
  {
    key: 'register-import',
    title: 'Nhập từ Excel',
    routes: ['/so-doi-tuong/nhap-excel'],
    summary: 'Đưa sổ theo dõi cũ (tệp Excel) vào ứng dụng, kiểm tra từng dòng trước khi ghi.',
    sections: [
      {
        heading: 'Các bước',
        steps: true,
        lines: [
          'Chọn tệp Excel (.xlsx).',
          'Kiểm tra cột và trang tính ứng dụng nhận ra; sửa tháng bắt đầu hưởng nếu cần.',
          'Chọn nhóm đối tượng và hình thức nhận cho các cách ghi trong tệp.',
          'Xem trước: mỗi dòng là hợp lệ, cảnh báo hoặc lỗi, kèm số dòng trong tệp. Dòng lỗi không được nhập.',
          'Bấm Nhập: tất cả ghi trong một lần; có thể Huỷ khi đang chạy.',
        ],
      },
      {
        heading: 'Hoàn tác một lần nhập',
        lines: [
          'Trong bảng Các lần nhập trước, bấm Hoàn tác để xoá mọi thứ lần nhập đó đã thêm, khi chưa có gì dựa vào (chưa vào bảng chi trả, chưa có quyết định, đổi hình thức hay chứng thực ủy quyền sau đó).',
          'Nhập lại cùng tệp không thêm trùng người.',
        ],
      },
    ],
  },
  {
    key: 'register-authorizations',
    title: 'Giấy ủy quyền cần xử lý',
    routes: ['/so-doi-tuong/uy-quyen'],
    summary: 'Giấy ủy quyền sắp hết hạn, đã hết hạn mà vẫn dùng, của người đã mất, hoặc chưa chứng thực.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: [
          'Mở hồ sơ để gia hạn (lập giấy mới), chấm dứt, hoặc chứng thực (người phê duyệt).',
          'Người phê duyệt: «Chứng thực tất cả giấy chưa chứng thực» ghi cùng một ngày và một người chứng thực cho mọi giấy chưa chứng thực trong danh sách (ví dụ các giấy nhập từ sổ cũ); một giấy không ghi được thì không giấy nào được ghi.',
          'In giấy ủy quyền chờ chứng thực: mọi giấy chưa chứng thực trong một tệp PDF, mỗi giấy một trang.',
          'Giấy hết hạn hoặc chưa hợp lệ thì tháng đó chi tiền mặt, ứng dụng ghi rõ lý do.',
        ],
      },
    ],
  },
  {
    key: 'campaign',
    title: 'Chuyển khoản (không dùng tiền mặt)',
    routes: ['/khong-tien-mat'],
    summary: 'Tiến độ chuyển người hưởng từ tiền mặt sang tài khoản, theo chế độ và nhóm, và danh sách cần vận động.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: [
          'Chọn tháng (◀ ▶ hoặc gõ 10/2024). Số liệu tính theo hình thức thực chi trong tháng.',
          'Đặt chỉ tiêu (số người hoặc %) và hạn; xem diễn biến 12 tháng.',
          'Danh sách cần vận động: người còn nhận tiền mặt; lọc theo khu phố, xuất Excel để đi vận động.',
        ],
      },
    ],
  },
  {
    key: 'payroll-list',
    title: 'Chi trả',
    routes: ['/chi-tra'],
    summary: 'Lập bảng chi trả hằng tháng và xem các bảng đã lập.',
    sections: [
      {
        heading: 'Lập bảng',
        steps: true,
        lines: [
          'Chọn tháng, bấm Lập bảng chi trả: mỗi chế độ một bảng (bảng nháp).',
          'Mở từng bảng để kiểm tra. Sửa sổ rồi lập lại bảng nháp nếu cần: bảng nháp được thay thế, không nhân đôi.',
          'Trình người phê duyệt; bảng đã phê duyệt không sửa được.',
        ],
      },
      {
        heading: 'Theo dõi tạm dừng',
        lines: ['Người không nhận tiền 3 tháng liên tiếp trở lên: xem xét tạm dừng theo quy định.'],
      },
    ],
  },
  {
    key: 'payroll-page',
    title: 'Bảng chi trả',
    routes: ['/chi-tra/bang/:id'],
    summary: 'Một bảng chi trả của một tháng và một chế độ: kiểm tra, phê duyệt, tệp chi trả, kết quả.',
    sections: [
      {
        heading: 'Các thẻ',
        lines: [
          'Tổng hợp: tổng theo hình thức nhận, khu phố, loại khoản. Danh sách: mọi dòng, tìm theo tên, CCCD, tài khoản.',
          'So với tháng trước: ai vào, ai ra, ai đổi số tiền và vì sao. Cần chú ý: chuyển về tiền mặt, thiếu tài khoản, lâu không nhận.',
          'Truy lĩnh, truy thu: các tháng còn nợ hoặc chi thừa.',
          'Tệp chi trả (sau phê duyệt): tệp ngân hàng, danh sách chi, tổng hợp; Tải về, Ghi vào USB, hoặc In thẳng ra máy in.',
          'Kết quả chi trả (sau phê duyệt): nhập tệp kết quả ngân hàng, đánh dấu đã nhận, chuyển khoản chưa chi sang tháng sau.',
        ],
      },
      {
        heading: 'Trình duyệt và phê duyệt',
        lines: [
          'Cán bộ bấm Trình phê duyệt khi đã kiểm tra xong; Bản dự thảo (PDF) để lãnh đạo ký trước khi phê duyệt.',
          'Người phê duyệt xem tổng hợp và các dòng cần chú ý, rồi Phê duyệt (xác nhận tháng, chế độ, số dòng, tổng tiền) hoặc Trả lại kèm ý kiến.',
          'Sổ thay đổi sau khi trình: màn hình nói ai đã thay đổi; phải lập lại và trình lại mới phê duyệt được.',
          'Sau phê duyệt bảng không đổi; sai sót được ghi thành khoản điều chỉnh tháng sau.',
        ],
      },
    ],
  },
  {
    key: 'rounds',
    title: 'Đợt chi một lần',
    routes: ['/chi-tra/dot-chi', '/chi-tra/dot-chi/:id'],
    summary:
      'Các đợt chi một lần ngoài bảng chi trả hằng tháng: quà Tết của Chủ tịch nước cho người có công, quà Tết của tỉnh cho đối tượng bảo trợ xã hội, quà 27/7…',
    sections: [
      {
        heading: 'Lập đợt chi',
        steps: true,
        lines: [
          'Chi trả → Đợt chi một lần → Lập đợt chi mới: ghi tên đợt, số, ngày, cơ quan ban hành văn bản căn cứ và ngày chi.',
          'Thêm các nhóm người nhận: chế độ, diện người có công (chọn «Thương binh» để gồm mọi tỷ lệ) hoặc nhóm đối tượng, và mức quà bằng đồng.',
          'Ứng dụng chọn từ sổ những người đang hưởng, còn sống và còn cư trú vào ngày chi; người thuộc nhiều nhóm chỉ nhận một lần, mức cao nhất; người đã có trong đợt khác cùng văn bản căn cứ không được chọn lại.',
          'Xem danh sách; Bỏ… một người hoặc Thêm người vào danh sách, luôn kèm lý do. «Chọn lại theo sổ» chọn lại sau khi sửa sổ, giữ các thay đổi bằng tay.',
        ],
      },
      {
        heading: 'Trình và phê duyệt',
        lines: [
          'Như bảng chi trả: cán bộ bấm Trình phê duyệt; người phê duyệt Phê duyệt (xác nhận số người, tổng tiền) hoặc Trả lại kèm ý kiến.',
          'Sổ thay đổi sau khi trình (báo tử, đổi hình thức nhận…): màn hình nói ai đã thay đổi; phải chọn lại và trình lại mới phê duyệt được.',
          'Đợt đã phê duyệt không sửa, không huỷ được.',
        ],
      },
      {
        heading: 'Danh sách ký nhận, tệp ngân hàng',
        lines: [
          'Sau phê duyệt: danh sách ký nhận (PDF) cho người nhận tiền mặt, toàn phường hoặc theo khu phố; tệp ngân hàng (Excel) cho người nhận qua tài khoản, theo mẫu của từng ngân hàng; bảng tổng hợp đối chiếu với tổng đợt chi.',
          'Hình thức nhận là hình thức đang áp dụng trong tháng của ngày chi. Khoản của đợt chi hiện ở Lịch sử tiền trên trang hồ sơ.',
        ],
      },
      {
        heading: 'Kết quả chi trả, đối chiếu',
        steps: true,
        lines: [
          'Chỉ đợt chi đã phê duyệt. Ghi «Ngày chi trả» (để trống là hôm nay; không sau hôm nay, không trước ngày phê duyệt).',
          'Danh sách ký nhận của một khu phố nộp về: bấm «Không đến nhận» ở người chưa ký trước, rồi chọn khu phố và bấm «Ghi đã nhận cho cả khu phố (tiền mặt)»: chỉ ghi những người nhận tiền mặt chưa có kết quả.',
          'Chuyển khoản: «Đã chi trả», hoặc «Không thành công…» kèm lý do ngân hàng báo; chuyển lại thành công thì bấm «Đã chi trả». Hoặc nhập tệp kết quả của ngân hàng: khớp theo số tài khoản và số tiền như bảng lương, xem trước rồi Ghi kết quả.',
          'Bảng đối chiếu: đã chi trả + không thành công + không đến nhận + chưa có kết quả = tổng đợt chi đã duyệt, đến từng đồng. Mỗi lần ghi được lưu vào lịch sử và nhật ký; dòng đã chi trả không ghi lại được (không chi hai lần).',
          '«In báo cáo đối chiếu (PDF)» lập báo cáo theo mẫu như của bảng lương: tên đợt chi và văn bản căn cứ, số liệu theo hình thức chi trả và theo khu phố, danh sách chưa chi trả, chỗ ký; «Báo cáo đối chiếu (Excel)» cho cùng số liệu. Để ghi vào USB như ở bảng lương: chọn hoặc nhập «Thư mục lưu (USB)», bấm «Ghi bản PDF vào thư mục» hoặc «Ghi bản Excel vào thư mục»; tệp được ghi rồi đọc lại để kiểm tra, màn hình báo đường dẫn của tệp.',
          'Cán bộ chính sách và kế toán ghi kết quả; lãnh đạo chỉ xem. Kết quả hiện ở Lịch sử tiền trên trang hồ sơ của từng người.',
        ],
      },
    ],
  },
  {
    key: 'register-ward-decisions',
    title: 'Sổ quyết định của phường',
    routes: ['/so-doi-tuong/quyet-dinh'],
    summary:
      'Lập dự thảo quyết định của Chủ tịch UBND từ các quyết định đã ghi trong sổ, in danh sách niêm yết, ghi số và ngày đã ký.',
    sections: [
      {
        heading: 'Các bước',
        steps: true,
        lines: [
          'Đánh dấu các quyết định chưa có số của phường (cùng chế độ, cùng loại), chọn người ký (Chủ tịch, hoặc Phó Chủ tịch ký thay), bấm Lập quyết định: ứng dụng cấp số tiếp theo của năm, không bao giờ trùng.',
          'In quyết định (có danh sách kèm theo khi nhiều người) và danh sách niêm yết để niêm yết công khai 02 ngày làm việc.',
          'Sau khi Chủ tịch ký, bấm Ghi số đã ký: số và ngày ký được ghi vào quyết định của từng người.',
        ],
      },
      {
        heading: 'Lưu ý',
        lines: [
          'Quyết định về người có công do Sở Nội vụ ban hành, không lập ở đây. Số đã cấp không xoá được.',
          'Dự thảo lập nhầm: bấm Hủy dự thảo và ghi lý do. Số đó không dùng lại; những người trong dự thảo trở lại danh sách để lập quyết định mới.',
        ],
      },
    ],
  },
  {
    key: 'register-health-insurance',
    title: 'Bảo hiểm y tế',
    routes: ['/so-doi-tuong/bhyt'],
    summary:
      'Danh sách cấp mới, điều chỉnh, thu hồi thẻ BHYT của đối tượng trong tháng để gửi cơ quan BHXH, và các thẻ sắp hết hạn.',
    sections: [
      {
        heading: 'Danh sách tháng',
        lines: [
          'Chọn tháng: Cấp mới (bắt đầu hưởng), Thu hồi (từ trần, chuyển đi, thôi hưởng, kèm lý do), Điều chỉnh (đổi nhóm, đổi chế độ).',
          'Tải PDF hoặc Excel, hoặc ghi vào USB. Tệp có số định danh đầy đủ để cơ quan BHXH đối chiếu: bảo quản theo quy định.',
        ],
      },
      {
        heading: 'Thẻ của từng người',
        lines: ['Ghi số thẻ và hạn dùng ở mục Thẻ bảo hiểm y tế trên trang hồ sơ đối tượng.'],
      },
    ],
  },
  {
    key: 'register-evidence-review',
    title: 'Rà soát điều kiện hưởng',
    routes: ['/so-doi-tuong/ra-soat'],
    summary:
      'Danh sách người có nhóm hưởng phụ thuộc giấy tờ đã hết hạn, còn thiếu hoặc đã thay đổi (hộ nghèo, cận nghèo theo danh sách năm; giấy xác nhận khuyết tật; đang đi học), kèm quyết định đề xuất.',
    sections: [
      {
        heading: 'Các bước',
        steps: true,
        lines: [
          'Ghi danh sách hộ nghèo, cận nghèo năm mới cho từng người ở mục Giấy tờ xác định điều kiện hưởng trên trang hồ sơ (kể cả khi hộ không còn trong danh sách).',
          'Chọn ngày rà soát và năm của danh sách (rà soát tháng 12 dùng danh sách năm sau), bấm Rà soát.',
          'Với từng người, xem vấn đề và đề xuất (thôi hưởng hoặc điều chỉnh nhóm từ tháng sau). Bấm Ghi quyết định… để mở quyết định đã điền sẵn, kiểm tra, nhập số và ngày ký rồi lưu. Ứng dụng không tự ghi quyết định nào.',
        ],
      },
      {
        heading: 'Lưu ý',
        lines: [
          'Nhóm theo độ tuổi (trẻ em, người cao tuổi, chăm sóc trẻ dưới 36 tháng) tính theo ngày sinh, không cần giấy tờ: chế độ tự kết thúc khi hết độ tuổi.',
          'Việc cần làm báo các giấy tờ của người đang hưởng hết hạn trong 30 ngày tới.',
        ],
      },
    ],
  },
  {
    key: 'register-transfer-in',
    title: 'Nhận hồ sơ chuyển đến',
    routes: ['/so-doi-tuong/nhan-ho-so'],
    summary:
      'Nhập tệp chuyển hồ sơ của người chuyển đến từ xã, phường khác: kiểm tra tệp, xem trước, rồi nhận vào sổ kèm lịch sử ở nơi cũ.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: [
          'Chọn tệp chuyển hồ sơ (.chuyen-ho-so.json, hoặc .sasbak khi mã hoá) và nhập cụm mật khẩu nơi chuyển đi báo, bấm Kiểm tra tệp.',
          'Đối chiếu mã kiểm tra SHA-256 và dấu vân tay khoá ký với hồ sơ giấy có đóng dấu của nơi chuyển đi (hoặc gọi điện hỏi): trùng khớp thì tệp đúng là của nơi đó.',
          'Nhập địa chỉ tại đơn vị, bấm Nhận hồ sơ. Chế độ ở nơi cũ chỉ là lịch sử: ghi quyết định hưởng của đơn vị (+ Thêm chế độ) để bắt đầu chi trả từ tháng sau tháng nơi cũ đã chi.',
        ],
      },
      {
        heading: 'Khi tệp bị từ chối',
        lines: [
          'Sai cụm mật khẩu, tệp bị sửa hoặc hỏng, tệp lập bằng phiên bản mới hơn, tệp quá lớn, hay số định danh đã có trong sổ: ứng dụng nói rõ lý do và không ghi gì.',
        ],
      },
    ],
  },
  {
    key: 'reports',
    title: 'Báo cáo',
    routes: ['/bao-cao'],
    summary: 'Báo cáo không dùng tiền mặt, tăng giảm, các mẫu báo cáo định kỳ, và bộ báo cáo gửi tỉnh.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: [
          'Chọn tháng báo cáo và kỳ tổng hợp từ tháng, bấm Xem: số liệu và các tệp tải về theo kỳ đã chọn.',
          'Mỗi báo cáo có nút Tải PDF (để ký) và Tải Excel.',
          'Xuất báo cáo gửi tỉnh: chọn báo cáo và ổ USB; ứng dụng ghi kèm tệp kiểm tra để bên nhận biết tệp còn nguyên vẹn.',
        ],
      },
    ],
  },
  {
    key: 'receiving',
    title: 'Tổng hợp các phường',
    routes: ['/tong-hop'],
    summary:
      'Ở đơn vị tổng hợp: nhận bộ báo cáo các phường gửi qua USB, kiểm tra, cộng số liệu và in báo cáo tổng hợp.',
    sections: [
      {
        heading: 'Nhận báo cáo',
        steps: true,
        lines: [
          'Cắm USB, bấm Chọn… và chọn thư mục «bao-cao-gui-tinh-…» của một phường, hoặc thư mục chứa nhiều phường (cả ổ USB).',
          'Nếu phường mã hoá bộ báo cáo, nhập cụm mật khẩu phường gửi riêng (không ghi trên USB).',
          'Bấm Nhận báo cáo. Mỗi thư mục được kiểm tra đủ trước khi lưu: mã kiểm tra SHA-256 của từng tệp, phiên bản dữ liệu, mã phường, tháng, mốc neo nhật ký so với lần nhận trước.',
          'Bảng kết quả ghi từng thư mục: Đã nhận, Đã nhận (thay bộ cũ), Đã có (nhận lại không thay đổi gì), hoặc Không nhận kèm lý do. Thư mục không nhận thì không có gì được lưu: báo phường xuất lại.',
        ],
      },
      {
        heading: 'Tổng hợp',
        lines: [
          'Chọn tháng tổng hợp: bảng xếp hạng tỷ lệ chi trả không dùng tiền mặt theo phường so với chỉ tiêu, theo chế độ, số tăng giảm, các mẫu 10a, 10c, 10d cộng các phường và danh sách phường chưa gửi.',
          'Chi một lần theo đợt chi: các đợt chi một lần đã phê duyệt có ngày chi trong tháng của từng phường (số đợt, số người nhận, không dùng tiền mặt, số tiền đã duyệt), theo từng chế độ, và dòng cộng các phường. Bộ báo cáo của phường không có phần đợt chi (bản cũ hoặc tháng không có đợt chi) được tính là 0.',
          'Tổng số tiền đã duyệt chi trong tháng: theo chế độ, tiền bảng chi trả hằng tháng cộng tiền các đợt chi một lần; khớp đến từng đồng với tổng các bộ báo cáo của phường.',
          'Tải PDF (để ký) hoặc Excel: cùng số liệu như trên màn hình.',
          'Bộ báo cáo sửa lại của cùng tháng thay bộ cũ; bộ cũ vẫn xem được ở Lịch sử của phường.',
          'Chế độ đơn vị tổng hợp chọn ở Cài đặt → Chế độ làm việc (quản trị viên), trên máy chưa có sổ đối tượng.',
        ],
      },
      {
        heading: 'Danh sách phường, xã',
        lines: [
          'Mỗi phường, xã đã gửi báo cáo tự có trong danh sách. Bấm Lịch sử để xem các bộ đã nhận của phường đó.',
          'Quản trị viên thêm phường, xã dự kiến gửi báo cáo (mã đơn vị hành chính 5 chữ số và tên) ở cuối danh sách: phường chưa gửi sẽ hiện trong mục «Phường, xã chưa gửi báo cáo» của tháng. Nhập lại một mã đã có thì đổi tên phường đó.',
        ],
      },
    ],
  },
  {
    key: 'settings-mode',
    title: 'Cài đặt: Chế độ làm việc',
    routes: ['/cai-dat/che-do'],
    summary: 'Chọn ứng dụng dùng làm sổ của phường hay làm đơn vị tổng hợp nhận báo cáo các phường.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: [
          'Chỉ quản trị viên đổi được, và chỉ khi máy chưa có sổ đối tượng (đơn vị tổng hợp không giữ sổ của phường) hoặc chưa nhận báo cáo nào.',
          F1,
        ],
      },
    ],
  },
  {
    key: 'settings-office',
    title: 'Cài đặt: Thông tin đơn vị',
    routes: ['/cai-dat'],
    summary: 'Tên đơn vị, cơ quan cấp trên, địa danh, người ký và nơi nhận in trên mọi giấy tờ.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: [
          'Chỉ quản trị viên sửa được. Sửa ở đây thì các giấy tờ in sau đó theo thông tin mới.',
          'Đổi tên đơn vị do sắp xếp lại: nhập «Áp dụng từ ngày» là ngày tên mới có hiệu lực. Giấy tờ ghi ngày trước đó (như dự thảo quyết định) in lại vẫn mang tên cũ.',
          F1,
        ],
      },
    ],
  },
  {
    key: 'settings-users',
    title: 'Cài đặt: Người dùng',
    routes: ['/cai-dat/nguoi-dung'],
    summary: 'Tạo tài khoản cho từng người, theo vai trò: cán bộ chính sách, kế toán, người phê duyệt, quản trị.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: [
          'Mỗi người một tài khoản riêng: nhật ký ghi rõ ai làm gì. Đặt lại mật khẩu hoặc khoá tài khoản khi người dùng nghỉ việc.',
        ],
      },
    ],
  },
  {
    key: 'settings-security',
    title: 'Cài đặt: Bảo mật',
    routes: ['/cai-dat/bao-mat'],
    summary: 'Thời gian tự khoá màn hình khi không thao tác (mặc định 10 phút).',
    sections: [
      {
        heading: 'Lưu ý',
        lines: ['Khoá màn hình (góc trên) khi rời máy: mở lại bằng mật khẩu, những gì đang nhập vẫn còn.'],
      },
    ],
  },
  {
    key: 'settings-audit',
    title: 'Cài đặt: Nhật ký',
    routes: ['/cai-dat/nhat-ky'],
    summary: 'Mọi thao tác đã ghi: ai, lúc nào, làm gì, với hồ sơ nào; không sửa, không xoá được.',
    sections: [
      {
        heading: 'Cách dùng',
        lines: ['Lọc theo người dùng, hồ sơ, thao tác, ngày; kiểm tra tính toàn vẹn; xuất Excel khi cần thanh tra.'],
      },
    ],
  },
  {
    key: 'settings-backup',
    title: 'Cài đặt: Sao lưu và khôi phục',
    routes: ['/cai-dat/sao-luu'],
    summary: 'Các bản sao lưu tự động, sao lưu ngay ra USB, và khôi phục từ một bản sao lưu.',
    sections: [
      {
        heading: 'Cách làm',
        lines: [
          'Sao lưu ngay: chọn thư mục (USB); nên đặt mật khẩu cho bản sao lưu và cất giữ mật khẩu đó.',
          'Khôi phục: chọn tệp sao lưu, xem bản sao lưu đó có gì, nhập mật khẩu nếu có; có thể hoàn tác khôi phục nếu chọn nhầm.',
        ],
      },
    ],
  },
  {
    key: 'settings-banks',
    title: 'Cài đặt: Ngân hàng',
    routes: ['/cai-dat/ngan-hang'],
    summary: 'Danh sách ngân hàng, mã NAPAS và độ dài số tài khoản dùng khi ghi tài khoản.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: ['Độ dài số tài khoản sai thì ứng dụng từ chối khi ghi tài khoản, tránh chuyển nhầm.'],
      },
    ],
  },
  {
    key: 'settings-bank-templates',
    title: 'Cài đặt: Mẫu tệp ngân hàng',
    routes: ['/cai-dat/mau-ngan-hang'],
    summary: 'Cột, tiêu đề, cách ghi tên và nội dung chuyển khoản của tệp gửi từng ngân hàng.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: ['Xem trước dòng mẫu trước khi lưu. Chỉnh theo mẫu ngân hàng yêu cầu; các tháng sau dùng mẫu mới.'],
      },
    ],
  },
  {
    key: 'settings-support-log',
    title: 'Cài đặt: Nhật ký lỗi',
    routes: ['/cai-dat/nhat-ky-loi'],
    summary: 'Các lỗi ứng dụng đã gặp, để lưu ra tệp gửi cán bộ hỗ trợ kỹ thuật.',
    sections: [{ heading: 'Lưu ý', lines: ['Nhật ký lỗi không chứa dữ liệu cá nhân của người hưởng.'] }],
  },
  {
    key: 'settings-version',
    title: 'Cài đặt: Thông tin phiên bản',
    routes: ['/cai-dat/phien-ban'],
    summary: 'Phiên bản ứng dụng, ngày đóng gói, số lược đồ dữ liệu và các điểm mới của từng phiên bản.',
    sections: [
      {
        heading: 'Cập nhật phiên bản',
        lines: [
          'Cài bản mới từ USB đè lên bản cũ: dữ liệu, bản sao lưu, cài đặt và người dùng được giữ; lần mở đầu tiên ứng dụng tự sao lưu trước khi nâng cấp dữ liệu.',
        ],
      },
    ],
  },
  {
    key: 'settings-password',
    title: 'Cài đặt: Đổi mật khẩu',
    routes: ['/cai-dat/doi-mat-khau'],
    summary: 'Đổi mật khẩu của chính mình.',
    sections: [
      {
        heading: 'Lưu ý',
        lines: ['Mật khẩu đủ dài, không dùng chung với người khác. Quên mật khẩu: nhờ quản trị viên đặt lại.'],
      },
    ],
  },
];

const pattern = (route: string) => new RegExp(`^${route.replace(/:id/g, '\\d+')}/?$`);
const COMPILED = HELP_PAGES.flatMap((page) => page.routes.map((route) => ({ page, re: pattern(route) })));

/** The help page for a hash path ('/so-doi-tuong/ho-so/12' → Hồ sơ đối tượng), if any. */
export function helpPageFor(path: string): HelpPage | undefined {
  const clean = path.split('?')[0]!.replace(/\/+$/, '') || '/';
  return COMPILED.find((c) => c.re.test(clean))?.page;
}

export const HELP_F1_HINT = F1;
