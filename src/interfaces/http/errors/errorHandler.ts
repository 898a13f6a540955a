import type { Context, Next } from "koa";
import { DomainError } from "../../../domain/shared/DomainError.js";
import type { Logger } from "../../../infrastructure/logging/logger.js";
import { statusOf } from "./errorStatus.js";
import { HttpError } from "./HttpError.js";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface ShapedError {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** Every failure leaves as `{"error":{code,message,details}}`; unknown errors are logged and leak nothing. */
export const errorHandler = (logger: Logger) => async (ctx: Context, next: Next): Promise<void> => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw new HttpError(404, "NOT_FOUND", `No route for ${ctx.method} ${ctx.path}`);
  } catch (error) {
    const shaped = shape(error);
    if (shaped.status >= 500) logger.error({ err: error, reqId: ctx.state.requestId }, "request failed");
    ctx.status = shaped.status;
    ctx.body = shaped.body;
    for (const [name, value] of Object.entries(shaped.headers ?? {})) ctx.set(name, value);
  }
};

function shape(error: unknown): ShapedError {
  if (error instanceof HttpError) return { status: error.status, body: errorBody(error.code, error.message, error.details), headers: error.headers };
  if (error instanceof DomainError) {
    const status = statusOf(error.code);
    if (status) return { status, body: errorBody(error.code, error.message, error.details) };
  }
  const expose = fromKoaOrBodyParser(error);
  if (expose) return expose;
  return { status: 500, body: errorBody("INTERNAL", "Something went wrong on our side") };
}

/** http-errors thrown by Koa, co-body and raw-body carry a 4xx status and a safe `type`. */
function fromKoaOrBodyParser(error: unknown): ShapedError | null {
  if (typeof error !== "object" || error === null) return null;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== "number" || status < 400 || status > 501 || (status >= 500 && status !== 501)) return null;
  if (status === 405) return { status, body: errorBody("METHOD_NOT_ALLOWED", "Method not allowed on this path") };
  if (status === 501) return { status, body: errorBody("NOT_IMPLEMENTED", "Method not implemented") };
  if (status === 413 || type === "entity.too.large") return { status: 413, body: errorBody("PAYLOAD_TOO_LARGE", "Request body is too large") };
  if (status === 415 || type === "encoding.unsupported" || type === "charset.unsupported")
    return { status: 415, body: errorBody("UNSUPPORTED_MEDIA_TYPE", "Request body encoding is not supported") };
  // co-body parses with bourne, which refuses __proto__ keys outright.
  if (error instanceof SyntaxError && /prototype property/.test(error.message))
    return { status: 400, body: errorBody("HOSTILE_INPUT", "Keys such as __proto__ are not allowed in request bodies") };
  if (error instanceof SyntaxError || type === "entity.parse.failed")
    return { status: 400, body: errorBody("MALFORMED_JSON", "Request body is not valid JSON (an object is expected)") };
  if (type === "request.aborted") return { status: 400, body: errorBody("REQUEST_ABORTED", "Request was aborted") };
  return { status, body: errorBody("BAD_REQUEST", "Request could not be processed") };
}

/** The one error shape, for every answer Bazaar gives to a bad request, wherever it is produced. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
