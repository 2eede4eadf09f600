// Whether the list's search box holds a full ID number or phone, which the database can find
// exactly (search_records_by_value, through its blind index) — the same shapes as
// private.blind_value: 18 characters of an ID number, a mainland mobile (optionally +86) or a
// landline with its leading 0. Spaces, hyphens and full-width digits typed at a counter are fine.
export function exactSearchValue(text: string): string | null {
  const cleaned = text
    .normalize("NFKC")
    .replace(/[\s()-]/g, "")
    .toUpperCase();
  if (/^\d{17}[\dX]$/.test(cleaned)) return cleaned;
  if (/^(\+?86|0086)?1\d{10}$/.test(cleaned) || /^0\d{9,11}$/.test(cleaned)) return cleaned;
  return null;
}
