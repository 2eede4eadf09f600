import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { MessageParams, ValidationCode } from '../services/validation-codes';
import type { FilterOperator } from './operators';

export type Language = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}

/** The JSON type a value of this field has inside `records.data`. */
export type StorageKind = 'string' | 'number' | 'boolean' | 'string[]' | 'file[]' | 'row[]';

/** What every field (and every sub_table column) has, whatever its type. */
export interface FieldLike {
  key: string;
  label: string;
  label_en?: string;
  type: string;
  required?: boolean;
  help?: string;
  help_en?: string;
}

/** A field together with its type's options, as validated by that type's configSchema. */
export type FieldOf<C extends z.ZodObject> = FieldLike & z.output<C>;

export interface FieldIssue {
  code: ValidationCode;
  message_zh: string;
  message_en: string;
  /** Where inside the value the issue is, e.g. `[1].id_number` for a sub_table row cell. */
  subPath?: string;
  params?: MessageParams;
}

export interface ValidationContext {
  /** "Today" for rules such as date max "today"; injected so validation stays pure. */
  now: Date;
}

/** A file already stored in Storage; the only shape attachment and image values hold. */
export interface StoredFile {
  path: string;
  name: string;
  size: number;
  mime: string;
}

export interface OrgUnitOption {
  id: string;
  name: string;
  parentId: string | null;
  level?: string;
}

export interface UserOption {
  id: string;
  name: string;
  description?: string;
}

/**
 * Server access injected by the view so field types never import supabase:
 * the registry stays pure and testable, and the data layer stays in lib/.
 */
export interface FieldLoaders {
  loadOrgUnits(): Promise<OrgUnitOption[]>;
  searchUsers(query: string): Promise<UserOption[]>;
  uploadFile(file: File): Promise<StoredFile>;
  fileUrl(path: string): Promise<string>;
}

/** Synchronous name lookups for cells, filled from caches the view already holds. */
export interface FieldLookups {
  orgUnitName?(id: string): string | undefined;
  userName?(id: string): string | undefined;
  fileUrl?(path: string): Promise<string>;
}

/** What react-hook-form's Controller render gives us, plus the field and its loaders. */
export interface FieldInputProps<F extends FieldLike = FieldLike> {
  field: F;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  disabled?: boolean;
  status?: 'error' | 'warning';
  id?: string;
  language?: Language;
  loaders: FieldLoaders;
}

export interface FieldCellProps<F extends FieldLike = FieldLike> {
  field: F;
  value: unknown;
  language?: Language;
  /** a list row wants one short line; the detail page can show everything */
  variant?: 'list' | 'detail';
  lookups?: FieldLookups;
}

export interface FieldTypeDefinition<C extends z.ZodObject = z.ZodObject> {
  key: string;
  label: Bilingual;
  /** Name of an @ant-design/icons icon for the designer palette. */
  icon: string;
  storage: StorageKind;
  /** Options of this type, flat on the field next to the common keys; strict. */
  configSchema: C;
  filterOperators: readonly FilterOperator[];
}

export interface FieldType<C extends z.ZodObject = z.ZodObject> extends FieldTypeDefinition<C> {
  /** Type rules for a non-empty value; `required` is decided by validate-record. */
  validate(field: FieldOf<C>, value: unknown, context: ValidationContext): FieldIssue | null;
  Input: ComponentType<FieldInputProps<FieldOf<C>>>;
  Cell: ComponentType<FieldCellProps<FieldOf<C>>>;
}

/**
 * The registry's shape check. `never` in the input positions accepts every specific field
 * type (their props are narrower) while still requiring each part to exist.
 */
export interface RegisteredFieldType extends FieldTypeDefinition {
  validate(field: never, value: unknown, context: ValidationContext): FieldIssue | null;
  Input: ComponentType<never>;
  Cell: ComponentType<never>;
}

export type FieldTypeRegistry = Readonly<Record<string, RegisteredFieldType>>;
