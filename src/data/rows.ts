// Row types from the generated database types, for the screens' Refine hooks (useList<…>,
// useTable<…>): `Pick<TableRow<"services">, "id" | "name">` instead of a hand-written shape.
// The row types that lib/ and field-types/ must know too (Member, Invitation, Role, OrgUnit in
// lib/domain) stay written there, since those layers cannot import data; RowTypesMatchDatabase
// below fails the build when one of them names a column the database lacks or widens its type.
import type { Invitation, Member, Role } from "@/lib/domain/access";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { Database } from "./database.types";

type Schema = Database["public"];

export type TableRow<Name extends keyof Schema["Tables"]> = Schema["Tables"][Name]["Row"];
export type ViewRow<Name extends keyof Schema["Views"]> = Schema["Views"][Name]["Row"];

/** true when every column of Hand is a column of Generated, with the same or a narrower type. */
type Narrows<Hand, Generated> = [keyof Hand] extends [keyof Generated]
  ? [Hand] extends [Pick<Generated, keyof Hand & keyof Generated>]
    ? true
    : false
  : false;

type All<Checks extends true[]> = Checks;

export type RowTypesMatchDatabase = All<
  [Narrows<Member, ViewRow<"members">>, Narrows<Invitation, TableRow<"invitations">>, Narrows<Role, TableRow<"roles">>, Narrows<OrgUnit, TableRow<"org_units">>]
>;
