import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from './problems';

export interface ParsedYaml {
  value: unknown;
  /** Line in the file of a field (its key) or list item, when it exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML, turning syntax errors into problems with file line numbers. YAML 1.2's core schema
 * keeps dates as text ("2025-07-03"), so the schema decides what a valid date is, not the parser.
 */
export function parseYaml(text: string, file: string, lineOffset: number, problems: Problem[]): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({
        file,
        line: lineCounter.linePos(error.pos[0]).line + lineOffset,
        found: `broken YAML (${error.message.split('\n')[0]})`,
        expected: 'valid YAML: "field: value" lines; quote values that contain ": " or start with a special character',
      });
    }
    return undefined;
  }
  const lineOfOffset = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line + lineOffset;
  return {
    value: doc.toJS(),
    lineOf(path) {
      if (path.length === 0) return undefined;
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
        // A field missing from a nested entry is reported at the entry; a missing top-level field has no line.
        const node = pair ? (pair.key as Node) : path.length > 1 ? parent : undefined;
        return lineOfOffset(node?.range?.[0]);
      }
      if (isSeq(parent) && typeof last === 'number') {
        return lineOfOffset((parent.items[last] as Node | undefined)?.range?.[0]);
      }
      return undefined;
    },
  };
}
