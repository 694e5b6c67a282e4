// The state a staff form's server action returns to useActionState: a message for the banner and
// Japanese errors per field. (No imports: client components import this file.)
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  errors?: Record<string, string[] | undefined>;
  /** Shown once (e.g. a temporary password), never stored in the page's URL. */
  secret?: string;
  /** Values to put back in the form after an error, so nothing typed is lost. */
  values?: Record<string, string | string[]>;
};

export const IDLE: ActionState = { status: "idle" };
