import type { ComponentType } from "react";
import type { z } from "zod";
import type { Bilingual, FieldIssue, FieldLike, Language, ValidationContext } from "@/contract";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { FilterOperator } from "./operators";
import type { ResidentQuery } from "./resident/residentQuery";

// Shapes field types share with services/ and the views live in the contract.
export type { Bilingual, FieldIssue, FieldLike, Language, ValidationContext } from "@/contract";

/** The JSON type a value of this field has inside `records.data`. */
export type StorageKind = "string" | "number" | "boolean" | "string[]" | "file[]" | "row[]";

/** A field together with its type's options, as validated by that type's configSchema. */
export type FieldOf<C extends z.ZodObject> = FieldLike & z.output<C>;

/** A file already stored in Storage; the only shape attachment and image values hold. */
export interface StoredFile {
  path: string;
  name: string;
  size: number;
  mime: string;
}

/** The org units a picker offers: rows of `org_units`, the columns a tree needs. */
export type OrgUnitOption = Pick<OrgUnit, "id" | "name" | "parent_id" | "level">;

export interface UserOption {
  id: string;
  name: string;
  description?: string;
}

/** A person the resident picker offers: ID number and phone as the database masked them. */
export interface ResidentOption {
  id: string;
  name: string;
  idNumber: string;
  birthYear: number | null;
}

/** What the resident picker sends to register a person who is not in the registry yet. */
export interface NewResidentInput {
  name: string;
  idNumber: string;
  /** where they live: the grid the form names, or the one the user chose (residentGrids) */
  gridId?: string;
}

/** Where the picker may register a new person: the grid the form's grid field names (then no choice), else the user's grids. */
export interface ResidentGrids {
  fixed: OrgUnitOption | null;
  choices: OrgUnitOption[];
}

/** A registration answered with the person already registered under that ID number (and readable by the user), or a refusal's message. */
export type ResidentCreateOutcome = { ok: true; person: ResidentOption; existed: boolean } | { ok: false; message: string };

/**
 * Server access injected by the view so field types never import supabase:
 * the registry stays pure and testable, and the data layer stays in lib/.
 */
export interface FieldLoaders {
  loadOrgUnits(): Promise<OrgUnitOption[]>;
  searchUsers(query: string): Promise<UserOption[]>;
  uploadFile(file: File): Promise<StoredFile>;
  fileUrl(path: string): Promise<string>;
  /** The registry within the user's scope (absent where there is none to search, e.g. the designer's preview). */
  searchResidents?(query: ResidentQuery): Promise<ResidentOption[]>;
  /** the people these ids name that the user reads (an edit's saved answer needs its label) */
  residentsByIds?(ids: readonly string[]): Promise<ResidentOption[]>;
  createResident?(person: NewResidentInput): Promise<ResidentCreateOutcome>;
  residentGrids?(): Promise<ResidentGrids>;
}

/** Synchronous name lookups for cells, filled from caches the view already holds. */
export interface FieldLookups {
  orgUnitName?(id: string): string | undefined;
  /** A unit with its ancestors below the reader's top unit (「牯牛坪社区 / 第一网格」); preferred to the bare name where given. */
  orgUnitLabel?(id: string): string | undefined;
  userName?(id: string): string | undefined;
  residentName?(id: string): string | undefined;
  /** The page asked for the person and the reader may not read them (RLS): say so, name nobody. */
  residentHidden?(id: string): boolean;
  fileUrl?(path: string): Promise<string>;
}

/** What react-hook-form's Controller render gives us, plus the field and its loaders. */
export interface FieldInputProps<F extends FieldLike = FieldLike> {
  field: F;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  disabled?: boolean;
  status?: "error" | "warning";
  id?: string;
  language?: Language;
  loaders: FieldLoaders;
}

export interface FieldCellProps<F extends FieldLike = FieldLike> {
  field: F;
  value: unknown;
  language?: Language;
  /** a list row wants one short line; the detail page can show everything */
  variant?: "list" | "detail";
  lookups?: FieldLookups;
}

/**
 * How a sensitive answer is hidden (PIPL), as private.mask_answer does in the database and
 * mask.ts in the browser: ID-number and phone masks keep their usual visible parts, `generic`
 * keeps the first and last character, `whole` becomes "***" (a choice, a yes/no, a number, a list:
 * a partial mask of an option key would still name the option).
 */
export type MaskKind = "id_number" | "phone" | "generic" | "whole";

/** Which name lookup turns the stored id into words (cells, exports, history). */
export type LookupKind = "user" | "org_unit" | "resident";

/** An answer as a spreadsheet cell or a history line holds it. */
export type CellText = string | number | null;

export interface TextContext {
  language: Language;
  lookups?: FieldLookups;
}

export interface FieldTypeDefinition<C extends z.ZodObject = z.ZodObject> {
  key: string;
  label: Bilingual;
  /** Name of an @ant-design/icons icon for the designer palette. */
  icon: string;
  /** The JSON type of an answer in `records.data`. Views do not read it: they ask the parts below. */
  storage: StorageKind;
  /** Options of this type, flat on the field next to the common keys; strict. */
  configSchema: C;
  filterOperators: readonly FilterOperator[];
  /** A list can be ordered by it (files and rows have no meaningful order). */
  sortable: boolean;
  /** The list's keyword box may search it (ilike on the answer's text). */
  searchable: boolean;
  /** An answer is a list of values: the filter "in" then means "has any of". */
  multiple: boolean;
  /** An answer is stored files: the detail page shows them in the attachments card. */
  holdsFiles: boolean;
  /** The answer is an id that a lookup names, or null. */
  lookup: LookupKind | null;
  mask: MaskKind;
  /**
   * The SQL routines that know this type (validation, option checks, masking), as
   * "schema.name". Changing the type's rules means changing these too; README.md lists them.
   */
  sqlRoutines: readonly string[];
  /** A non-empty answer as text (or a number) for exports, history lines and search. */
  toText(field: FieldOf<C>, value: unknown, context: TextContext): CellText;
  /**
   * Text (a URL filter value, an imported cell) → an answer, or one element of it for
   * `multiple` types; undefined when the text does not read as one.
   */
  fromText(field: FieldOf<C>, text: string): unknown;
  /** The label of a part of an answer that an issue's sub-path names (a sub-table column), if it has parts. */
  partLabel(field: FieldOf<C>, part: string, language: Language): string | undefined;
}

export interface FieldType<C extends z.ZodObject = z.ZodObject> extends FieldTypeDefinition<C> {
  /** Type rules for a non-empty value; `required` is decided by validateRecord. */
  validate(field: FieldOf<C>, value: unknown, context: ValidationContext): FieldIssue | null;
  /** What derived values read (see FieldTypeRules in contract). */
  birthDate?(value: unknown): string | null;
  sex?(value: unknown): "male" | "female" | null;
  Input: ComponentType<FieldInputProps<FieldOf<C>>>;
  Cell: ComponentType<FieldCellProps<FieldOf<C>>>;
}

/**
 * The registry's shape check. `never` in the input positions accepts every specific field
 * type (their props are narrower) while still requiring each part to exist.
 */
export interface RegisteredFieldType extends Omit<FieldTypeDefinition, "toText" | "fromText" | "partLabel"> {
  validate(field: never, value: unknown, context: ValidationContext): FieldIssue | null;
  toText(field: never, value: unknown, context: TextContext): CellText;
  fromText(field: never, text: string): unknown;
  Input: ComponentType<never>;
  Cell: ComponentType<never>;
}

export type FieldTypeRegistry = Readonly<Record<string, RegisteredFieldType>>;
