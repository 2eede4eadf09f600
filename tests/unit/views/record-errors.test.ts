import { describe, expect, it } from "vitest";
import { toHttpError } from "@/lib/supabase/errors";
import { asciiFileName } from "@/data/asciiFileName";

describe("toHttpError: the record engine’s stable codes", () => {
  it("maps record_invalid to its message, keeps the details and takes the status from PT400", () => {
    const error = toHttpError({ code: "PT400", message: "record_invalid", details: '[{"field":"age","code":"min","params":{"min":60}}]', hint: "年龄…" });
    expect(error).toMatchObject({
      reason: "record_invalid",
      i18nKey: "errors.recordInvalid",
      statusCode: 400,
      details: '[{"field":"age","code":"min","params":{"min":60}}]',
    });
  });

  it("maps stale_record to 409 and transition_forbidden to 403", () => {
    expect(toHttpError({ code: "PT409", message: "stale_record" })).toMatchObject({ reason: "stale_record", statusCode: 409, i18nKey: "errors.staleRecord" });
    expect(toHttpError({ code: "PT403", message: "transition_forbidden" })).toMatchObject({ statusCode: 403, i18nKey: "errors.transitionForbidden" });
  });

  it("recognises the codes after the Supabase data provider turned the code into NaN", () => {
    expect(toHttpError({ code: "PT400", message: "checklist_incomplete", statusCode: Number.NaN })).toMatchObject({
      statusCode: 400,
      reason: "checklist_incomplete",
    });
  });

  it("keeps an already normalised (and localised) error as it is", () => {
    const localised = { ...toHttpError({ code: "PT409", message: "stale_record" }), message: "此记录已被他人修改" };
    expect(toHttpError(localised)).toBe(localised);
  });

  it("explains Storage refusals: too large and wrong type", () => {
    expect(toHttpError({ statusCode: "413", code: "EntityTooLarge", message: "The object exceeded the maximum allowed size", status: 413 }).i18nKey).toBe(
      "errors.fileTooLarge",
    );
    expect(toHttpError({ statusCode: "415", code: "InvalidMimeType", message: "mime type x is not supported", status: 415 }).i18nKey).toBe(
      "errors.fileTypeNotAllowed",
    );
  });
});

describe("asciiFileName", () => {
  it("keeps ASCII parts and the extension, never returns an empty name", () => {
    expect(asciiFileName("证件照.PNG")).toBe("file.png");
    expect(asciiFileName("身份证 正面(1).jpg")).toBe("1.jpg");
    expect(asciiFileName("report 2026-11.pdf")).toBe("report_2026-11.pdf");
    expect(asciiFileName(".bashrc")).toBe("bashrc");
    expect(asciiFileName("无扩展名")).toBe("file");
  });
});
