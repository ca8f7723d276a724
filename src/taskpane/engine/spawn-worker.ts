/**
 * Starts the engine worker. Alone in its file because `import.meta.url` is what lets webpack find
 * and bundle the worker; only index.tsx imports this (the tests run the worker engine on fakes).
 */
export function spawnEngineWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { name: 'dien-hinh-engine' });
}
