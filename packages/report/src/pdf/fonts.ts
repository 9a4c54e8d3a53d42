import { existsSync } from 'node:fs';

/**
 * Chinese fonts for the PDF renderer. The font is read from the machine (a Debian package or a path
 * you give), embedded as a subset in every PDF, and never downloaded at run time.
 */

export interface FontFace {
  /** .ttf, .otf or .ttc file. */
  path: string;
  /** PostScript name of the face inside a .ttc collection. */
  postscriptName?: string;
}

export interface CjkFont {
  regular: FontFace;
  bold: FontFace;
  /** Debian package it came from, or "GREENLCA_CJK_FONT". */
  origin: string;
}

interface Candidate {
  debianPackage: string;
  regular: FontFace;
  bold?: FontFace;
}

/** Searched in this order; the first found wins. */
export const FONT_CANDIDATES: readonly Candidate[] = [
  {
    debianPackage: 'fonts-noto-cjk',
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  },
  {
    debianPackage: 'fonts-noto-cjk',
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
  },
  { debianPackage: 'fonts-wqy-microhei', regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' } },
  { debianPackage: 'fonts-wqy-zenhei', regular: { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' } },
];

/** No Chinese font: says exactly what to install or set. */
export class FontNotFoundError extends Error {
  readonly code = 'CJK_FONT_MISSING';
  constructor(detail?: string) {
    super([
      detail ?? 'no Chinese (CJK) font found for the PDF report.',
      'Install one with: apt-get install fonts-noto-cjk   (or fonts-wqy-microhei),',
      'or set GREENLCA_CJK_FONT=/path/to/font.ttf|.otf|.ttc[#PostScriptName] (for a .ttc, e.g. #NotoSansCJKsc-Regular).',
      `Looked in: ${FONT_CANDIDATES.map((c) => c.regular.path).join(', ')}.`,
    ].join('\n'));
    this.name = 'FontNotFoundError';
  }
}

function parseSpec(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  if (hash > 0) return { path: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) };
  return { path: spec };
}

/**
 * Find the font to embed: GREENLCA_CJK_FONT (and GREENLCA_CJK_FONT_BOLD) first, then the Debian
 * packages in FONT_CANDIDATES. Throws FontNotFoundError with install instructions.
 */
export function findCjkFont(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): CjkFont {
  const given = env.GREENLCA_CJK_FONT;
  if (given) {
    const regular = parseSpec(given);
    if (!exists(regular.path)) throw new FontNotFoundError(`GREENLCA_CJK_FONT names ${regular.path}, which does not exist.`);
    const boldSpec = env.GREENLCA_CJK_FONT_BOLD;
    const bold = boldSpec ? parseSpec(boldSpec) : regular;
    if (!exists(bold.path)) throw new FontNotFoundError(`GREENLCA_CJK_FONT_BOLD names ${bold.path}, which does not exist.`);
    return { regular, bold, origin: 'GREENLCA_CJK_FONT' };
  }
  for (const c of FONT_CANDIDATES) {
    if (!exists(c.regular.path)) continue;
    const bold = c.bold && exists(c.bold.path) ? c.bold : c.regular;
    return { regular: c.regular, bold, origin: c.debianPackage };
  }
  throw new FontNotFoundError();
}
