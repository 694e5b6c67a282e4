"use server";
// Server actions shared by every staff page.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { lookupStaff } from "@/lib/auth/staff-access";
import { endStaffSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/cookies";

/** Signs out: ends the server-side session (so a copied cookie is useless too) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  const lookup = await lookupStaff();
  if (lookup.ok) await endStaffSession(db, lookup.staff.sessionId, lookup.staff);
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    if (jar.has(name)) jar.set(name, "", { maxAge: 0, path: "/", secure: name.startsWith("__Secure-"), httpOnly: true, sameSite: "lax" });
  }
  redirect("/staff/login?reason=signed-out");
}
