export * from "./link-format";
export * from "./secret";
export * from "./sealed-secret";
export * from "./url";
