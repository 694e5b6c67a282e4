// Staff password hashing: argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes, randomInt } from "node:crypto";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throw-away hash so an unknown e-mail takes as long as a wrong password. */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}

/** Japanese explanation of why a new password is not acceptable, or null when it is. */
export function checkPasswordStrength(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。`;
  if (/^(.)\1+$/.test(password)) return "同じ文字だけのパスワードは使えません。";
  const lower = password.toLowerCase();
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "メールアドレスを含むパスワードは使えません。";
  if (COMMON_PASSWORDS.some((common) => lower.includes(common))) return "推測されやすい語句を含むパスワードは使えません。";
  return null;
}

// Fragments from the most common leaked passwords (and this product's own name).
const COMMON_PASSWORDS = ["password", "passw0rd", "123456789", "qwertyuiop", "kairan", "admin123", "abcdefgh", "11111111"];

// No 0/O, 1/l/I: temporary passwords are read aloud or copied by hand.
const TEMP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A temporary password for a new or reset account (the staff member must change it at first sign-in). */
export function generateTemporaryPassword(length = 16): string {
  let out = "";
  for (let i = 0; i < length; i++) out += TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)];
  return out.replace(/(.{4})(?=.)/g, "$1-");
}
