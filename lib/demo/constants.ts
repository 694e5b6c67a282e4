// The demo city's population, shared by the seed (which inserts residents 1..N) and the LINE emulator
// (which starts with the same residents as friends of the demo channel), so `npm start` works with no
// configuration and both sides agree on who exists and who has blocked the account.

/** Synthetic residents 1..DEMO_RESIDENT_COUNT live in the demo city (みどり市). */
export const DEMO_RESIDENT_COUNT = 1200;

/**
 * Whether synthetic resident n has blocked the demo LINE account (about 2.7 %, i.e. 1 in 37).
 * Real accounts see a few percent of friends block them; the demo shows that a broadcast is
 * accepted for them but not delivered.
 */
export function isSyntheticResidentBlocked(n: number): boolean {
  return n % 37 === 0;
}
