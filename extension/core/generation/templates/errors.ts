/** A spec that cannot be rendered; the message says which field is wrong and how to fix it. */
export class SpecError extends Error {
  override name = 'SpecError';
}
