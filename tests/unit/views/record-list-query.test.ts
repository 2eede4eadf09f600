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
      { field: "id", order: "desc" },
    ]);
  });

  it("ends with id in the first sorter's direction, ascending when nothing else sorts", () => {
    expect(toRecordSorters(elderly, [{ field: "created_at", order: "asc" }]).at(-1)).toEqual({ field: "id", order: "asc" });
    expect(toRecordSorters(elderly, [{ field: "nope", order: "desc" }])).toEqual([{ field: "id", order: "asc" }]);
  });
});

describe("fields the service indexes (services.indexed_fields) are read from their typed column", () => {
  const withAge = { ...elderly, list: { ...elderly.list, filterable: [...elderly.list.filterable, "age"] } };
  const indexed = { benefit_type: "idx_text_2", age: "idx_num_1", hukou_local: "idx_text_3" };

  it("filters on the column: text, numbers, booleans, ranges and emptiness", () => {
    expect(toRecordFilters(withAge, [{ field: "benefit_type", operator: "in", value: ["card"] }], undefined, indexed)).toEqual([
      { field: "idx_text_2", operator: "in", value: ["card"] },
    ]);
    expect(toRecordFilters(withAge, [{ field: "age", operator: "between", value: ["60", "80"] }], undefined, indexed)).toEqual([
      { field: "idx_num_1", operator: "gte", value: 60 },
      { field: "idx_num_1", operator: "lte", value: 80 },
    ]);
    expect(toRecordFilters(withAge, [{ field: "hukou_local", operator: "eq", value: false }], undefined, indexed)).toEqual([
      { field: "idx_text_3", operator: "eq", value: "false" },
    ]);
  });

  it("sorts on the column, ties by unit then id (that column's index order); fields without one stay in data", () => {
    expect(
      toRecordSorters(
        elderly,
        [
          { field: "age", order: "asc" },
          { field: "applicant_name", order: "asc" },
        ],
        indexed,
      ),
    ).toEqual([
      { field: "idx_num_1", order: "asc" },
      { field: "data->applicant_name", order: "asc" },
      { field: "org_unit_id", order: "asc" },
      { field: "id", order: "asc" },
    ]);
  });
});
