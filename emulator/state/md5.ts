// MD5 of short ASCII strings (one 64-byte block), in plain JavaScript. Synthetic residents' LINE user
// ids are md5("kairan-resident-" + n) (lib/demo/synthetic-residents.ts); loading a million of them
// means a million digests, and calling into OpenSSL once per resident costs more than the hash itself.
// Checked against node:crypto in md5.test.ts. Not for anything security-related.

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const block = new Int32Array(16);

/** Largest input this function handles: one block minus padding and length (55 bytes). */
export const MD5_MAX_SHORT_INPUT = 55;

function bswap(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | ((x >>> 24) & 0xff);
}

/**
 * Writes md5(text) into out[offset..offset+3] as four big-endian 32-bit words (the same values as
 * Buffer#readInt32BE at byte offsets 0, 4, 8, 12 of the digest). `text` must be ASCII, ≤ 55 bytes.
 */
export function md5ShortAscii(text: string, out: Int32Array, offset: number): void {
  const length = text.length;
  if (length > MD5_MAX_SHORT_INPUT) throw new Error("md5ShortAscii: input longer than 55 bytes");
  block.fill(0);
  for (let i = 0; i < length; i++) block[i >> 2]! |= (text.charCodeAt(i) & 0xff) << ((i & 3) * 8);
  block[length >> 2]! |= 0x80 << ((length & 3) * 8);
  block[14] = length * 8;
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const sum = (a + f + K[i]! + block[g]!) | 0;
    a = d;
    d = c;
    c = b;
    const s = S[i]!;
    b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
  }
  out[offset] = bswap((a + 0x67452301) | 0);
  out[offset + 1] = bswap((b + (0xefcdab89 | 0)) | 0);
  out[offset + 2] = bswap((c + (0x98badcfe | 0)) | 0);
  out[offset + 3] = bswap((d + 0x10325476) | 0);
}
