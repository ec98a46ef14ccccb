/** Debian's Chromium, as the browser tests and `npm run bench:lighthouse` run it. */
export const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium floods the closed network with
// connection attempts on a machine without a network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
