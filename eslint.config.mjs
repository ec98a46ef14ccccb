import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer boundaries (docs/architecture.md): data flows route → lib/data → lib/db, never back.
const NO_DATABASE = {
  regex: "^(@/|(\\.\\./)+)lib/db(/|$)",
  message: "Only lib/data talks to the database: call a lib/data function.",
};
const NO_ROUTES = {
  regex: "^(@/|(\\.\\./)+)app(/|$)",
  message: "app/ is the top layer: pass what a component needs as props, and keep lib/ free of routes.",
};
const layer = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "lib/generated/**", "next-env.d.ts", "BENCHMARKS.md"],
  },
  {
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  layer(["app/**", "proxy.ts"], [NO_DATABASE]),
  layer(["lib/**"], [NO_DATABASE, NO_ROUTES], ["lib/data/**", "lib/db/**"]),
  layer(["lib/data/**", "lib/db/**"], [NO_ROUTES]),
  layer(["components/**"], [NO_DATABASE, NO_ROUTES]),
  {
    files: ["lib/env.ts", "scripts/**", "tests/**", "next.config.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
