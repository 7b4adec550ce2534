// Dates in front matter are written by people: a calendar date ("2025-07-03") or a date and time
// ("2025-07-03 14:30", "2025-07-03T14:30:00+01:00"). Without an offset they are read in the
// newsroom's time zone, so "2025-07-03" means midnight where the newsroom is, not in UTC.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const DATE_EXPECTED =
  'a real date such as 2025-07-03, or a date and time such as 2025-07-03T14:30 or 2025-07-03T14:30:00Z';

/** Whether the editor wrote a calendar date alone ("2025-07-03"), so no time of day is known. */
export function isDateOnly(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

export function parseEditorDate(text: string, timeZone: string): Date | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', offset] = match;
  const parts = [y, mo, d, h, mi, s, ms.padEnd(3, '0')].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [year, month, day, hour, minute, second, millisecond] = parts;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(wallClock);
  // Date.UTC rolls 2025-02-30 over to 2 March: an impossible date shows up as a different day.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  if (offset === 'Z') return check;
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    return new Date(wallClock - sign * (oh * 60 + om) * 60_000);
  }
  return new Date(wallClock - zoneOffsetMs(wallClock - zoneOffsetMs(wallClock, timeZone), timeZone));
}

// Building a formatter costs far more than using one, and a big import reads thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's wall clock is ahead of UTC at the given instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The date as an editor writes it, in the newsroom's time zone: what `new:article` puts in a file. */
export function formatEditorDate(date: Date, timeZone: string): string {
  // Built once per zone, as above: the content lint calls this for every article with corrections.
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(date);
}
