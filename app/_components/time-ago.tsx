'use client';

import { useEffect, useState } from 'react';
import { formatRecent } from '@/lib/relative-time';

const MINUTE = 60_000;

/**
 * " (3 hours ago)" after a server-rendered date, worked out in the reader's browser from the same
 * instant. The server and the first browser render both show nothing, so hydration always matches
 * and a cached page is never frozen at the time it was rendered; without JavaScript the absolute
 * date alone is shown.
 */
export function TimeAgo({ iso, language }: { iso: string; language: string }) {
  const [recent, setRecent] = useState<string | null>(null);
  useEffect(() => {
    const update = () => setRecent(formatRecent(iso, Date.now(), language));
    update();
    const timer = setInterval(update, MINUTE);
    return () => clearInterval(timer);
  }, [iso, language]);
  return recent && <span className="timestamp__recent"> ({recent})</span>;
}
