const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A minimal HTML mail body: escaped paragraphs, and sender-written text in a pre-wrapped
 * block. No images, no remote resources, no links built from user input.
 */
export interface MailBlock {
  kind: "p" | "quote" | "heading";
  text: string;
}

const BLOCK_HTML: Record<MailBlock["kind"], (t: string) => string> = {
  heading: (t) => `<h2 style="font-size:16px;margin:16px 0 4px">${t}</h2>`,
  p: (t) => `<p style="margin:0 0 12px">${t}</p>`,
  quote: (t) =>
    `<pre style="white-space:pre-wrap;font-family:inherit;border-left:3px solid #999;padding-left:8px;margin:0 0 12px">${t}</pre>`,
};

export function renderHtml(blocks: MailBlock[]): string {
  const body = blocks.map((block) => BLOCK_HTML[block.kind](escapeHtml(block.text))).join("\n");
  return `<!doctype html>\n<html><body style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5">\n${body}\n</body></html>\n`;
}

export function renderText(blocks: MailBlock[]): string {
  return `${blocks
    .map((block) => {
      if (block.kind === "heading") return `${block.text}\n${"-".repeat(Math.min(block.text.length, 60))}`;
      if (block.kind === "quote")
        return block.text
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n");
      return block.text;
    })
    .join("\n\n")}\n`;
}
