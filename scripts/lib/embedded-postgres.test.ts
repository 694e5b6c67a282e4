import { describe, expect, it } from "vitest";
import { postgresMallocEnv, sharedBuffersMb } from "./embedded-postgres";

const GB = 2 ** 30;

describe("sharedBuffersMb", () => {
  it("takes a quarter of the machine's memory", () => {
    expect(sharedBuffersMb(2 * GB)).toBe(512);
    expect(sharedBuffersMb(3 * GB)).toBe(768);
  });

  it("never goes below PostgreSQL's default of 128 MB", () => {
    expect(sharedBuffersMb(256 * 2 ** 20)).toBe(128);
    expect(sharedBuffersMb(0)).toBe(128);
  });

  it("stops at 1 GB on large machines", () => {
    expect(sharedBuffersMb(4 * GB)).toBe(1024);
    expect(sharedBuffersMb(24 * GB)).toBe(1024);
  });
});

describe("postgresMallocEnv", () => {
  it("keeps blocks up to 8 MB and 32 MB of freed heap in the server's processes", () => {
    expect(postgresMallocEnv({})).toEqual({ MALLOC_MMAP_THRESHOLD_: "8388608", MALLOC_TRIM_THRESHOLD_: "33554432" });
  });

  it("leaves alone what the user has set", () => {
    expect(postgresMallocEnv({ MALLOC_TRIM_THRESHOLD_: "0" })).toEqual({ MALLOC_MMAP_THRESHOLD_: "8388608" });
  });
});
