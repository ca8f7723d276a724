/** Downloads (src/taskpane/ports/download.ts): a file name every system accepts. */
import { safeFileName } from '../../../src/taskpane/ports/download';

test('file names for downloads: the characters Windows refuses become "-"', () => {
  expect(safeFileName('Mẫu: Cư Jút/2025?.xlsx')).toBe('Mẫu- Cư Jút-2025-.xlsx');
});
