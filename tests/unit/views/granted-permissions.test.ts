// Buttons and menus follow the grants table, not the definition's defaults.
import { describe, expect, it } from "vitest";
import { withGrants } from "@/views/hooks/withGrants";
import { mayDo } from "@/views/shared/servicePermissions";
import { template } from "./templates";

describe("withGrants", () => {
  it("replaces the definition permissions with the granted ones", () => {
    const definition = template("grid_event");
    expect(mayDo(definition, ["grid_worker"], "read")).toBe(true);
    const parsed = withGrants({ ok: true, definition }, { staff: ["read"] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(mayDo(parsed.definition, ["grid_worker"], "read")).toBe(false);
    expect(mayDo(parsed.definition, ["staff"], "read")).toBe(true);
    expect(mayDo(parsed.definition, ["staff"], "export")).toBe(false);
  });

  it("leaves a broken definition as it is", () => {
    const broken = { ok: false as const, errors: [] };
    expect(withGrants(broken, { staff: ["read"] })).toBe(broken);
  });
});
