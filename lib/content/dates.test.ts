import { describe, expect, it } from 'vitest';
import { isDateOnly, parseEditorDate } from './dates';

describe('parseEditorDate', () => {
  it('reads a date or a time without offset in the newsroom zone', () => {
    expect(parseEditorDate('2025-07-03', 'Europe/London')?.toISOString()).toBe('2025-07-02T23:00:00.000Z');
    expect(parseEditorDate('2025-01-15 09:30', 'Europe/London')?.toISOString()).toBe('2025-01-15T09:30:00.000Z');
    expect(parseEditorDate('2025-06-01T08:30', 'Europe/London')?.toISOString()).toBe('2025-06-01T07:30:00.000Z');
  });

  it('honours an explicit offset or Z, with or without milliseconds', () => {
    expect(parseEditorDate('2025-07-03T14:30:00+02:00', 'Europe/London')?.toISOString()).toBe(
      '2025-07-03T12:30:00.000Z',
    );
    expect(parseEditorDate('2025-07-03T14:30:00.250Z', 'Europe/London')?.toISOString()).toBe(
      '2025-07-03T14:30:00.250Z',
    );
  });

  it('refuses impossible and malformed dates', () => {
    for (const text of [
      '2025-02-30',
      '2025-13-01',
      '2025-07-03T24:00',
      '03/07/2025',
      '2025-7-3',
      'yesterday',
      '2025-07-03T10:00+25:00',
    ]) {
      expect(parseEditorDate(text, 'Europe/London'), text).toBeNull();
    }
  });
});

describe('isDateOnly', () => {
  it('tells a calendar date from a date with a time', () => {
    expect(isDateOnly('2025-07-03')).toBe(true);
    expect(isDateOnly(' 2025-07-03 ')).toBe(true);
    expect(isDateOnly('2025-07-03 00:00')).toBe(false);
    expect(isDateOnly('2025-07-03T00:00:00Z')).toBe(false);
  });
});
