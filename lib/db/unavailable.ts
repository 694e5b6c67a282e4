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
