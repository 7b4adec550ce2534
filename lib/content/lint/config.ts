import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The newsroom's lint rules and how strict each one is, read from one committed file
// (content-lint.json at the repository root). An error stops the seed; a warning is reported and
// the seed goes on; "off" silences a rule.

export const RULE_IDS = [
  'headline-too-long',
  'standfirst-missing',
  'standfirst-too-long',
  'image-alt',
  'image-credit',
  'article-link',
  'link-text',
  'duplicate-headline',
  'correction-in-future',
  'correction-before-article',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning';

const severity = z.enum(['error', 'warning', 'off']);

const ruleSchema = z.strictObject({ severity, max: z.number().int().positive().optional() });

export const lintConfigSchema = z.strictObject({
  rules: z.partialRecord(z.enum(RULE_IDS), ruleSchema).default({}),
  /** Link texts that say nothing about where a link leads, compared without case. */
  vagueLinkTexts: z.array(z.string()).optional(),
});

export interface RuleSetting {
  severity: Severity | 'off';
  /** A length limit, for the rules that have one. */
  max?: number;
}

export interface LintConfig {
  rules: Record<RuleId, RuleSetting>;
  vagueLinkTexts: string[];
}

/** The defaults: a file that leaves a rule out gets these. */
export const DEFAULT_CONFIG: LintConfig = {
  rules: {
    'headline-too-long': { severity: 'warning', max: 110 },
    'standfirst-missing': { severity: 'warning' },
    'standfirst-too-long': { severity: 'warning', max: 250 },
    'image-alt': { severity: 'error' },
    'image-credit': { severity: 'warning' },
    'article-link': { severity: 'error' },
    'link-text': { severity: 'error' },
    'duplicate-headline': { severity: 'warning' },
    'correction-in-future': { severity: 'error' },
    'correction-before-article': { severity: 'error' },
  },
  vagueLinkTexts: ['click here', 'here', 'read more', 'this link', 'link'],
};

export function resolveConfig(input: z.input<typeof lintConfigSchema>): LintConfig {
  const parsed = lintConfigSchema.parse(input);
  const rules = { ...DEFAULT_CONFIG.rules };
  for (const id of RULE_IDS) {
    const setting = parsed.rules[id];
    if (setting) rules[id] = { ...rules[id], ...setting };
  }
  return { rules, vagueLinkTexts: parsed.vagueLinkTexts ?? DEFAULT_CONFIG.vagueLinkTexts };
}

/** Reads the config file; a missing file means the defaults, a malformed one is an error naming the file. */
export async function loadLintConfig(file: string): Promise<LintConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG;
    throw error;
  }
  const result = lintConfigSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`${file} is not a valid lint configuration: ${issues.join('; ')}`);
  }
  return resolveConfig(result.data);
}

/** The committed configuration, at the repository root (outside the content folder the seed reads). */
export const CONFIG_FILE = fileURLToPath(new URL('../../../content-lint.json', import.meta.url));
