// next-auth 4's cookie names (plain on http, __Secure- on https), including chunks of long tokens.
const BASE = ["next-auth.session-token", "next-auth.csrf-token", "next-auth.callback-url"];
export const SESSION_COOKIE_NAMES = BASE.flatMap((name) => [
  name,
  `__Secure-${name}`,
  ...[0, 1, 2].flatMap((i) => [`${name}.${i}`, `__Secure-${name}.${i}`]),
]).concat(["__Host-next-auth.csrf-token"]);
