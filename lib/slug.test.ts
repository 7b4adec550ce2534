import { describe, expect, it } from 'vitest';
import { isValidSlug } from './slug';

describe('isValidSlug', () => {
  it.each(['world', 'putin-call-no-progress', 'g7-2025'])('accepts %s', (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([
    '',
    'Upper',
    'double--hyphen',
    '-leading',
    'trailing-',
    'spa ce',
    'dot.dot',
    '../etc',
    'émigré',
    'x'.repeat(121),
  ])('rejects %j', (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});
