// A plain PNG for template menus without an uploaded image: one colour per area, a frame, and the
// area's number, so staff (and the emulator's phone view) see the grid. Palette PNG (1 byte per
// pixel) compresses a 2500×1686 image of flat colours to a few kilobytes, well under LINE's 1 MB.
import { deflateSync } from "node:zlib";
import type { Bounds } from "@/lib/rich-menus/templates";

const PALETTE: [number, number, number][] = [
  [255, 255, 255], // 0 frame
  [0, 49, 216], // 1 DADS blue (text)
  [231, 241, 255], // 2..7 area fills
  [232, 248, 236],
  [255, 246, 219],
  [250, 236, 255],
  [255, 236, 232],
  [236, 246, 250],
];

// 5×7 digits.
const DIGITS: Record<string, string[]> = {
  "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
  "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
  "2": ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
  "3": ["11110", "00001", "00001", "01110", "00001", "00001", "11110"],
  "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
  "5": ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
  "6": ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
  "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
  "8": ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
  "9": ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
};

function crc32(data: Buffer): number {
  let crc = -1;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function renderGridPng(size: { width: number; height: number }, areas: Bounds[]): Buffer {
  const { width, height } = size;
  const stride = width + 1;
  const pixels = Buffer.alloc(stride * height, 0); // filter byte 0 per row, palette index 0 (white)
  const fill = (x0: number, y0: number, w: number, h: number, color: number) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) pixels.fill(color, y * stride + 1 + Math.max(0, x0), y * stride + 1 + Math.min(width, x0 + w));
  };
  const frame = 6;
  areas.forEach((a, i) => {
    fill(a.x + frame, a.y + frame, a.width - 2 * frame, a.height - 2 * frame, 2 + (i % 6));
    const label = String(i + 1);
    const scale = Math.max(6, Math.floor(Math.min(a.width, a.height) / 18));
    const textWidth = label.length * 6 * scale - scale;
    let x = a.x + Math.floor((a.width - textWidth) / 2);
    const y = a.y + Math.floor((a.height - 7 * scale) / 2);
    for (const digit of label) {
      DIGITS[digit]!.forEach((row, ry) => {
        for (let rx = 0; rx < 5; rx++) if (row[rx] === "1") fill(x + rx * scale, y + ry * scale, scale, scale, 1);
      });
      x += 6 * scale;
    }
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // palette
  const plte = Buffer.from(PALETTE.flat());
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("PLTE", plte), chunk("IDAT", deflateSync(pixels, { level: 6 })), chunk("IEND", Buffer.alloc(0))]);
}

/** Width and height of a PNG (IHDR) or JPEG (SOF marker), or undefined. */
export function imageDimensions(data: Uint8Array): { width: number; height: number; type: "image/png" | "image/jpeg" } | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), type: "image/png" };
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < buf.length) {
      if (buf[offset] !== 0xff) return undefined;
      const marker = buf[offset + 1]!;
      const length = buf.readUInt16BE(offset + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: buf.readUInt16BE(offset + 5), width: buf.readUInt16BE(offset + 7), type: "image/jpeg" };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}
