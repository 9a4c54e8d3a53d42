import { describe, expect, it } from 'vitest';
import { findCjkFont, FontNotFoundError } from './fonts.js';

describe('CJK font discovery', () => {
  it('prefers GREENLCA_CJK_FONT, with a PostScript name for a .ttc', () => {
    const f = findCjkFont({ GREENLCA_CJK_FONT: '/fonts/x.ttc#XSans-Regular' }, () => true);
    expect(f).toEqual({ regular: { path: '/fonts/x.ttc', postscriptName: 'XSans-Regular' }, bold: { path: '/fonts/x.ttc', postscriptName: 'XSans-Regular' }, origin: 'GREENLCA_CJK_FONT' });
  });

  it('falls back to the Debian packages in order, using the regular face when there is no bold', () => {
    const f = findCjkFont({}, (p) => p.includes('wqy-microhei'));
    expect(f.origin).toBe('fonts-wqy-microhei');
    expect(f.bold).toEqual(f.regular);
    expect(findCjkFont({}, (p) => p.includes('NotoSansCJK')).regular.postscriptName).toBe('NotoSansCJKsc-Regular');
  });

  it('says what to install when no font is there', () => {
    expect(() => findCjkFont({}, () => false)).toThrow(FontNotFoundError);
    expect(() => findCjkFont({}, () => false)).toThrow(/apt-get install fonts-noto-cjk/);
    expect(() => findCjkFont({ GREENLCA_CJK_FONT: '/nope.ttf' }, () => false)).toThrow(/GREENLCA_CJK_FONT names \/nope\.ttf/);
  });
});
