/** A response or weight that the family cannot model (bad data, not a bug). */
export class FamilyError extends Error {
  override name = "FamilyError";
}
