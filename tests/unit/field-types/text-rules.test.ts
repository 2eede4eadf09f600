import { describe, expect, it } from "vitest";
import { fieldIssueMessage } from "@/contract";
import { validateText } from "@/field-types/text/validate";

const field = { key: "bank_card_no", label: "银行卡号", type: "text", pattern: "^\\d{16,19}$" };

/** Validators return codes (and the definition's wording); the words are rendered in one place. */
const rendered = (issue: ReturnType<typeof validateText>) => (issue ? { code: issue.code, ...fieldIssueMessage(issue) } : null);

describe("text pattern messages", () => {
  it("uses the generic message without a custom one", () => {
    expect(rendered(validateText(field, "123"))).toMatchObject({ code: "pattern", message_zh: "格式不正确" });
  });
  it("uses the definition wording, keeping the stable code", () => {
    const worded = { ...field, pattern_message: "银行卡号应为 16–19 位数字", pattern_message_en: "A bank card number has 16 to 19 digits" };
    expect(rendered(validateText(worded, "123"))).toEqual({
      code: "pattern",
      message_zh: "银行卡号应为 16–19 位数字",
      message_en: "A bank card number has 16 to 19 digits",
    });
    expect(validateText(worded, "6222021234567890123")).toBeNull();
  });
});
