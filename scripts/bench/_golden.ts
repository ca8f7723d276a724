// Usage: node --import tsx /tmp/golden.ts <srcRoot> <out.json> paths...
import * as fs from 'node:fs';
async function main() {
  const [root, out, ...paths] = process.argv.slice(2);
  const { checkWorkbooks } = await import(`${root}/src/check/index.ts`);
  const { defaultRulebook } = await import(`${root}/src/rules/index.ts`);
  const { loadSources } = await import(`${root}/src/cli/common.ts`);
  const res: Record<string, unknown> = {};
  for (const p of paths) {
    const sources = await loadSources([p]);
    const r = checkWorkbooks(sources, defaultRulebook, { merge: true });
    res[p] = r;
  }
  fs.writeFileSync(out, JSON.stringify(res));
}
main();
