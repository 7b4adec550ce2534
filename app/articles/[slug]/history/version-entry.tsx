import { KIND_LABEL } from '@/app/_components/corrections';
import type { PublicVersion } from '@/lib/data/history-versions';
import { formatDate, formatDateTime } from '@/lib/format';
import { WordDiff } from './word-diff';

export const versionAnchor = (number: number) => `version-${number}`;
export const correctionAnchor = (position: number) => `correction-${position + 1}`;

/** One version readers saw: when, and what changed from the one before. */
export function VersionEntry({ version }: { version: PublicVersion }) {
  const id = versionAnchor(version.number);
  const changes = version.changes;
  const wording = changes && (changes.headline || changes.standfirst || changes.body);
  return (
    <li className="history__version" id={id}>
      <h2 id={`${id}-heading`}>
        Version {version.number}
        {version.minor && ', a minor change'}
      </h2>
      <p className="history__meta">
        {changes ? 'Changed' : 'First published'}{' '}
        <time dateTime={version.publicAt}>{formatDateTime(version.publicAt)}</time>
      </p>
      {changes?.headline && (
        <>
          <h3>Headline</h3>
          <p>
            <WordDiff parts={changes.headline} />
          </p>
        </>
      )}
      {changes?.standfirst && (
        <>
          <h3>Standfirst</h3>
          <p>
            <WordDiff parts={changes.standfirst} />
          </p>
        </>
      )}
      {changes?.body && (
        <>
          <h3>Text</h3>
          {changes.body.map((paragraph, index) => (
            <p key={index}>
              <WordDiff parts={paragraph} />
            </p>
          ))}
        </>
      )}
      {changes && changes.notes.length > 0 && (
        <>
          <h3>Image and byline</h3>
          <ul>
            {changes.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
      {version.corrections.length > 0 && (
        <>
          <h3>Corrections made in this version</h3>
          <ul>
            {version.corrections.map((note) => (
              <li key={note.position} id={correctionAnchor(note.position)}>
                <strong>{KIND_LABEL[note.kind]}</strong>, <time dateTime={note.date}>{formatDate(note.date)}</time>:{' '}
                {note.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes && !wording && changes.notes.length === 0 && version.corrections.length === 0 && (
        <p>The wording did not change (for example, the tags or the section did).</p>
      )}
    </li>
  );
}
