import type { Context } from "koa";
import type { Authenticate } from "../../../application/users/Authenticate.js";
import type { EndSession } from "../../../application/users/EndSession.js";
import type { ListSessions } from "../../../application/users/ListSessions.js";
import type { RevokeSessions } from "../../../application/users/RevokeSessions.js";
import { requireSession, type AuthState } from "../middleware/authenticate.js";
import { errorResponse } from "../schemas/errorSchemas.js";
import { revokedSessionsSchema, sessionListSchema, sessionParams } from "../schemas/sessionSchemas.js";
import type { CookieSettings } from "../sessionCookie.js";
import { route, type Route } from "./route.js";

export interface SessionDeps {
  authenticate: Authenticate;
  listSessions: ListSessions;
  endSession: EndSession;
  revokeSessions: RevokeSessions;
  cookies: CookieSettings;
}

const unauthenticated = errorResponse("UNAUTHENTICATED: missing, invalid, expired or revoked session");
const current = (ctx: Context) => (ctx.state as AuthState).session;

export function sessionRoutes(d: SessionDeps): Route[] {
  const guards = [requireSession(d.authenticate, d.cookies)];
  return [
    route({
      method: "get",
      path: "/sessions",
      tag: "Sessions",
      summary: "The caller's live sessions (signed-in devices); the one making this request is `current`",
      auth: true,
      guards,
      responses: { 200: { description: "Live sessions", schema: sessionListSchema }, 401: unauthenticated },
      async handle(ctx) {
        const { userId, sessionId } = current(ctx);
        ctx.body = await d.listSessions.execute({ account: { userId }, currentSessionId: sessionId });
      },
    }),
    route({
      method: "delete",
      path: "/sessions/:id",
      tag: "Sessions",
      summary: "End one of the caller's sessions (ending the current one logs this client out)",
      auth: true,
      guards,
      params: sessionParams,
      responses: {
        204: { description: "Ended: its token stops working at once" },
        401: unauthenticated,
        404: errorResponse("SESSION_NOT_FOUND: unknown, already ended, or not the caller's"),
      },
      async handle(ctx, { params }) {
        await d.endSession.execute({ userId: current(ctx).userId, sessionId: params.id });
        ctx.status = 204;
      },
    }),
    route({
      method: "post",
      path: "/sessions/revoke-others",
      tag: "Sessions",
      summary: "End every session of the caller except the current one",
      auth: true,
      guards,
      responses: { 200: { description: "How many sessions ended", schema: revokedSessionsSchema }, 401: unauthenticated },
      async handle(ctx) {
        const { userId, sessionId } = current(ctx);
        ctx.body = await d.revokeSessions.execute({ account: { userId }, keepSessionId: sessionId });
      },
    }),
  ];
}
