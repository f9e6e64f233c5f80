/** Zod schemas shared by stock commands: the boundary where payloads become typed values. */
import { z } from 'zod';

export const stateCode = z.string().regex(/^[A-Z]{2}$/, 'a state is an ISO 3166-1 alpha-2 code such as FI');
export const uuid = z.uuid();
export const text = (max = 500) => z.string().min(1).max(max);
/** A count of whole mines: positive integers only. */
export const quantity = z
  .number()
  .positive('a quantity is more than zero')
  .max(10_000_000)
  // A refinement rather than .int(): Zod reports .int() as a type error without the input.
  .refine((n) => Number.isInteger(n), {
    error: 'a quantity is a whole number of items',
    params: { code: 'VALIDATION_RANGE' },
  });
export const yearMonth = z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'a production month is YYYY-MM');

export const place = z.object({ facilityId: uuid, locationId: z.string().min(1).max(64) }).strict();
export type Place = z.infer<typeof place>;
export const transit = z.object({ transit: z.literal(true) }).strict();
export const retainedBy = z.object({ retainedBy: uuid }).strict();
/** Where a movement draws from or delivers to, other than the special accounts its kind implies. */
export const endpoint = z.union([place, transit, retainedBy]);
export type Endpoint = z.infer<typeof endpoint>;
