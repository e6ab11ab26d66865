// Cart limits the browser needs too. Kept apart from cart.ts, whose zod
// schemas would otherwise ship to every page (zod is ~90 KB gzipped).
export const MAX_QUANTITY_PER_LINE = 10;
