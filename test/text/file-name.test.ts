import { baseName } from '../../src/text/file-name';

describe('baseName', () => {
  it('drops the folders of either separator', () => {
    expect(baseName('C:\\thu muc\\Cư Jút.xlsx')).toBe('Cư Jút.xlsx');
    expect(baseName('x/y/z.xlsx')).toBe('z.xlsx');
    expect(baseName('Đắk Mil.xlsx')).toBe('Đắk Mil.xlsx');
  });
  it('keeps the whole text when nothing follows the last separator', () => {
    expect(baseName('thu-muc/')).toBe('thu-muc/');
    expect(baseName('')).toBe('');
  });
});
