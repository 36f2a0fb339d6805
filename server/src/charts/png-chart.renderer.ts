import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ChartRenderer } from '../domain/analytics/digest-chart';
import type { Logger } from '../logger';

/**
 * Where Debian (fonts-wqy-microhei, fonts-noto-cjk), other Linux distributions and macOS keep fonts with
 * Chinese glyphs. scripts/ensure-services.sh installs fonts-wqy-microhei when none is there.
 */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];

export class ChartFontMissingError extends Error {
  override name = 'ChartFontMissingError';
}

/** The configured font (DIGEST_FONT_FILE), which must exist, or the first known CJK font present; null when there is none. */
export function findCjkFont(configured: string | undefined, candidates = CJK_FONT_CANDIDATES): string | null {
  if (configured) {
    if (!existsSync(configured)) throw new ChartFontMissingError(`DIGEST_FONT_FILE ${configured} does not exist`);
    return configured;
  }
  return candidates.find((path) => existsSync(path)) ?? null;
}

/**
 * Charts without a browser: ECharts renders the option to an SVG string on the server, resvg draws the
 * SVG into a PNG. Fonts are loaded from an explicit file, so the picture does not depend on what the
 * machine's font configuration happens to prefer; resvg falls back to that font for every glyph.
 */
export class PngChartRenderer implements ChartRenderer {
  private font: string | null | undefined;

  constructor(private readonly options: { fontFile?: string; logger: Logger }) {}

  /** The font the charts are drawn with, looked up on first use (processes that draw nothing never look). */
  get fontFile(): string | null {
    if (this.font === undefined) {
      this.font = findCjkFont(this.options.fontFile);
      if (!this.font) {
        this.options.logger.warn(
          { module: 'charts', searched: CJK_FONT_CANDIDATES },
          'no font with Chinese glyphs found: chart text will not render (install fonts-wqy-microhei or set DIGEST_FONT_FILE)',
        );
      }
    }
    return this.font;
  }

  async renderPng(option: EChartsOption, size: { width: number; height: number }): Promise<Buffer> {
    const fontFile = this.fontFile;
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
    let svg: string;
    try {
      chart.setOption(option);
      svg = chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
    const resvg = new Resvg(svg, {
      background: '#ffffff',
      font: fontFile ? { fontFiles: [fontFile], loadSystemFonts: false } : { loadSystemFonts: true },
    });
    return Buffer.from(resvg.render().asPng());
  }
}
