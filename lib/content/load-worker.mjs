// Entry of the seed's worker threads. Node 20 does not hand a thread the TypeScript loader its
// process was started with (tsx), so the thread registers it itself, then loads the real module.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
