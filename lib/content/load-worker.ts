import { workerData } from 'node:worker_threads';
import { createLoader, type LoaderSetup } from './load';
import { serveTasks } from './worker-pool';

// A worker thread of the seed's second pass (see load.ts): checks and renders chunks of articles.
serveTasks(createLoader(workerData as LoaderSetup));
