/** The pane's HTML pages (src/taskpane/*.html): privacy and Content-Security-Policy. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the page (privacy and Content-Security-Policy)', () => {
  const dir = join(__dirname, '..', '..', 'src', 'taskpane');
  const CDN = 'https://appsforoffice.microsoft.com';
  for (const page of ['taskpane.html', 'commands.html', 'support.html']) {
    test(`${page}: a CSP allowing only the page’s own files (and Office.js), no other outside URL`, () => {
      const html = readFileSync(join(dir, page), 'utf8');
      const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      for (const [name, sources] of directives) {
        for (const s of sources) {
          expect([name, s]).toEqual([name, expect.stringMatching(/^('self'|'none'|'unsafe-inline'|data:|blob:|https:\/\/appsforoffice\.microsoft\.com)$/)]);
        }
        if (name === 'script-src') expect(sources).not.toContain("'unsafe-inline'");
      }
      const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
      for (const u of urls) expect(u.startsWith(CDN)).toBe(true);
      expect(html).not.toMatch(/fonts\.googleapis|gstatic|googletagmanager|gtag\(|<link[^>]+stylesheet[^>]+https?:/i);
    });
  }
});
