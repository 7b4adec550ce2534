// The list lives in next.config.js so Next's own answers and the server's carry the same headers.
import { securityHeaders as fromNextConfig } from '../next.config.js';

export const securityHeaders: readonly { key: string; value: string }[] = fromNextConfig;
