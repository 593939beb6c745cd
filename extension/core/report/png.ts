// SVG → PNG for the Markdown report's chart images, with resvg (a Rust SVG renderer) compiled to
// WebAssembly: @resvg/resvg-wasm. Chosen because it is pure WASM (no native compilation, no per-platform
// binary as @resvg/resvg-js needs, so one VSIX serves every platform), needs no network at run time,
// is actively maintained, and renders the very SVG the HTML report inlines (anti-aliased lines and
// areas), where pngjs or pureimage would need a second, hand-written rasteriser. In WASM it has no
// system fonts; the chart SVGs for PNG carry no text, so no font file is needed (the Markdown puts
// the numbers in words under each image).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

export interface PngOptions {
  /**
   * Path of resvg's `index_bg.wasm`. A bundle passes the copy it ships (e.g. `dist/wasm/resvg.wasm`);
   * left out, it is resolved from node_modules.
   */
  resvgWasm?: string | undefined;
  /** Output width in pixels; the height follows the SVG's aspect ratio. */
  width?: number;
}

let ready: Promise<void> | null = null;

/** Loads the renderer once per process; a failed load is retried on the next call. */
function loadRenderer(wasmPath: string | undefined): Promise<void> {
  ready ??= (async () => {
    const file = wasmPath ?? installedWasm();
    try {
      await initWasm(await readFile(file));
    } catch (error) {
      // resvg-wasm allows one initWasm per process; another copy of this module may have run it.
      if (!(error instanceof Error && /already initiali[sz]ed/i.test(error.message))) throw error;
    }
  })().catch((error: unknown) => {
    ready = null;
    throw error;
  });
  return ready;
}

function installedWasm(): string {
  try {
    return createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  } catch {
    throw new Error('the PNG renderer (@resvg/resvg-wasm/index_bg.wasm) is not installed; run npm install, or pass its path as resvgWasm');
  }
}

/** The PNG file bytes of an SVG document, on an opaque white background. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  await loadRenderer(options.resvgWasm);
  const renderer = new Resvg(svg, {
    background: 'white',
    fitTo: options.width ? { mode: 'width', value: options.width } : { mode: 'original' },
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
