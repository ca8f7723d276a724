/**
 * Offline validation of manifest.xml (the online validation service is out of reach in CI): the XML
 * is well-formed, the required elements are there in the schema's order, every URL is https, every
 * resid resolves, every icon exists in assets/ at its declared pixel size, and the production
 * rewrite of the URLs leaves nothing pointing at localhost.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, child, children, descendants, path, type XmlElement } from './xml-tree';

const ROOT = join(__dirname, '..', '..');
const XML = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const NS_APP = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const NS_BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const NS_OV = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../../webpack.config.js') as {
  rewriteManifest(xml: string, base: string, version: string): string;
  manifestVersion(v: string): string;
  DEV_BASE_URL: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../package.json') as { version: string };

const root = parseXml(XML);

function xsiType(el: XmlElement): string | undefined {
  return el.attrs['xsi:type'];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((v, i) => b[i] === v)) throw new Error(`${file} is not a PNG`);
  if (b.toString('ascii', 12, 16) !== 'IHDR') throw new Error(`${file}: IHDR is not the first chunk`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Every URL in the manifest: attribute values and texts starting with a scheme. */
function allUrls(el: XmlElement): string[] {
  const out: string[] = [];
  for (const e of descendants(el)) {
    for (const [k, v] of Object.entries(e.attrs)) {
      if (k.startsWith('xmlns')) continue; // namespace names are URIs, not fetched
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim())) out.push(v.trim());
    }
    if (e.children.length === 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(e.text.trim())) out.push(e.text.trim());
  }
  return out;
}

