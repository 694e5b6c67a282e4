// Prisma CLI configuration (Prisma 7: the URL lives here, not in the schema).
// The CLI is only needed to create migrations during development (`npx prisma migrate dev`);
// the app applies them itself (lib/db/migrate.ts), so running Kairan never needs Prisma's schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // A placeholder lets `prisma generate` run at install time with no database configured.
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/kairan",
  },
});
