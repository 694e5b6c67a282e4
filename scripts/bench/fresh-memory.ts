// What memory a process touches for the first time costs on this machine, per 4 kB page. The
// broadcast benchmark's first send takes tens of thousands of such page faults (its processes grow
// their heaps), and on the shared VMs these benchmarks run on the cost varies ten-fold from machine
// to machine (docs/benchmarks.md, bench:broadcast): printed next to the figures, it tells which kind
// of machine a run was on.
const PAGE = 4096;
/** Above glibc's largest dynamic mmap threshold (32 MB), so every trial gets pages never touched. */
const BYTES = 128 * 1024 * 1024;

/** The median of `trials` first touches of 128 MB of fresh memory, in µs per page. */
export function freshMemoryMicrosPerPage(trials = 3): number {
  const perPage: number[] = [];
  for (let t = 0; t < trials; t++) {
    const bytes = new Uint8Array(BYTES);
    const started = process.hrtime.bigint();
    for (let i = 0; i < BYTES; i += PAGE) bytes[i] = 1;
    perPage.push(Number(process.hrtime.bigint() - started) / 1000 / (BYTES / PAGE));
  }
  perPage.sort((a, b) => a - b);
  return Number(perPage[Math.floor(perPage.length / 2)]!.toFixed(2));
}
