import { type FrontMatterSplit, type SourceFile, splitFrontMatter } from './files';
import type { Problem } from './problems';
import { type ParsedYaml, parseYaml } from './yaml-source';

/**
 * An article file split and its front matter parsed, once: the validator and the content lint both
 * read it from here, so a changed file's YAML is parsed a single time per seed pass (YAML parsing is
 * most of what checking a file costs).
 */
export interface ParsedArticleFile {
  /** Null when the file has no front matter. */
  split: FrontMatterSplit | null;
  /** Undefined when there is no front matter or its YAML is broken (see problems). */
  parsed?: ParsedYaml;
  /** YAML syntax problems, with file line numbers. */
  problems: Problem[];
}

export function parseArticleFile(file: SourceFile): ParsedArticleFile {
  const split = splitFrontMatter(file.text);
  if (!split) return { split, problems: [] };
  const problems: Problem[] = [];
  const parsed = parseYaml(split.yaml, file.display, split.yamlLineOffset, problems);
  return { split, parsed, problems };
}
