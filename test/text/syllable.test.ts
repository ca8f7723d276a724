import { isVietnameseSyllable, splitTone } from '../../src/text/syllable';

describe('isVietnameseSyllable', () => {
  it.each([
    'a', 'ở', 'ăn', 'ấy', 'Trường', 'nghiêng', 'khuya', 'khuyết', 'quốc', 'Quý', 'giữa', 'giêng', 'Nguyễn',
    'Huỳnh', 'yêu', 'uyên', 'ươm', 'Việt', 'Đắk', 'Lấp', 'Jút', 'Krông', 'Glong', 'Niê', 'Byă',
    'KHUYẾT', 'Học', 'xoong', 'thuở', 'oái', 'ngoặt',
  ])('%s is a syllable', (w) => {
    expect(isVietnameseSyllable(w)).toBe(true);
  });

  it.each([
    '', 'Müller', 'José', 'Hello', 'street', 'naïve', 'ă', 'â', 'qa', 'Nguyen', 'Mil', 'xyz',
    'tráng2', 'Tr\u00ADêng', 'häc', 'Khiªm', 'hoïc', 'Vaên', 'học̈',
  ])('%s is not', (w) => {
    expect(isVietnameseSyllable(w)).toBe(false);
  });

  it('syllables ending in c/ch/p/t take only the sắc or nặng tone', () => {
    expect(isVietnameseSyllable('học')).toBe(true);
    expect(isVietnameseSyllable('hóc')).toBe(true);
    expect(isVietnameseSyllable('hoc')).toBe(true);
    expect(isVietnameseSyllable('hòc')).toBe(false);
    expect(isVietnameseSyllable('hỏt')).toBe(false);
    expect(isVietnameseSyllable('xoòng')).toBe(false);
  });

  it('two tones are not a syllable', () => {
    expect(isVietnameseSyllable('ha\u0301\u0300')).toBe(false);
  });

  it('mixed case only with ignoreCase', () => {
    expect(isVietnameseSyllable('TiỂu')).toBe(false);
    expect(isVietnameseSyllable('NGUYễN')).toBe(false);
    expect(isVietnameseSyllable('NGUYễN', { ignoreCase: true })).toBe(true);
  });
});

describe('splitTone', () => {
  it('separates the tone from the letters', () => {
    expect(splitTone('Trường')).toEqual({ base: 'trương', tone: 'huyen' });
    expect(splitTone('ặ')).toEqual({ base: 'ă', tone: 'nang' });
    expect(splitTone('an')).toEqual({ base: 'an', tone: null });
    expect(splitTone('ü')).toBeNull();
  });
});
