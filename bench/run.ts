// `npm run bench`: figures for Orderly's hot paths on a real PostgreSQL with production durability
// (fsync on). Uses DATABASE_URL when set (a scratch database!), else temporary embedded servers.
// BENCH_ONLY=http|workflows|saga|all (default all) picks the parts; see README "Benchmarks".
// A reader that stops early (`npm run bench | head`) must not crash the run before its clean-up stops
// the embedded PostgreSQL and the serve process: output to a closed pipe is dropped instead.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});
const only = process.env.BENCH_ONLY ?? 'all';
const parts = ['http', 'workflows', 'saga'];
if (only !== 'all' && !parts.includes(only))
  throw new Error(`BENCH_ONLY must be one of ${parts.join(', ')} or all`);
const wanted = (part: string) => only === 'all' || only === part;

if (wanted('http')) {
  // Orders, users/me and raw INSERT against a spawned `orderly serve`, plus its idle cost (bench/http.ts).
  const { benchHttp } = await import('./http.js');
  await benchHttp();
}
if (wanted('workflows')) {
  // Durable workflows (bench/workflows.ts): transactional enqueue → pickup → completion.
  const { benchWorkflows } = await import('./workflows.js');
  await benchWorkflows();
}
if (wanted('saga')) {
  // The tenant saga (bench/saga.ts): tenants ordered through the API, provisioned by a worker.
  const { benchSaga } = await import('./saga.js');
  await benchSaga();
}
