// Errors that mean "the database is not reachable right now" (restarting, a dropped connection), as
// opposed to an error in what was asked of it.

const UNAVAILABLE_CODES = ["ECONNREFUSED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03", "08000", "08003", "08006"];

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    UNAVAILABLE_CODES.includes(e?.code ?? "") ||
    /Connection terminated|connection (?:was )?closed|terminating connection|Client has encountered a connection error/i.test(e?.message ?? "")
  );
}

let goneExpected = false;

/**
 * Marks this process as stopping: on Ctrl+C the terminal stops the embedded PostgreSQL at the same
 * moment, so connections lost from then on are expected, not worth a log line each.
 */
export function setDatabaseGoneExpected(value = true): void {
  goneExpected = value;
}

export function databaseGoneExpected(): boolean {
  return goneExpected;
}
