export * from "./link-format";
export * from "./secret";
export * from "./url";