describe('manifest.xml', () => {
  test('is a task pane app for Excel in the appforoffice 1.1 schema', () => {
    expect(root.local).toBe('OfficeApp');
    expect(root.uri).toBe(NS_APP);
    expect(root.attrs['xmlns:xsi']).toBe(NS_XSI);
    expect(xsiType(root)).toBe('TaskPaneApp');
  });

  test('has the required elements, in the order the schema demands', () => {
    const order = [
      'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
      'AllowSnapshot', 'VersionOverrides',
    ];
    const present = root.children.map((c) => c.local);
    for (const name of present) expect(order).toContain(name);
    const positions = present.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides']) {
      expect(present).toContain(required);
    }
  });

  test('identity: GUID, version from package.json, Vietnamese default locale with English overrides', () => {
    expect(child(root, 'Id')!.text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(child(root, 'Version')!.text.trim()).toBe(webpackConfig.manifestVersion(pkg.version));
    expect(child(root, 'ProviderName')!.text.trim().length).toBeGreaterThan(0);
    expect(child(root, 'DefaultLocale')!.text.trim()).toBe('vi-VN');
    for (const [name, max] of [['DisplayName', 125], ['Description', 2000]] as const) {
      const el = child(root, name)!;
      const vi = el.attrs.DefaultValue;
      expect(vi.length).toBeGreaterThan(0);
      expect(vi.length).toBeLessThanOrEqual(max);
      expect(vi).toBe(vi.normalize('NFC'));
      const en = children(el, 'Override').find((o) => o.attrs.Locale === 'en-US');
      expect(en?.attrs.Value.length).toBeGreaterThan(0);
      expect(en!.attrs.Value.length).toBeLessThanOrEqual(max);
    }
    expect(child(root, 'DisplayName')!.attrs.DefaultValue).toBe('Điển hình');
  });

  test('Excel workbook host, ExcelApi 1.1 requirement, ReadWriteDocument', () => {
    const hosts = children(child(root, 'Hosts')!, 'Host').map((h) => h.attrs.Name);
    expect(hosts).toEqual(['Workbook']);
    const sets = children(child(child(root, 'Requirements')!, 'Sets')!, 'Set');
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([['ExcelApi', '1.1']]);
    expect(path(root, 'DefaultSettings', 'SourceLocation')!.attrs.DefaultValue).toBe(`${webpackConfig.DEV_BASE_URL}/taskpane.html`);
    expect(child(root, 'Permissions')!.text.trim()).toBe('ReadWriteDocument');
  });

  test('VersionOverrides: a Home-tab button that shows the task pane', () => {
    const vo = child(root, 'VersionOverrides')!;
    expect(vo.uri).toBe(NS_OV);
    expect(xsiType(vo)).toBe('VersionOverridesV1_0');
    const host = children(child(vo, 'Hosts')!, 'Host');
    expect(host.map(xsiType)).toEqual(['Workbook']);
    const dff = child(host[0], 'DesktopFormFactor')!;
    expect(child(dff, 'FunctionFile')?.attrs.resid).toBeTruthy();
    const ext = child(dff, 'ExtensionPoint')!;
    expect(xsiType(ext)).toBe('PrimaryCommandSurface');
    const tab = child(ext, 'OfficeTab')!;
    expect(tab.attrs.id).toBe('TabHome');
    const control = child(child(tab, 'Group')!, 'Control')!;
    expect(xsiType(control)).toBe('Button');
    const action = child(control, 'Action')!;
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(child(action, 'SourceLocation')!.attrs.resid).toBeTruthy();
  });

  test('every URL is https and served from the one base URL', () => {
    const urls = allUrls(root);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      expect(new URL(u).protocol).toBe('https:');
      expect(u.startsWith(`${webpackConfig.DEV_BASE_URL}/`)).toBe(true);
    }
  });

  test('every resid resolves to a resource of the right kind, ids are unique and short, none unused', () => {
    const resources = child(child(root, 'VersionOverrides')!, 'Resources')!;
    const kinds: Record<string, string> = {};
    for (const group of resources.children) {
      expect(group.uri).toBe(NS_BT);
      for (const item of group.children) {
        const id = item.attrs.id;
        expect(id.length).toBeLessThanOrEqual(32);
        expect(kinds[id]).toBeUndefined();
        kinds[id] = group.local;
      }
    }
    const expected: Record<string, string> = {
      Image: 'Images', SourceLocation: 'Urls', FunctionFile: 'Urls', LearnMoreUrl: 'Urls',
      Label: 'ShortStrings', Title: 'ShortStrings', Description: 'LongStrings',
    };
    const used = new Set<string>();
    for (const e of descendants(child(root, 'VersionOverrides')!)) {
      const resid = e.attrs.resid;
      if (resid === undefined) continue;
      used.add(resid);
      expect([e.local, resid, kinds[resid]]).toEqual([e.local, resid, expected[e.local]]);
    }
    expect([...used].sort()).toEqual(Object.keys(kinds).sort());
  });

  test('strings fit their limits and have an English override', () => {
    const resources = child(child(root, 'VersionOverrides')!, 'Resources')!;
    for (const [group, max] of [['ShortStrings', 125], ['LongStrings', 250]] as const) {
      for (const s of children(child(resources, group)!, 'String')) {
        expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(max);
        expect(s.attrs.DefaultValue).toBe(s.attrs.DefaultValue.normalize('NFC'));
        const en = children(s, 'Override').find((o) => o.attrs.Locale === 'en-US');
        expect(en?.attrs.Value).toBeTruthy();
        expect(en!.attrs.Value.length).toBeLessThanOrEqual(max);
      }
    }
  });

  test('every icon is a PNG in assets/ with the declared pixel size', () => {
    const images = children(path(root, 'VersionOverrides', 'Resources', 'Images')!, 'Image');
    const byId = new Map(images.map((i) => [i.attrs.id, i.attrs.DefaultValue]));
    const checks: { url: string; size: number }[] = [
      { url: child(root, 'IconUrl')!.attrs.DefaultValue, size: 32 },
      { url: child(root, 'HighResolutionIconUrl')!.attrs.DefaultValue, size: 64 },
    ];
    for (const e of descendants(child(root, 'VersionOverrides')!)) {
      if (e.local === 'Image' && e.attrs.size) checks.push({ url: byId.get(e.attrs.resid)!, size: Number(e.attrs.size) });
    }
    expect(checks.length).toBeGreaterThanOrEqual(10);
    for (const { url, size } of checks) {
      const rel = url.slice(webpackConfig.DEV_BASE_URL.length + 1);
      expect(rel).toMatch(/^assets\/[\w.-]+\.png$/);
      const file = join(ROOT, rel);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 80]) expect(checks.some((c) => c.size === size)).toBe(true);
  });

  test('the pages it names are built', () => {
    const pages = new Set(allUrls(root).filter((u) => u.endsWith('.html')).map((u) => u.slice(webpackConfig.DEV_BASE_URL.length + 1)));
    expect([...pages].sort()).toEqual(['commands.html', 'support.html', 'taskpane.html']);
    const cfgText = readFileSync(join(ROOT, 'webpack.config.js'), 'utf8');
    for (const p of pages) expect(cfgText).toContain(`'${p}'`);
  });

  test('the production rewrite moves every URL to ADDIN_BASE_URL and keeps the XML valid', () => {
    const out = webpackConfig.rewriteManifest(XML, 'https://sgd.example.gov.vn/dien-hinh/', '2.3.4');
    const tree = parseXml(out);
    expect(child(tree, 'Version')!.text).toBe('2.3.4.0');
    expect(out).not.toContain('localhost:3000');
    const urls = allUrls(tree);
    expect(urls.length).toBe(allUrls(root).length);
    for (const u of urls) expect(u.startsWith('https://sgd.example.gov.vn/dien-hinh/')).toBe(true);
    expect(() => webpackConfig.rewriteManifest(XML, 'http://sgd.example.gov.vn', '1.0.0')).toThrow(/https/);
    expect(() => webpackConfig.rewriteManifest(XML, 'https://x.example/?a=1', '1.0.0')).toThrow(/query/);
  });

  test('a malformed manifest is rejected by the parser used here', () => {
    expect(() => parseXml(XML.replace('</Permissions>', '</Permission>'))).toThrow();
  });
});
