// What a person types as a phone number → GoTrue's stored form (E.164 digits without "+").
// The one canonicalisation the SPA and the database share: private.canonical_phone is the same
// rule in SQL, and tests/shared/phone-canonical.json is the corpus both are tested against.
// A bare 11-digit number starting with 1 is a mainland mobile (+86); any other country needs "+"
// or "00". Full-width digits and "＋" from a Chinese IME count (NFKC).
//
// Hosted GoTrue itself has no default country: "13939257541" sent as is would be the US number
// +1 393 925 7541. So the SPA always sends e164Phone(...), never what was typed.

export function canonicalPhone(input: string): string | undefined {
  let digits = input
    .normalize("NFKC")
    .trim()
    .replace(/[\s\-()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  else if (/^1\d{10}$/.test(digits)) digits = `86${digits}`;
  return /^[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

/** "+8613800000001" for GoTrue's phone fields, or undefined when not a phone number. */
export function e164Phone(input: string): string | undefined {
  const canonical = canonicalPhone(input);
  return canonical ? `+${canonical}` : undefined;
}

/**
 * What GoTrue's password sign-in and sign-up take: anything with an "@" is an e-mail; a phone
 * number goes in E.164 ("+86…" for an 11-digit mobile), since hosted GoTrue reads bare digits as
 * E.164 and would miss the account.
 */
export function credentialsFor(identifier: string): { phone: string } | { email: string } {
  const phone = identifier.includes("@") ? undefined : e164Phone(identifier);
  return phone ? { phone } : { email: identifier.trim() };
}
