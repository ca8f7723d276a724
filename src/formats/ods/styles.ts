/**
 * What the .ods reader needs from the styles: each cell style's font (through its parents, down to
 * the document's default), each text style's font (a span's run), and which tables are hidden.
 * Styles come from content.xml's automatic styles and styles.xml's named ones; font names go
 * through the font-face declarations to the family a reader sees (`.VnTime`, `VNI-Times`…).
 */
import { attrLocal, walkXml, type XmlAttrs } from '../xlsx/read/xml';

interface StyleDef {
  parent?: string;
  font?: string;
  hidden?: boolean;
}

/** More than any real document has; past this many, further declarations are ignored. */
const MAX_STYLES = 200_000;
/** Parent chains longer than this are junk (or a loop). */
const MAX_DEPTH = 32;

export class OdsStyles {
  private readonly automatic = new Map<string, StyleDef>();
  private readonly named = new Map<string, StyleDef>();
  private readonly faces = new Map<string, string>();
  private defaultFont: string | undefined;
  private readonly cache = new Map<string, string | undefined>();

  /** Reads the style declarations of one part (styles.xml, or the head of content.xml: all before its body). */
  add(xml: string, part: string, automaticPart: boolean): void {
    let current: StyleDef | null = null;
    let inAutomatic = false;
    let inDefault = false;
    walkXml(xml, part, {
      open: (name: string, attrs: XmlAttrs, selfClosing: boolean) => {
        switch (name) {
          case 'automatic-styles':
            if (!selfClosing) inAutomatic = true;
            return;
          case 'font-face': {
            const n = attrLocal(attrs, 'name');
            const family = attrs['svg:font-family'] ?? attrLocal(attrs, 'font-family');
            if (n !== undefined && this.faces.size < MAX_STYLES) this.faces.set(n, unquote(family ?? n));
            return;
          }
          case 'default-style':
            if (attrLocal(attrs, 'family') === 'table-cell' && !selfClosing) inDefault = true;
            return;
          case 'style': {
            const n = attrLocal(attrs, 'name');
            current = null;
            if (n === undefined || selfClosing) {
              if (n !== undefined) this.define(n, { parent: attrLocal(attrs, 'parent-style-name') }, automaticPart || inAutomatic);
              return;
            }
            current = { parent: attrLocal(attrs, 'parent-style-name') };
            this.define(n, current, automaticPart || inAutomatic);
            return;
          }
          case 'text-properties': {
            const font = attrs['style:font-name'] ?? attrs['fo:font-family'];
            if (font === undefined) return;
            if (current) current.font = font;
            else if (inDefault) this.defaultFont = font;
            return;
          }
          case 'table-properties': {
            if (current && attrLocal(attrs, 'display') === 'false') current.hidden = true;
            return;
          }
        }
      },
      close: (name: string) => {
        if (name === 'style') current = null;
        else if (name === 'default-style') inDefault = false;
        else if (name === 'automatic-styles') inAutomatic = false;
      },
    });
  }

  private define(name: string, def: StyleDef, automatic: boolean): void {
    const map = automatic ? this.automatic : this.named;
    if (map.size < MAX_STYLES && !map.has(name)) map.set(name, def);
  }

  private find(name: string, automaticFirst: boolean): StyleDef | undefined {
    return automaticFirst ? (this.automatic.get(name) ?? this.named.get(name)) : (this.named.get(name) ?? this.automatic.get(name));
  }

  /** A font-name (a font-face's name) as the family it declares. */
  private family(font: string): string {
    return this.faces.get(font) ?? unquote(font);
  }

  /** The font of a cell style (automatic first, then named, then their parents, then the default). */
  cellFont(style: string): string | undefined {
    if (this.cache.has(style)) return this.cache.get(style);
    let font: string | undefined;
    let name: string | undefined = style;
    let first = true;
    for (let depth = 0; name !== undefined && depth < MAX_DEPTH; depth++) {
      // A parent is always a named style.
      const def = this.find(name, first);
      first = false;
      if (!def) break;
      if (def.font !== undefined) {
        font = def.font;
        break;
      }
      name = def.parent;
    }
    const out = font !== undefined ? this.family(font) : this.defaultFont !== undefined ? this.family(this.defaultFont) : undefined;
    if (this.cache.size < MAX_STYLES) this.cache.set(style, out);
    return out;
  }

  /** The font a text style (a span) names itself, if any. */
  textFont(style: string): string | undefined {
    const def = this.automatic.get(style) ?? this.named.get(style);
    return def?.font !== undefined ? this.family(def.font) : undefined;
  }

  /** The table style says the sheet is hidden. */
  tableHidden(style: string): boolean {
    return (this.automatic.get(style) ?? this.named.get(style))?.hidden === true;
  }
}

/** "'DejaVu Sans'" -> "DejaVu Sans"; the first family of a list. One pass, whatever the text. */
function unquote(family: string): string {
  let quote = '';
  let end = family.length;
  for (let i = 0; i < family.length; i++) {
    const c = family[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      end = i;
      break;
    }
  }
  let f = family.slice(0, end).trim();
  if (f.length >= 2 && (f[0] === "'" || f[0] === '"') && f[f.length - 1] === f[0]) f = f.slice(1, -1);
  return f;
}
