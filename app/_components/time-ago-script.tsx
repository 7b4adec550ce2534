import { formatRecent, showRecentTimes } from '@/lib/relative-time';

// The browser code behind every <TimeAgo>: a few hundred bytes inline, instead of a client component
// (React state and an effect per date, shipped in a chunk and hydrated). Inline scripts are allowed
// by their sha256 in each page's Content-Security-Policy (server/csp.ts), so no nonce is needed and
// cached pages keep working. Built once: the source of two self-contained functions.
const source = (language: string) =>
  `(${showRecentTimes.toString()})(${formatRecent.toString()},${JSON.stringify(language)})`;

/** Put once at the end of <body>, after every date it may fill. */
export function TimeAgoScript({ language }: { language: string }) {
  return <script dangerouslySetInnerHTML={{ __html: source(language) }} />;
}
