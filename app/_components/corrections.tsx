import type { CorrectionKind, CorrectionNote } from '@/lib/data/types';
import { formatDate } from '@/lib/format';

export const KIND_LABEL: Record<CorrectionKind, string> = {
  CORRECTION: 'Correction',
  UPDATE: 'Update',
  CLARIFICATION: 'Clarification',
};

/** Corrections and updates, oldest first, at the foot of the article. */
export function Corrections({ corrections }: { corrections: CorrectionNote[] }) {
  if (corrections.length === 0) return null;
  return (
    <aside className="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections and updates</h2>
      <ul>
        {corrections.map((note, index) => (
          <li key={index}>
            <strong>{KIND_LABEL[note.kind]}</strong>, <time dateTime={note.date}>{formatDate(note.date)}</time>:{' '}
            {note.text}
          </li>
        ))}
      </ul>
    </aside>
  );
}
