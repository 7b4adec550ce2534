import type { DiffPart } from '@/lib/data/history-versions';

/**
 * A word diff as text with <ins> and <del>. Screen readers do not announce those elements, and
 * print may lose their colours, so each change also says "added"/"removed" in words that are
 * visually hidden on screen and printed on paper (history.css).
 */
export function WordDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) => {
        if (part.change === 'same') return part.text;
        const Tag = part.change === 'added' ? 'ins' : 'del';
        return (
          <Tag key={index}>
            <span className="diff-label">[{part.change}: </span>
            {part.text}
            <span className="diff-label">]</span>
          </Tag>
        );
      })}
    </>
  );
}
