// One error type for expected failures. `message` is for logs; `userMessage` is Japanese text that
// may be shown to staff or residents and tells them what to do next.
import { ZodError } from "zod";

export type AppErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "INVALID_STATE"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UPSTREAM"
  | "INTERNAL";

const STATUS: Record<AppErrorCode, number> = {
  INVALID_INPUT: 422,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_STATE: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  INTERNAL: 500,
};

const DEFAULT_USER_MESSAGE: Record<AppErrorCode, string> = {
  INVALID_INPUT: "入力内容を確認してください。",
  NOT_FOUND: "お探しの情報が見つかりませんでした。",
  FORBIDDEN: "この操作を行う権限がありません。",
  UNAUTHENTICATED: "ログインしてください。",
  INVALID_STATE: "この操作は現在の状態では行えません。画面を再読み込みしてください。",
  CONFLICT: "ほかの操作と重なりました。画面を再読み込みしてから、もう一度お試しください。",
  RATE_LIMITED: "操作が集中しています。しばらく待ってから、もう一度お試しください。",
  UPSTREAM: "外部のサービスに接続できませんでした。しばらく待ってから、もう一度お試しください。",
  INTERNAL: "問題が発生しました。しばらく待ってから、もう一度お試しください。解決しない場合は管理者にお問い合わせください。",
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly status: number;

  constructor(code: AppErrorCode, options: { message?: string; userMessage?: string; status?: number; cause?: unknown } = {}) {
    super(options.message ?? options.userMessage ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGE[code];
    this.status = options.status ?? STATUS[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The Japanese sentence to show for any error; details of unexpected errors stay in the log. */
export function userMessageOf(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  if (error instanceof ZodError) return DEFAULT_USER_MESSAGE.INVALID_INPUT;
  return DEFAULT_USER_MESSAGE.INTERNAL;
}

/** Maps an error to an HTTP response: ZodError → 422, AppError → its status, anything else → 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    return Response.json(
      { error: "INVALID_INPUT", message: DEFAULT_USER_MESSAGE.INVALID_INPUT, issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
      { status: 422 },
    );
  }
  if (error instanceof AppError) {
    return Response.json({ error: error.code, message: error.userMessage }, { status: error.status });
  }
  console.error("[kairan] unexpected error", error);
  return Response.json({ error: "INTERNAL", message: DEFAULT_USER_MESSAGE.INTERNAL }, { status: 500 });
}
