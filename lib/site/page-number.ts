// Page numbers of lists, as the pagination links write them: digits without a leading zero. "0",
// "-1", "abc", "2.5" and "01" are refused; six digits are far more pages than any list has.
export const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;

/** The page number in `value`, or null when it is not one. */
export function parsePageNumber(value: string): number | null {
  return PAGE_NUMBER.test(value) ? Number(value) : null;
}
