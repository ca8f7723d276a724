import { checkWorkbooks } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import { loadSources } from '../../src/cli/common';
async function main() {
  const t0 = performance.now();
  const src = await loadSources([process.argv[2]]);
  const t1 = performance.now();
  const r = checkWorkbooks(src, defaultRulebook);
  const t2 = performance.now();
  const by: Record<string, number> = {};
  let chars = 0;
  for (const f of r.findings) { by[f.ruleId] = (by[f.ruleId] ?? 0) + 1; chars += f.message.length + f.messageEn.length; }
  console.log({ load: t1 - t0, check: t2 - t1, by, chars, units: [...new Set(r.submissions.map((s) => s.unit?.id))].slice(0, 5), rss: process.memoryUsage().rss / 1e6 });
}
main();
