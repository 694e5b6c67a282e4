// zod with Japanese default messages: a message we forgot to write still reaches staff and
// residents in Japanese. Import `z` from here, not from "zod".
import { z } from "zod";

z.config(z.locales.ja());

export { z };
