import { ensureBigSheet, ensureManyFiles } from './workloads';
(async () => { console.log(await ensureManyFiles('bench-data'), await ensureBigSheet('bench-data')); })();
