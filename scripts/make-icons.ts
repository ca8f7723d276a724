/**
 * Draws the add-in's icons (assets/icon-16.png … icon-80.png): a green spreadsheet tile with a
 * white check mark and a gold star (the "điển hình" honour). Vector shapes rendered with 4×4
 * supersampling and written by a tiny PNG encoder, so the icons are reproducible without any
 * image tool. Run: npm run icons
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];

export const ICON_SIZES = [16, 32, 64, 80] as const;

const GREEN_TOP: RGBA = [46, 139, 87, 255];
const GREEN_BOTTOM: RGBA = [24, 94, 52, 255];
const GRID: RGBA = [255, 255, 255, 70];
const WHITE: RGBA = [255, 255, 255, 255];
const GOLD: RGBA = [255, 200, 61, 255];
const GOLD_EDGE: RGBA = [176, 116, 0, 255];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  const dx = Math.max(Math.abs(x - cx) - hx, 0);
  const dy = Math.max(Math.abs(y - cy) - hy, 0);
  const inside = Math.min(Math.max(Math.abs(x - cx) - hx, Math.abs(y - cy) - hy), 0);
  return Math.hypot(dx, dy) + inside - r;
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

function starPolygon(cx: number, cy: number, outer: number, inner: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? outer : inner;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

function insidePolygon(x: number, y: number, pts: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function over(dst: RGBA, src: RGBA, coverage: number): RGBA {
  const a = (src[3] / 255) * coverage;
  const da = dst[3] / 255;
  const oa = a + da * (1 - a);
  if (oa === 0) return [0, 0, 0, 0];
  const mix = (i: number): number => (src[i] * a + dst[i] * da * (1 - a)) / oa;
  return [mix(0), mix(1), mix(2), oa * 255];
}

/** The colour of one sample point (x, y in 0..1). Small sizes drop the faint grid. */
function sample(x: number, y: number, size: number): RGBA {
  let c: RGBA = [0, 0, 0, 0];
  const tile = roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.17);
  if (tile > 0) return c;
  const t = (y - 0.04) / 0.92;
  const green: RGBA = [0, 1, 2, 3].map((i) => GREEN_TOP[i] + (GREEN_BOTTOM[i] - GREEN_TOP[i]) * t) as RGBA;
  c = over(c, green, 1);
  if (size >= 32) {
    const w = 0.022;
    const onGrid =
      [0.33, 0.55, 0.77].some((gy) => Math.abs(y - gy) < w && x > 0.12 && x < 0.88) ||
      (Math.abs(x - 0.3) < w && y > 0.14 && y < 0.88);
    if (onGrid) c = over(c, GRID, 1);
  }
  const stroke = size <= 16 ? 0.085 : 0.07;
  const d = Math.min(segmentDistance(x, y, 0.25, 0.6, 0.44, 0.78), segmentDistance(x, y, 0.44, 0.78, 0.8, 0.36));
  if (d < stroke) c = over(c, WHITE, 1);
  const star = starPolygon(0.28, 0.28, size <= 16 ? 0.2 : 0.18, size <= 16 ? 0.09 : 0.075);
  if (insidePolygon(x, y, star)) {
    // A thin darker rim keeps the star readable on the green.
    const inner = starPolygon(0.28, 0.28, size <= 16 ? 0.16 : 0.15, size <= 16 ? 0.07 : 0.062);
    c = over(c, insidePolygon(x, y, inner) || size <= 16 ? GOLD : GOLD_EDGE, 1);
  }
  return c;
}

export function renderIcon(size: number): Uint8Array {
  const ss = 4;
  const px = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const s = sample((pxi + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, size);
          const a = s[3] / 255;
          acc[0] += s[0] * a;
          acc[1] += s[1] * a;
          acc[2] += s[2] * a;
          acc[3] += a;
        }
      }
      const o = (py * size + pxi) * 4;
      const alpha = acc[3] / (ss * ss);
      px[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      px[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      px[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels -> PNG (colour type 6, 8 bits, no interlace, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

function main(): void {
  const dir = join(__dirname, '..', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`${file} (${size}×${size})`);
  }
}

if (require.main === module) main();
