import type { zhCN } from "./zh-CN";

/** The dictionary shape every locale must match exactly (zh-CN is the source of truth). */
export type Messages = typeof zhCN;

/** Every dotted path to a string leaf, e.g. "org_units.levels.grid". */
type LeafPaths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${LeafPaths<T[K]>}`;
}[keyof T & string];

export type TranslationKey = LeafPaths<Messages>;

/** Values substituted into {{name}} placeholders. */
export type TranslationParams = Record<string, string | number>;
