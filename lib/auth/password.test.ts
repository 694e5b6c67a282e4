import { describe, expect, it } from "vitest";
import { checkPasswordStrength, generateTemporaryPassword, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("みどり市の空は青い-2026");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "みどり市の空は青い-2026")).toBe(true);
    expect(await verifyPassword(hash, "みどり市の空は青い-2027")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("explains in Japanese why a password is refused", () => {
    expect(checkPasswordStrength("short")).toMatch(/12文字以上/);
    expect(checkPasswordStrength("a".repeat(129))).toMatch(/128文字以内/);
    expect(checkPasswordStrength("aaaaaaaaaaaaaa")).toMatch(/同じ文字/);
    expect(checkPasswordStrength("yamada-hanako-2026", { email: "yamada-hanako@city.example.jp" })).toMatch(/メールアドレス/);
    expect(checkPasswordStrength("MyPassword-is-long")).toMatch(/推測されやすい/);
    expect(checkPasswordStrength("kairan-for-midori")).toMatch(/推測されやすい/);
    expect(checkPasswordStrength("みどり市の空は青い-2026")).toBeNull();
  });

  it("generates temporary passwords without look-alike characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
