/** E-mail addresses are compared case-insensitively and without surrounding spaces (full-width too). */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

// Deliberately loose: the address is an account name here, and staff get it from their admin.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
