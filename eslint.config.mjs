import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer boundaries (docs/architecture.md): data flows route → lib/data → lib/db, never back.
const NO_DATABASE = {
  regex: "^(@/|(\\.\\./)+)lib/db(/|$)",
  message: "Only the data layer (lib/data, lib/reports/data) talks to the database: call one of its functions.",
};
const NO_ROUTES = {
  regex: "^(@/|(\\.\\./)+)app(/|$)",
  message: "app/ is the top layer: pass what a component needs as props, and keep lib/ free of routes.",
};
// The data layer, the only code that talks to the database: lib/data, and the report
// feature's own queries (lib/reports/data), which live beside the report's view model.
const DATA_LAYER = ["lib/data/**", "lib/reports/data/**"];
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
  layer(["lib/**"], [NO_DATABASE, NO_ROUTES], [...DATA_LAYER, "lib/db/**"]),
  layer([...DATA_LAYER, "lib/db/**"], [NO_ROUTES]),
  layer(["components/**"], [NO_DATABASE, NO_ROUTES]),
  {
    files: ["lib/env.ts", "scripts/**", "tests/**", "next.config.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
