import { describe, expect, it } from "vitest";
import { chooseFoldedSecret, removeLineBreaks } from "@/lib/bounce/folded-values";

const SECRET = "m3TVc9x-CWMe3g4PnlM_Oi07DzY7c9kohnw5Q5R_wec";

describe("chooseFoldedSecret", () => {
  it("rejoins a secret folded by wrapping or a quoted-printable soft break", () => {
    expect(chooseFoldedSecret(`${SECRET.slice(0, 10)}\n${SECRET.slice(10)}`)).toBe(SECRET);
    expect(chooseFoldedSecret(`${SECRET.slice(0, 30)}=\r\n${SECRET.slice(30)}`)).toBe(SECRET);
    expect(chooseFoldedSecret(`${SECRET.slice(0, 5)}\r${SECRET.slice(5, 25)}\n${SECRET.slice(25)}`)).toBe(SECRET);
  });

  it("stops at the issued length instead of taking in the next line", () => {
    expect(chooseFoldedSecret(`${SECRET}\nThanks`)).toBe(SECRET);
  });

  it("prefers the reading as written for a secret of another length", () => {
    expect(chooseFoldedSecret(`${SECRET.slice(0, 30)}\nThanks`)).toBe(SECRET.slice(0, 30));
  });

  it("turns down a secret shorter than 22 characters in every reading", () => {
    expect(chooseFoldedSecret("abc\ndef")).toBeUndefined();
  });
});

describe("removeLineBreaks", () => {
  it("removes wraps, soft breaks and indentation", () => {
    expect(removeLineBreaks("1ec5d=\n310c9\r\n  51ebd\r54d84")).toBe("1ec5d310c951ebd54d84");
  });
});
