import { CORE_SCHEMA, load } from 'js-yaml';
import { type Document, isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from './problems';

export interface ParsedYaml {
  value: unknown;
  /** Line in the file of a field (its key) or list item, when it exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML, turning syntax errors into problems with file line numbers. YAML 1.2's core schema
 * keeps dates as text ("2025-07-03"), so the schema decides what a valid date is, not the parser.
 *
 * Two parsers, each for what it does best: js-yaml reads the value (several times faster, which is
 * most of what checking an unchanged-format archive costs), and the `yaml` package, which keeps
 * every node's position, is used only when a problem needs a line number or js-yaml refuses the
 * text. Both read YAML 1.2's core schema and refuse duplicate keys; where they disagree (an empty
 * document, which js-yaml refuses), `yaml`'s reading is the one kept.
 */
export function parseYaml(text: string, file: string, lineOffset: number, problems: Problem[]): ParsedYaml | undefined {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA });
  } catch {
    return parseWithPositions(text, file, lineOffset, problems);
  }
  let positions: ParsedYaml | undefined;
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    const line = path.length === 1 && path[0] !== undefined ? topLevelKeyLine(text, path[0]) : undefined;
    if (line !== undefined) return line + lineOffset;
    positions ??= parseWithPositions(text, file, lineOffset, []);
    return positions?.lineOf(path);
  };
  return { value, lineOf };
}

/**
 * The line of a top-level key written plainly at the start of a line ("slug: …"), found without a
 * second parse: the seed asks it of every file (for the duplicate-slug message). Undefined when the
 * key is not written exactly once that way (quoted, in a flow mapping, …): the full parse answers.
 */
function topLevelKeyLine(text: string, key: PropertyKey): number | undefined {
  if (typeof key !== 'string' || !/^[A-Za-z][\w-]*$/.test(key)) return undefined;
  const found = [...text.matchAll(new RegExp(`^${key}[ \\t]*:(?:[ \\t]|$)`, 'gm'))];
  if (found.length !== 1) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < found[0]!.index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The `yaml` package's reading, with every node's position: for errors and line numbers. */
function parseWithPositions(
  text: string,
  file: string,
  lineOffset: number,
  problems: Problem[],
): ParsedYaml | undefined {
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
  return { value: doc.toJS(), lineOf: (path) => lineInDocument(doc, path, lineOfOffset) };
}

function lineInDocument(
  doc: Document,
  path: readonly PropertyKey[],
  lineOfOffset: (offset: number | undefined) => number | undefined,
): number | undefined {
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
}
