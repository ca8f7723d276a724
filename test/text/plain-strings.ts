/**
 * Strings that are NOT legacy-encoded: ordinary Unicode Vietnamese (many made only of Latin-1
 * letters, the hard case), English, European names with é ü ñ…, numbers, codes and symbols.
 * detectLegacy() must return null for every one.
 */
export const PLAIN_STRINGS: string[] = [
  // Vietnamese written only with Latin-1 letters (à á â ã è é ê ì í ò ó ô õ ù ú ý)
  'Lê Thu Hà', 'Tô Hoài', 'Giáo viên', 'Mê Linh', 'Phan Thành Tâm', 'Trà My', 'Cà Mau', 'Hà Tiên',
  'Lâm Hà', 'Mai Châu', 'Tân Phú', 'Hoà Bình', 'Hòa Bình', 'Tây Ninh', 'Lê Thành Tông', 'Võ Văn Kiệt',
  'Hà Giang', 'Tuyên Quang', 'Lào Cai', 'Yên Bái', 'Thái Bình', 'Thanh Hoá', 'Nghệ An', 'Hà Tĩnh',
  'Quảng Bình', 'Huế', 'Phú Yên', 'Gia Lai', 'Kon Tum', 'Lâm Đồng', 'Bình Phước', 'Châu Thành',
  'Tân Châu', 'Tiên Yên', 'Lê Thị Hà', 'Hà Thị Mai', 'Tô Thị Lan', 'Vũ Thị Thanh Tâm', 'Lý Thái Tông',
  'Trần Phú', 'Kim Đồng', 'Chu Văn An', 'Lê Lai', 'Lê Lợi', 'Võ Thị Sáu', 'Lý Tự Trọng',
  'Nguyễn Du', 'Nguyễn Bỉnh Khiêm', 'Phan Bội Châu', 'Phan Chu Trinh', 'Nguyễn Tất Thành',
  'Hoàng Văn Thụ', 'Đinh Tiên Hoàng', 'Lương Thế Vinh', 'Nguyễn Trãi', 'Ngô Quyền', 'Quang Trung',
  'Hai Bà Trưng', 'Trường Mầm non Hoa Sen', 'Trường Tiểu học Trần Phú', 'Trường THCS Nguyễn Du',
  'Trường THPT Chu Văn An', 'Phòng Giáo dục và Đào tạo', 'Sở Giáo dục và Đào tạo', 'UBND tỉnh Đắk Nông',
  'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc', 'Hiệu trưởng', 'Phó Hiệu trưởng',
  'Giáo viên', 'Tổ trưởng chuyên môn', 'Tổng phụ trách Đội', 'Nhân viên', 'Không', 'Không có', 'Có',
  'Mầm non', 'Tiểu học', 'Trung học cơ sở', 'Trung học phổ thông', 'Giáo dục thường xuyên',
  'Chiến sĩ thi đua cơ sở', 'Lao động tiên tiến', 'Giáo viên dạy giỏi cấp tỉnh', 'Bằng khen',
  'Giấy khen của Chủ tịch UBND huyện', 'Sáng kiến kinh nghiệm cấp tỉnh năm học 2023-2024',
  'Khiển trách năm 2024', 'Cảnh cáo', 'Đại học sư phạm', 'Cao đẳng', 'Thạc sĩ', 'Cử nhân',
  'Kinh', 'Ê Đê', "M'Nông", 'Mạ', 'Tày', 'Nùng', 'Thái', 'Mông', 'Dao', 'Hoa', 'Khmer',
  "H' Ngăn Byă", 'Y Khuê Niê', 'Điểu Thị Lan', "K' Thị Hoa", 'Điểu Lé', 'H Bia', 'Y Jút', "Đắk R'Lấp",
  'Đắk R’Lấp', 'Cư Jút', 'Krông Nô', 'Tuy Đức', 'Đắk Glong', 'Đắk Mil', 'Đắk Song', 'Gia Nghĩa',
  'Nâm Nung', 'Ea Pô', 'Nam Dong', 'Đăk Wil', 'Quảng Khê', 'Quảng Sơn', 'Đạo Nghĩa', 'Nhân Cơ',
  'Lê Hà', 'Tô Lâm', 'Hồ Tây', 'Mê Kông', 'Tân Hà', 'Tâm', 'Hà', 'Lê', 'Tô', 'Bé', 'Mì', 'Cò',
  'Hoà', 'Toàn', 'Hoàng', 'Khoá', 'Hoài', 'Thuý', 'Quý', 'Tý', 'Lý', 'Mỹ', 'Ý', 'Ê', 'À', 'Ô',
  'TRƯỜNG TIỂU HỌC', 'HIỆU TRƯỞNG', 'HÀ TIÊN', 'TÂY NINH', 'HOÀNG', 'LÊ THÀNH', 'CÔNG TY',
  'Nguyễn Thị Thanh Huyền', 'Phạm Văn Đồng', 'Lê Thị Ánh Tuyết', 'Trần Thị Thu Hà', 'Đào Duy Từ',
  'ngày 20 tháng 11 năm 2025', 'Cư Jút, ngày 20 tháng 11 năm 2025', 'Họ và tên', 'Ngày sinh',
  'Đơn vị công tác', 'Tóm tắt thành tích', 'Kỷ luật', 'Ghi chú', 'Cấp học', 'Chức vụ',
  // NFD (decomposed) Vietnamese
  'Trường Tiểu học Nguyễn Bỉnh Khiêm'.normalize('NFD'), 'Hà Nội'.normalize('NFD'), 'Lê Thu Hà'.normalize('NFD'),
  // English
  'Teacher of the year', 'Outstanding teacher', 'Primary school', 'Head of subject group', 'None',
  'Principal', 'Vice-principal', 'Full name', 'Date of birth', 'Achievement summary', 'Hello world',
  'The quick brown fox jumps over the lazy dog', 'Microsoft Excel', 'Sheet1', 'Sheet2', 'N/A', 'TBD',
  'OK', 'Yes', 'No', 'Total', 'Summary', 'Notes', 'Page 1 of 2',
  // European names and words with Latin-1 letters
  'Müller', 'Jürgen Müller', 'Björn Borg', 'Göthe', 'Über', 'Straße', 'Schön', 'Fräulein', 'Mädchen',
  'José', 'José María', 'Señor', 'Peña', 'Niño', 'Mañana', 'Muñoz', 'Núñez', 'São Paulo', 'João',
  'Ação', 'Conceição', 'François', 'Françoise Hardy', 'Hélène', 'Renée', 'Chloé', 'Zoë', 'Noël',
  'Raphaël', 'Anaïs', 'Citroën', 'Léa Dupont', 'Loïc Martin', 'Mélanie', 'Jérôme', 'Benoît',
  'Ångström', 'Ærø', 'Øresund', 'Crème brûlée', 'Café au lait', 'naïve café', 'Résumé', 'Pokémon',
  'Dvořák', 'Gdańsk', 'Łódź', 'İstanbul', 'Ça va', 'Garçon', 'Façade', 'Déjà vu', 'Piñata',
  // numbers, dates and codes
  '', ' ', '0', '1', '42', '1985', '2025', '3,5', '3.14', '-7', '12/04/1986', '05-09-1985', '1985-09-05',
  '2024-2025', '(1)', '(2)', '(3)', 'TT', 'STT', 'MN', 'TH', 'THCS', 'THPT', 'GDTX', 'HT', 'P.HT', 'GV',
  'TTCM', 'TPT Đội', 'GD&ĐT', 'BC-SGDĐT', 'QĐ 4996/QĐ-BGDĐT', '0905 123 456', 'abc@example.com',
  'https://example.com/a?b=c', 'A1', 'F12', 'XFD1048576', '#N/A', '#REF!', '=SUM(A1:A3)',
  // symbols that are letters in TCVN3 but not here
  '© 2024', 'Acme®', '25°C', '± 5%', '½ ngày', '¼', 'x²', 'm³', '5 µm', '10 µg', '§ 3', '¶', '«Hello»',
  '¿Qué?', '¡Hola!', 'Price: £5', '¥100', '¢', '¤', '×', '÷', '·', '¬', '¯', 'ª', 'º', '¹²³',
];
