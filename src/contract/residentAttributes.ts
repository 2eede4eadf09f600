/**
 * The resident registry's attributes a service field may hold (`prefillFrom`), with the field
 * types that can hold each. One mapping serves both directions: the `resident` field type fills
 * the field from the person, and the database registers or finds the person from a record's
 * answers (private.resident_link_fields, private.link_records_to_residents). Sex and age are not
 * here: a form derives them from the ID number (`derive`). Coded attributes take the national
 * codes as option values (GB/T 3304, 4762, 2261.2; public.resident_codes). The database's twin
 * is in private.check_derived_fields.
 */
export const residentAttributeTypes = {
  name: ["text"],
  id_number: ["id_number"],
  phone: ["phone"],
  address: ["text", "textarea"],
  ethnicity: ["select"],
  political_status: ["select"],
  marital_status: ["select"],
  grid: ["org_unit"],
  /** 户籍地: GB/T 2260 county code (6 digits) or a 12-digit township/village code */
  hukou_region: ["text"],
  /** 户籍地址 */
  hukou_address: ["text", "textarea"],
  /**
   * Derived, not stored: whether the 户籍 lies in the county of the person's grid (本地户籍;
   * private.hukou_is_local). Pre-filled when it can be told; the database fills it where the
   * form sent nothing.
   */
  hukou_local: ["boolean"],
} as const satisfies Record<string, readonly string[]>;

export type ResidentAttribute = keyof typeof residentAttributeTypes;

export const residentAttributes = Object.keys(residentAttributeTypes) as [ResidentAttribute, ...ResidentAttribute[]];

/** Whether a field of this type can hold the registry attribute. */
export function fitsResidentAttribute(attribute: ResidentAttribute, fieldType: string): boolean {
  return (residentAttributeTypes[attribute] as readonly string[]).includes(fieldType);
}
