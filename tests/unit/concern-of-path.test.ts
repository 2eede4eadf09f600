import { describe, expect, it } from "vitest";
import { concernOfPath } from "@/pages/designer/concernOfPath";

describe("concernOfPath", () => {
  it("sends each error to the page where it is fixed", () => {
    expect(concernOfPath("fields[3].options")).toBe("form");
    expect(concernOfPath("rules[0].require.all[1].value")).toBe("form");
    expect(concernOfPath("list.columns[2]")).toBe("list");
    expect(concernOfPath("workflow.transitions[1].to")).toBe("workflow");
    expect(concernOfPath("permissions")).toBe("permissions");
    expect(concernOfPath("dashboard.widgets[0].groupBy")).toBe("dashboard");
    expect(concernOfPath("purpose")).toBe("basics");
    expect(concernOfPath("")).toBe("basics");
  });
});
