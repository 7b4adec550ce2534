import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { formatRecent, showRecentTimes } from './relative-time';

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

// The page sends these functions' source inline (app/_components/time-ago-script.tsx): they must
// run with nothing but browser globals, in a context that has never seen this module.
describe('the inline script built from this module', () => {
  interface FakeNode {
    className?: string;
    textContent: string;
    children: FakeNode[];
    dataset: Record<string, string>;
    replaceChildren(...nodes: FakeNode[]): void;
  }
  const node = (dataset: Record<string, string> = {}): FakeNode => ({
    dataset,
    children: [],
    get textContent() {
      return this.children.map((child) => child.textContent).join('');
    },
    set textContent(_text: string) {
      throw new Error('set on the slot itself');
    },
    replaceChildren(...nodes: FakeNode[]) {
      this.children = nodes;
    },
  });

  it('fills recent dates with "(… ago)" and leaves older ones empty', () => {
    const slots = [node({ timeAgo: ago(3 * 3_600_000 + 60_000) }), node({ timeAgo: ago(2 * 24 * 3_600_000) })];
    const timers: (() => void)[] = [];
    const observed: (() => void)[] = [];
    const context = vm.createContext({
      document: {
        body: {},
        querySelectorAll: () => slots,
        createElement: () => {
          let text = '';
          return {
            className: '',
            children: [],
            dataset: {},
            get textContent() {
              return text;
            },
            set textContent(value: string) {
              text = value;
            },
            replaceChildren() {},
          };
        },
      },
      MutationObserver: class {
        constructor(callback: () => void) {
          observed.push(callback);
        }
        observe() {}
      },
      setInterval: (callback: () => void) => timers.push(callback),
      Date: { now: () => now, parse: Date.parse },
    });
    vm.runInContext(`(${showRecentTimes.toString()})(${formatRecent.toString()}, 'en-GB')`, context);
    expect(slots[0]?.children[0]?.className).toBe('timestamp__recent');
    expect(slots[0]?.textContent).toBe(' (3 hours ago)');
    expect(slots[1]?.children).toEqual([]);
    // A second pass (our own mutation, or the minute timer) finds everything up to date.
    const shown = slots[0]?.children[0];
    observed[0]?.();
    timers[0]?.();
    expect(slots[0]?.children[0]).toBe(shown);
  });
});
