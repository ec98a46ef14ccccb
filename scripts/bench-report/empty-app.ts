import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FloorNode } from "./floor-tree";
import { startServer, type RunningServer } from "./servers";

/*
 * The baselines: an App Router app built by the same Next.js installation (node_modules is
 * a symlink to ours) with two pages. `/` returns <p>empty</p>, for the JavaScript
 * comparison. `/floor` renders the report page's own markup from a constant (floor-tree.ts:
 * its elements made once, when the module loads), with the same head, per request like the report page: what
 * Next itself costs to render and send those bytes, with no data, no formatting and no
 * client components, the floor a rendered report view can approach.
 * Turbopack refuses files outside its root, and the symlink leads out of the temp folder,
 * so the root is widened to "/".
 */
const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ private: true, type: "module" }),
  "next.config.mjs": `export default { turbopack: { root: "/" } };\n`,
  "app/layout.jsx": `export default function RootLayout({ children }) {\n  return <html lang="en"><body className="min-h-screen font-sans antialiased">{children}</body></html>;\n}\n`,
  "app/page.jsx": `export default function Page() {\n  return <p>empty</p>;\n}\n`,
  "app/floor/page.jsx": `import { createElement } from "react";
import tree from "./tree.json";

// HTML attribute names React spells differently; boolean attributes are present or absent.
const RENAMED = { class: "className", for: "htmlFor", tabindex: "tabIndex", readonly: "readOnly", maxlength: "maxLength", minlength: "minLength", autocomplete: "autoComplete", novalidate: "noValidate", "accept-charset": "acceptCharset", enctype: "encType", colspan: "colSpan", rowspan: "rowSpan", spellcheck: "spellCheck", value: "defaultValue", checked: "defaultChecked" };
const BOOLEAN = new Set(["hidden", "open", "disabled", "required", "readOnly", "multiple", "defaultChecked", "noValidate", "selected"]);

function build(node, key) {
  if (typeof node === "string") return node;
  const [tag, attributes, children] = node;
  const props = { key };
  for (const [name, value] of Object.entries(attributes)) {
    const prop = RENAMED[name] ?? name;
    props[prop] = BOOLEAN.has(prop) ? true : value;
  }
  if (tag === "textarea") return createElement(tag, { ...props, defaultValue: children.join("") });
  return createElement(tag, props, ...children.map(build));
}

const body = tree.map(build);
export const dynamic = "force-dynamic";
// The report page's head, as app/layout.tsx and app/page.tsx give it.
export const metadata = {
  title: "Block report",
  description: "Why your mail was blocked, the evidence, and how to get sending again.",
  robots: { index: false, follow: false },
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml", sizes: "any" } },
};
export const viewport = { width: "device-width", initialScale: 1, colorScheme: "light dark" };

export default function Floor() {
  return body;
}
`,
};

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/**
 * Builds the baseline app in a temp folder and serves it with `next start`; stop() removes it again.
 * With `stylesheet` (CSS text: the report page's own, for bench:lighthouse), the layout imports it,
 * so Next serves it as it serves the app's.
 */
export async function startEmptyApp(
  port: number,
  floor: FloorNode[],
  { stylesheet }: { stylesheet?: string } = {},
): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-empty-app-"));
  try {
    await mkdir(path.join(dir, "app", "floor"), { recursive: true });
    for (const [file, content] of Object.entries(FILES)) await writeFile(path.join(dir, file), content);
    await writeFile(path.join(dir, "app", "floor", "tree.json"), JSON.stringify(floor));
    if (stylesheet !== undefined) {
      await writeFile(path.join(dir, "app", "page.css"), stylesheet);
      await writeFile(path.join(dir, "app", "layout.jsx"), `import "./page.css";\n${FILES["app/layout.jsx"]}`);
    }
    await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
    const nextBin = path.join(dir, "node_modules/next/dist/bin/next");
    await run(process.execPath, [nextBin, "build"], dir);
    const server = await startServer({
      command: process.execPath,
      args: [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
      port,
      cwd: dir,
      readyPath: "/",
      env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    return {
      ...server,
      stop: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
