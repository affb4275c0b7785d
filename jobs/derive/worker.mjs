// The entry of derive's worker threads (pool.ts). A thread starts without its parent's TypeScript
// loader (the CLI bundle, vitest and tsx each load TypeScript their own way), so it registers tsx's.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
