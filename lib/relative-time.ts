// "5 minutes ago" in the reader's browser. These functions never run on the server: their source is
// sent inline with every page (app/_components/time-ago-script.tsx, through Function.prototype
// .toString), so each must be self-contained, using nothing but its parameters and browser globals.

/**
 * "5 minutes ago" or "3 hours ago" for a time within the last day, null otherwise: older times read
 * better as dates.
 */
export function formatRecent(iso: string, now: number, language: string): string | null {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const elapsed = now - Date.parse(iso);
  if (elapsed < 0 || elapsed >= DAY) return null;
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  if (elapsed < HOUR) return relative.format(-Math.max(1, Math.floor(elapsed / MINUTE)), 'minute');
  return relative.format(-Math.floor(elapsed / HOUR), 'hour');
}

/**
 * Fills every `<span data-time-ago="iso">` in the document with `<span class="timestamp__recent">
 * (3 hours ago)</span>`, now, whenever React adds some (client navigation), and every minute.
 * The slots are rendered empty with suppressHydrationWarning, so whether this runs before or after
 * hydration, React finds no mismatch; without JavaScript no "ago" is shown at all.
 */
export function showRecentTimes(format: typeof formatRecent, language: string): void {
  const update = (): void => {
    for (const slot of document.querySelectorAll<HTMLElement>('[data-time-ago]')) {
      const recent = format(slot.dataset.timeAgo ?? '', Date.now(), language);
      const text = recent ? ` (${recent})` : '';
      if (slot.textContent === text) continue;
      if (!recent) {
        slot.replaceChildren();
        continue;
      }
      const shown = document.createElement('span');
      shown.className = 'timestamp__recent';
      shown.textContent = text;
      slot.replaceChildren(shown);
    }
  };
  update();
  // Our own changes trigger one more pass, which finds every slot up to date and changes nothing.
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  setInterval(update, 60_000);
}
