import type { CrudFilter } from "@refinedev/core";
import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { keywordField, likeLiteral, quotedValue, toRecordFilters, toRecordSorters } from "@/views/list/recordListQuery";
import { template } from "./templates";

const elderly = template("elderly_benefit");
const grid = template("grid_event");

describe("toRecordFilters: list state on field keys → PostgREST filters", () => {
  it("filters text answers as data->>key and system columns directly", () => {
    expect(
      toRecordFilters(elderly, [
        { field: "benefit_type", operator: "eq", value: "card" },
        { field: "status", operator: "in", value: ["submitted", "accepted"] },
        { field: "grid", operator: "null", value: null },
      ]),
    ).toEqual([
      { field: "data->>benefit_type", operator: "eq", value: "card" },
      { field: "status", operator: "in", value: ["submitted", "accepted"] },
      { field: "data->>grid", operator: "null", value: null },
    ]);
  });

  it("compares booleans as the text JSON gives them", () => {
    expect(toRecordFilters(elderly, [{ field: "hukou_local", operator: "eq", value: false }])).toEqual([
      { field: "data->>hukou_local", operator: "eq", value: "false" },
    ]);
  });

  it("turns a calendar day on a timestamp column into the instants that bound it", () => {
    const [from, to] = toRecordFilters(elderly, [{ field: "created_at", operator: "between", value: ["2026-11-01", "2026-11-30"] }]);
    expect(from).toEqual({ field: "created_at", operator: "gte", value: dayjs("2026-11-01").startOf("day").toISOString() });
    expect(to).toEqual({ field: "created_at", operator: "lte", value: dayjs("2026-11-30").endOf("day").toISOString() });
  });

  it("drops what the definition does not allow: unknown columns, unfilterable fields, foreign operators", () => {
    const filters: CrudFilter[] = [
      { field: "nonexistent", operator: "eq", value: "x" },
      { field: "applicant_name", operator: "eq", value: "x" }, // not in list.filterable
      { field: "benefit_type", operator: "contains", value: "x" }, // choice fields have no "contains"
      { field: "status", operator: "eq", value: "" },
    ];
    expect(toRecordFilters(elderly, filters)).toEqual([]);
  });

  it("searches the keyword in every searchable field, escaped for LIKE and for the or=() syntax", () => {
    expect(toRecordFilters(grid, [{ field: keywordField, operator: "contains", value: ' 5"栋_% ' }])).toEqual([
      {
        operator: "or",
        value: ["title", "description", "address"].map((key) => ({
          field: `data->>${key}`,
          operator: "contains",
          value: '5\\"栋\\\\_\\\\%',
        })),
      },
    ]);
    expect(toRecordFilters(grid, [{ field: keywordField, operator: "contains", value: "   " }])).toEqual([]);
  });

  it("escapes LIKE wildcards and PostgREST quotes", () => {
    expect(likeLiteral("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    expect(quotedValue('say "hi" \\')).toBe('say \\"hi\\" \\\\');
  });
});

describe("numeric answers compare as numbers", () => {
  const withAge = { ...elderly, list: { ...elderly.list, filterable: [...elderly.list.filterable, "age"] } };

  it("uses data->key (jsonb) and coerces URL strings", () => {
    expect(toRecordFilters(withAge, [{ field: "age", operator: "gte", value: "80" }])).toEqual([{ field: "data->age", operator: "gte", value: 80 }]);
    expect(toRecordFilters(withAge, [{ field: "age", operator: "between", value: ["60", ""] }])).toEqual([{ field: "data->age", operator: "gte", value: 60 }]);
    expect(toRecordFilters(withAge, [{ field: "age", operator: "eq", value: "abc" }])).toEqual([]);
  });
});

describe("toRecordSorters", () => {
  it("orders answers by their jsonb value and system columns directly", () => {
    expect(
      toRecordSorters(elderly, [
        { field: "age", order: "desc" },
        { field: "created_at", order: "asc" },
        { field: "nope", order: "asc" },
      ]),
    ).toEqual([
      { field: "data->age", order: "desc" },
      { field: "created_at", order: "asc" },
    ]);
  });
});
