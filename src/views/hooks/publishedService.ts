import type { ParseResult, ServiceDefinition } from "@/services/schema";

/** A published service with its current definition, parsed where it entered the app. */
export interface PublishedService {
  id: string;
  key: string;
  name: string;
  category: string;
  icon: string;
  currentVersion: number;
  /** field key → the records column with a typed, indexed copy of it (services.indexed_fields), which lists filter and sort on */
  indexedFields: Readonly<Record<string, string>>;
  /** role → actions, from service_role_grants; also merged into `parsed.definition.permissions`. */
  grants: ServiceDefinition["permissions"];
  parsed: ParseResult;
}
