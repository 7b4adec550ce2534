// @next/env is CommonJS, so its functions come through the default export under Node's ESM loader.
import nextEnv from '@next/env';

// Scripts read the same .env files as the Next server (.env, .env.local, .env.production…), so a
// secret kept in .env.local reaches both the site and the seed. Import this before lib/env.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
