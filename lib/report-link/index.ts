export * from "./secret";
export * from "./url";
