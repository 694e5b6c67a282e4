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

/** How long a lost-connection line waits before it is printed (logDatabaseLoss). */
export const DATABASE_LOSS_LOG_DELAY_MS = 250;

/**
 * Prints a line about a lost database connection unless the process turns out to be stopping. On
 * Ctrl+C the embedded PostgreSQL can end connections a moment before this process has handled its own
 * SIGINT, so the line waits DATABASE_LOSS_LOG_DELAY_MS and is dropped if stopping has begun by then. (It
 * never keeps a process alive.)
 */
export function logDatabaseLoss(line: string): void {
  if (goneExpected) return;
  setTimeout(() => {
    if (!goneExpected) console.error(line);
  }, DATABASE_LOSS_LOG_DELAY_MS).unref();
}

/**
 * For a process that is stopping (Ctrl+C, SIGTERM): from now on a lost database connection is expected
 * — not logged (setDatabaseGoneExpected), and not fatal either. pg-boss takes the listeners off its
 * LISTEN connection before closing it; PostgreSQL, stopping at the same moment, can end that connection
 * in between, and pg's "error" event with nobody listening would end the process with a stack trace
 * instead of its clean stop. Any other uncaught error still ends it, printed, with exit code 1.
 */
export function stoppingWithTheDatabase(): void {
  setDatabaseGoneExpected();
  process.on("uncaughtException", (error) => {
    if (isDatabaseUnavailable(error)) return;
    console.error(error);
    process.exit(1);
  });
}
