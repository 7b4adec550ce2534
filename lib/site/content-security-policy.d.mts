export function contentSecurityPolicy(scriptHashes: string[]): string;
