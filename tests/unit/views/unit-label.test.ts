import { describe, expect, it } from "vitest";
import { fieldText } from "@/views/shared/fieldText";
import { scopeRootOf, unitLabel } from "@/views/shared/unitLabel";
import { template } from "./templates";

// 湘西州 > 吉首市 > 吉凤街道 > 牯牛坪社区 > 第一网格, and a second community with a grid of the same name
const tree = [
  { id: "pref", name: "湘西州", parent: null },
  { id: "city", name: "吉首市", parent: "pref" },
  { id: "street", name: "吉凤街道", parent: "city" },
  { id: "gnp", name: "牯牛坪社区", parent: "street" },
  { id: "gnp-1", name: "第一网格", parent: "gnp" },
  { id: "other", name: "光明社区", parent: "street" },
  { id: "other-1", name: "第一网格", parent: "other" },
  { id: "city2", name: "凤凰县", parent: "pref" },
  { id: "city2-street", name: "沱江街道", parent: "city2" },
];
const pathOf = (id: string): string => {
  const unit = tree.find((u) => u.id === id)!;
  return unit.parent ? `${pathOf(unit.parent)}.${id}` : id;
};
const byId = new Map(tree.map((u) => [u.id, { id: u.id, name: u.name, path: pathOf(u.id) }]));
const label = (unit: string, memberships: string[]) => unitLabel(unit, byId, scopeRootOf(memberships, byId));

describe("unitLabel", () => {
  it("names a grid with its street and community for a city leader, without the city itself", () => {
    expect(label("gnp-1", ["city"])).toBe("吉凤街道 / 牯牛坪社区 / 第一网格");
    expect(label("gnp-1", ["pref"])).toBe("吉首市 / 吉凤街道 / 牯牛坪社区 / 第一网格");
  });

  it("names a grid by its community for a street's staff, and by itself for the community's", () => {
    expect(label("gnp-1", ["street"])).toBe("牯牛坪社区 / 第一网格");
    expect(label("other-1", ["street"])).toBe("光明社区 / 第一网格");
    expect(label("gnp-1", ["gnp"])).toBe("第一网格");
  });

  it("names the reader's own unit by its name, not by nothing", () => {
    expect(label("gnp", ["gnp"])).toBe("牯牛坪社区");
    expect(label("pref", ["pref"])).toBe("湘西州");
  });

  it("keeps two communities' grids apart for someone who works in both", () => {
    expect(scopeRootOf(["gnp", "other"], byId)).toBe("street");
    expect(label("gnp-1", ["gnp", "other"])).toBe("牯牛坪社区 / 第一网格");
    expect(label("other-1", ["other", "gnp"])).toBe("光明社区 / 第一网格");
  });

  it("takes the top one of nested memberships", () => {
    expect(scopeRootOf(["gnp", "street", "gnp-1"], byId)).toBe("street");
    expect(label("gnp-1", ["gnp-1", "street"])).toBe("牯牛坪社区 / 第一网格");
  });

  it("names a unit outside the reader's subtree from where the branches part, and one above it by its name", () => {
    expect(label("other-1", ["gnp"])).toBe("光明社区 / 第一网格");
    expect(label("city2-street", ["gnp"])).toBe("凤凰县 / 沱江街道");
    expect(label("street", ["gnp"])).toBe("吉凤街道");
    expect(label("pref", ["gnp-1"])).toBe("湘西州");
  });

  it("names everything from the top without memberships, and nothing for an unknown unit", () => {
    expect(scopeRootOf([], byId)).toBeNull();
    expect(scopeRootOf(["missing"], byId)).toBeNull();
    expect(label("gnp-1", [])).toBe("湘西州 / 吉首市 / 吉凤街道 / 牯牛坪社区 / 第一网格");
    expect(label("missing", ["city"])).toBeUndefined();
  });
});

describe("a unit answer's text (export, history, task summaries)", () => {
  const grid = template("grid_event").fields.find((f) => f.key === "grid")!;

  it("is the reader's label where the view gives one, else the unit's name, else the id", () => {
    const orgUnitName = (id: string) => byId.get(id)?.name;
    const orgUnitLabel = (id: string) => label(id, ["street"]);
    expect(fieldText("grid_event", grid, "gnp-1", "zh", { orgUnitName, orgUnitLabel, userName: () => undefined })).toBe("牯牛坪社区 / 第一网格");
    expect(fieldText("grid_event", grid, "gnp-1", "zh", { orgUnitName, userName: () => undefined })).toBe("第一网格");
    expect(fieldText("grid_event", grid, "missing", "zh", { orgUnitName, orgUnitLabel, userName: () => undefined })).toBe("missing");
  });
});
