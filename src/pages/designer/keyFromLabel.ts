// Field, state and transition keys come from their Chinese labels (联系电话 → lian_xi_dian_hua), so
// an admin never types one. A key is frozen once published: renaming the label later changes the
// label only, never the key the records' answers are stored under.
import { pinyin } from "pinyin-pro";

const MAX_KEY_LENGTH = 40;

/** A key in the definition language's shape (^[a-z][a-z0-9_]*$, ≤ 40), not in `taken`. */
export function keyFromLabel(label: string, taken: Iterable<string>, fallback = "field"): string {
  const syllables = pinyin(label, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
  const words = syllables
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, "_"))
    .join("_")
    .split("_")
    .filter(Boolean);
  let base = words.join("_").slice(0, MAX_KEY_LENGTH).replace(/_+$/, "");
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}_${base}`.slice(0, MAX_KEY_LENGTH) : fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, MAX_KEY_LENGTH - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}
