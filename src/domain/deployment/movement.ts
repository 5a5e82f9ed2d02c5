// Movement records: what actually moved. Each is one load of one ULN over one arc, with the day it
// left and, once reported, the day it arrived. Re-planning starts from them: what has moved stays
// as it moved, and only the rest is planned again.
import { z } from 'zod';
import { cDaySchema, nationIdSchema, personnelSchema, tonnesSchema, type Brand } from '../ids.ts';
import { marking, provenance, text } from '../schema-parts.ts';
import { ulnSchema } from './force-list.ts';
import { arcIdSchema } from './network.ts';

export type MovementId = Brand<string, 'MovementId'>;
export const movementIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .transform((s) => s as MovementId);

export const movementRecordSchema = z
  .strictObject({
    id: movementIdSchema,
    uln: ulnSchema,
    /** The ULN's nation: the record belongs to it, as the ULN does. */
    nation: nationIdSchema,
    arc: arcIdSchema,
    /** C-day the load left the arc's tail. */
    departDay: cDaySchema,
    /** C-day it arrived at the arc's head; absent while it is reported in transit. */
    arriveDay: cDaySchema.optional(),
    personnel: personnelSchema,
    tonnes: tonnesSchema,
    note: text(1000).optional(),
    ...provenance,
    ...marking,
  })
  .superRefine((m, ctx) => {
    if (!m.uln.startsWith(`${m.nation}-`))
      ctx.addIssue({
        code: 'custom',
        path: ['nation'],
        message: `must be the ULN's nation (${m.uln.slice(0, 3)})`,
      });
    if (m.arriveDay !== undefined && m.arriveDay < m.departDay)
      ctx.addIssue({ code: 'custom', path: ['arriveDay'], message: 'must not be before departDay' });
    if (m.personnel + m.tonnes <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['personnel'],
        message: 'a load must carry some personnel or tonnes',
      });
  });
export type MovementRecord = z.output<typeof movementRecordSchema>;
