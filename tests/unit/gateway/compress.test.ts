// Which encoding the gateway picks from Accept-Encoding, and which answers it compresses at all.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { chooseEncoding, isCompressibleType, varyOnEncoding } from "../../../supabase/local/gateway/compress.ts";

const asking = (acceptEncoding?: string) => ({ headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }) as IncomingMessage;

describe("chooseEncoding", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0, br;q=0", undefined],
    ["gzip;q=1.0, br;q=0.5", "gzip"],
    ["*", "br"],
    ["*, br;q=0", "gzip"],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseEncoding(asking(header))).toBe(expected);
  });
});

describe("isCompressibleType", () => {
  it.each([
    ["application/json; charset=utf-8", true],
    ["application/openapi+json", true],
    ["application/vnd.pgrst.object+json", true],
    ["text/csv", true],
    ["image/png", false],
    ["application/octet-stream", false],
    [undefined, false],
  ])("%s → %s", (type, expected) => {
    expect(isCompressibleType(type)).toBe(expected);
  });

  it("adds accept-encoding to Vary once", () => {
    expect(varyOnEncoding(undefined)).toBe("accept-encoding");
    expect(varyOnEncoding("Origin")).toBe("Origin, accept-encoding");
    expect(varyOnEncoding("Accept-Encoding")).toBe("Accept-Encoding");
  });
});
