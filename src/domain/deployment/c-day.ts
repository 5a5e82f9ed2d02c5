// C-days as people read them: "C+12", and beside it the calendar date once the scenario's mission has
// a C-day (`mission.cDay`), "C+12 (14 Apr 2025)". The one place where a C-day offset becomes a date,
// so the CLI, the plan report and the web pages cannot disagree by a day. Dates are computed in UTC
// on the ISO text: no time zone can move a day across midnight.
import type { IsoDate } from '../ids.ts';

const MS_PER_DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The calendar date `day` days after (or, negative, before) C-day `cDay`. */
export function cDayToDate(cDay: IsoDate, day: number): IsoDate {
  if (!Number.isInteger(day)) throw new RangeError(`a C-day offset is a whole number of days, not ${day}`);
  const start = Date.parse(`${cDay}T00:00:00Z`);
  if (Number.isNaN(start)) throw new RangeError(`C-day "${cDay}" is not a date written YYYY-MM-DD`);
  return new Date(start + day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

/** "14 Apr 2025": day, English month abbreviation and year, the same in every locale. */
export function formatIsoDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** "C+12", "C-3", "C+0": the sign always written, so a day before C-day never reads as a count. */
export function formatCDayOffset(day: number): string {
  return day < 0 ? `C-${-day}` : `C+${day}`;
}

/** "C+12 (14 Apr 2025)" when C-day is set, else "C+12". */
export function formatCDay(day: number, cDay?: IsoDate | string | null): string {
  const offset = formatCDayOffset(day);
  return cDay ? `${offset} (${formatIsoDate(cDayToDate(cDay as IsoDate, day))})` : offset;
}
