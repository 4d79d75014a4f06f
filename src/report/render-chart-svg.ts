import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Render a vega-lite specification to an SVG document, in Node, with no browser and no canvas: the
 * specification is compiled to vega, run in a headless view (renderer 'none') and serialised with
 * `view.toSVG()`. Text widths are vega's estimates, since no canvas measures them.
 *
 * `idPrefix` is prepended to the ids the SVG defines (clip paths, gradients) and to the references to
 * them, so that several charts can sit inline in one HTML page without one chart's `url(#clip1)`
 * pointing at another chart's clip.
 */
export async function renderChartSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace(/\bid="([^"]+)"/g, `id="${idPrefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`);
  } finally {
    view.finalize();
  }
}
