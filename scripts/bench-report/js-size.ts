import { gzipSync } from "node:zlib";

export interface ScriptSize {
  src: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageJavaScript {
  scripts: ScriptSize[];
  bytes: number;
  gzipBytes: number;
}

/*
 * What a current browser downloads and runs: every <script src> of the page. `noModule`
 * scripts (Next's legacy polyfills) are left out because module-capable browsers skip
 * them; both pages carry the same one. Inline scripts (the RSC payload) are page data,
 * counted in the HTML, not here.
 */
function scriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\ssrc="([^"]+)"/i.exec(tag)?.[1];
    if (src && !/\snomodule\b/i.test(tag)) sources.push(src.replaceAll("&amp;", "&"));
  }
  return [...new Set(sources)];
}

/** The page's JavaScript, fetched from `baseUrl` and gzipped with zlib level 9. */
export async function measurePageJavaScript(baseUrl: string, html: string): Promise<PageJavaScript> {
  const scripts: ScriptSize[] = [];
  for (const src of scriptSources(html)) {
    const response = await fetch(new URL(src, baseUrl), { headers: { "Accept-Encoding": "identity" } });
    if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    scripts.push({ src, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
  }
  return {
    scripts,
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
  };
}
