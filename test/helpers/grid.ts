/** Builds grids in tests the way a reader would hand them over. */
import type { Grid, GridCell, MergeRange, WorkbookGrid } from '../../src/sheet/grid';

export type Raw = string | number | boolean | null | undefined | GridCell;

export function grid(name: string, rows: Raw[][], merges: MergeRange[] = []): Grid {
  return {
    name,
    rows: rows.map((r) =>
      r.map((v): GridCell | undefined => {
        if (v === undefined || v === null || v === '') return undefined;
        if (typeof v === 'object') return v;
        return { v };
      }),
    ),
    merges,
  };
}

export function book(...sheets: Grid[]): WorkbookGrid {
  return { sheets };
}

/** The official header block of a district office, a title, and room for the table below. */
export function headerBlock(district = 'CƯ JÚT', dateLine = 'Cư Jút, ngày 20 tháng 6 năm 2025'): Raw[][] {
  return [
    [`UBND HUYỆN ${district}`, null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', null, null, null, 'Độc lập - Tự do - Hạnh phúc'],
    [null, null, null, null, dateLine],
    ['DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU NĂM HỌC 2024-2025'],
    [],
  ];
}

export const STANDARD_HEADER: Raw[] = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật'];
export const NUMBERING: Raw[] = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'];
export const SIGNATURE: Raw[][] = [[], [null, 'Người lập biểu', null, null, null, 'TRƯỞNG PHÒNG'], [], [null, 'Nguyễn Thị Hoa', null, null, null, 'Trần Văn Bình']];

export const ACHIEVEMENT = 'Giáo viên dạy giỏi cấp tỉnh năm học 2023-2024; sáng kiến kinh nghiệm được công nhận cấp tỉnh; Chiến sĩ thi đua cơ sở.';

export function validRows(): Raw[][] {
  return [
    [1, 'Nguyễn Thị Lan', '12/03/1984', 'Giáo viên', 'Trường Mầm non Hoa Sen', 'Mầm non', ACHIEVEMENT, 'Không'],
    [2, 'H’ Ngăn Byă', '05/09/1988', 'Giáo viên', 'Trường Tiểu học Trần Phú', 'Tiểu học', ACHIEVEMENT, 'Không'],
    [3, 'Lê Văn Minh', '20/01/1979', 'Hiệu trưởng', 'Trường THCS Nguyễn Du', 'THCS', ACHIEVEMENT, ''],
  ];
}
