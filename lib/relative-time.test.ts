import { describe, expect, it } from 'vitest';
import { formatRecent } from './relative-time';

const now = Date.parse('2026-11-28T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('how long ago, as the browser words it', () => {
  it.each([
    [30_000, '1 minute ago'],
    [5 * 60_000, '5 minutes ago'],
    [3 * 3_600_000 + 59 * 60_000, '3 hours ago'],
  ])('%i ms ago reads "%s"', (elapsed, text) => {
    expect(formatRecent(ago(elapsed), now, 'en-GB')).toBe(text);
  });

  it('leaves older and future times to the date alone', () => {
    expect(formatRecent(ago(24 * 3_600_000), now, 'en-GB')).toBeNull();
    expect(formatRecent(ago(-60_000), now, 'en-GB')).toBeNull();
  });
});
