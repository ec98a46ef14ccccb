import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../../tests/support/chromium";

/** An element as [tag, attributes, children]; text as a string. */
export type FloorNode = string | [string, Record<string, string>, FloorNode[]];

// Sent as source text: tsx's transform would otherwise add helpers the page does not have.
const WALK_BODY = `(() => {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ? [node.textContent] : [];
    if (!(node instanceof Element) || node.localName === "script") return [];
    const attributes = Object.fromEntries([...node.attributes].map((attribute) => [attribute.name, attribute.value]));
    const children = [...(node.localName === "template" ? node.content.childNodes : node.childNodes)].flatMap(walk);
    return [[node.localName, attributes, children]];
  };
  return [...document.body.childNodes].flatMap(walk);
})()`;

/**
 * The report page's markup as data, for the floor page (empty-app.ts): the body exactly as
 * the server sent it (Chromium with JavaScript off parses it, so nothing hydrates or
 * changes), without Next's <script> tags, which the floor page gets from Next itself.
 */
export async function pageMarkupTree(url: string): Promise<FloorNode[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    return (await page.evaluate(WALK_BODY)) as FloorNode[];
  } finally {
    await browser.close();
  }
}
