/**
 * CRC-32 (the zip one: polynomial 0xEDB88320), incremental: crc32(b, crc32(a)) = crc32(a ++ b).
 * Node passes its native zlib.crc32 instead (src/xlsx/node.ts); this one serves the browser.
 */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export type Crc32 = (data: Uint8Array, value?: number) => number;

export const crc32: Crc32 = (data, value = 0) => {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
};
