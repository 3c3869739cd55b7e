// SVG → PNG for the charts, with the shipped Inter TTFs loaded explicitly (system fonts are never
// read), so a chart renders the same on every machine. resvg is a native package: kept out of core.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

export const PNG_MIME = 'image/png';
export const SVG_MIME = 'image/svg+xml';

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
  });
  return resvg.render().asPng();
}

/** 'trend-2026-W48.svg' → 'trend-2026-W48.png'. */
export function pngName(filename: string): string {
  return `${filename.replace(/\.svg$/i, '')}.png`;
}
