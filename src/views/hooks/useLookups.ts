import { useMany } from "@refinedev/core";
import { useMemo } from "react";
import { getFieldType, type FieldLookups } from "@/field-types";
import type { ServiceDefinition } from "@/services/schema";
import { attachmentUrl } from "@/data/attachmentStorage";
import { useOrgUnits } from "./useOrgUnits";
import { useUnitLabel } from "./useUnitLabel";
import type { TableRow } from "@/data/rows";

type ProfileName = Pick<TableRow<"profiles">, "id" | "display_name">;
type ResidentName = Pick<TableRow<"residents">, "id" | "name">;

export interface ViewLookups extends FieldLookups {
  orgUnitName(id: string): string | undefined;
  /** The record's unit with its ancestors below the reader's top unit (「吉凤街道 / 牯牛坪社区 / 第一网格」). */
  orgUnitLabel(id: string): string | undefined;
  userName(id: string): string | undefined;
  fileUrl(path: string): Promise<string>;
}

/**
 * Synchronous names for cells, from caches the page already holds: the org tree, and the
 * profiles of the people named on the page (`userIds`: assignees, actors, user fields).
 * A profile outside the reader's scope stays unnamed (RLS), and the cell shows the id.
 * `residentIds`: the people resident fields name on the page, read in one request (names only);
 * a person the reader may not read (RLS) is said to be hidden (residentHidden), never named.
 */
export function useLookups(userIds: readonly string[], residentIds: readonly string[] = []): ViewLookups & { isLoading: boolean } {
  const units = useOrgUnits();
  const orgUnitLabel = useUnitLabel();
  const ids = useMemo(() => [...new Set(userIds)].sort(), [userIds]);
  const { result, query } = useMany<ProfileName>({
    resource: "profiles",
    ids,
    meta: { select: "id,display_name" },
    queryOptions: { enabled: ids.length > 0, staleTime: 5 * 60_000 },
  });
  const names = useMemo(() => new Map((result.data ?? []).map((p) => [p.id, p.display_name])), [result.data]);
  const people = useMemo(() => [...new Set(residentIds)].sort(), [residentIds]);
  const { result: residents, query: residentQuery } = useMany<ResidentName>({
    resource: "residents",
    ids: people,
    meta: { select: "id,name" },
    queryOptions: { enabled: people.length > 0, staleTime: 60_000 },
  });
  const residentNames = useMemo(() => new Map((residents.data ?? []).map((p) => [p.id, p.name])), [residents.data]);
  const residentsRead = people.length > 0 && residentQuery.isSuccess;
  return useMemo(
    () => ({
      orgUnitName: (id: string) => units.byId.get(id)?.name,
      orgUnitLabel,
      userName: (id: string) => names.get(id),
      residentName: (id: string) => residentNames.get(id),
      residentHidden: (id: string) => residentsRead && !residentNames.has(id),
      fileUrl: attachmentUrl,
      isLoading: units.isLoading || (ids.length > 0 && query.isLoading),
    }),
    [units, orgUnitLabel, names, residentNames, residentsRead, ids.length, query.isLoading],
  );
}

/** The fields whose answers are user ids (their type's lookup), to fetch the names of. */
export function userFieldKeys(definition: ServiceDefinition): string[] {
  return definition.fields.filter((field) => getFieldType(definition.key, field.key, field.type).lookup === "user").map((field) => field.key);
}

/** User ids a definition's user fields and the system columns name in these records. */
export function userIdsIn(rows: readonly { assignee?: string | null; data?: Record<string, unknown> }[], userFieldKeys: readonly string[]): string[] {
  const ids: string[] = [];
  for (const row of rows) {
    if (row.assignee) ids.push(row.assignee);
    for (const key of userFieldKeys) {
      const value = row.data?.[key];
      if (typeof value === "string" && value !== "") ids.push(value);
    }
  }
  return ids;
}

/** The fields whose answers are people of the registry (their type's lookup), to fetch the names of. */
export function residentFieldKeys(definition: ServiceDefinition): string[] {
  return definition.fields.filter((field) => getFieldType(definition.key, field.key, field.type).lookup === "resident").map((field) => field.key);
}

/** Resident ids these records' resident fields name. */
export function residentIdsIn(rows: readonly { data?: Record<string, unknown> }[], residentFieldKeys: readonly string[]): string[] {
  return rows.flatMap((row) => residentFieldKeys.map((key) => row.data?.[key]).filter((value): value is string => typeof value === "string" && value !== ""));
}
