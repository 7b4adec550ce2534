// A process whose stop never finishes, for testing what a second stop signal does.
import { stopOnSignals } from '../../../server/shutdown';

stopOnSignals(() => new Promise<void>(() => {}));
setInterval(() => {}, 1000);
console.log('ready');
