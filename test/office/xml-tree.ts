/** A small element tree over saxes (namespaces resolved), enough to inspect manifest.xml in tests. */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Qualified name as written (bt:Image). */
  name: string;
  local: string;
  uri: string;
  /** Attributes by qualified name (xsi:type, DefaultValue). */
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

/** Parses XML; throws on anything not well-formed (saxes is a conforming parser). */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = a.value;
    const el: XmlElement = { name: tag.name, local: tag.local, uri: tag.uri, attrs, children: [], text: '', parent: stack[stack.length - 1] ?? null };
    if (el.parent) el.parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (error) throw error;
  if (!root) throw new Error('no root element');
  return root;
}

export function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return children(el, local)[0];
}

/** Every element below `el` (depth first), `el` included. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const c of el.children) out.push(...descendants(c));
  return out;
}

/** Follows a path of local names from `el`; undefined when a step is missing. */
export function path(el: XmlElement, ...steps: string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (const s of steps) {
    if (!cur) return undefined;
    cur = child(cur, s);
  }
  return cur;
}
