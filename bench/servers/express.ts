import cookieParser from "cookie-parser";
import express, { type NextFunction, type Request, type Response } from "express";
import jwt from "jsonwebtoken";
import { port, readFixture } from "./fixture.js";

/**
 * What the original notes built and what most users would write: Express, cookie-parser, and
 * jsonwebtoken verifying against the secret as a string (re-imported as a key on every call).
 */
const f = readFixture();
const users = new Map([[f.user.id, f.user]]);
const app = express();
app.use(express.json());
app.use(cookieParser());

async function userAuth(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const token = (req.cookies as Record<string, string | undefined>)[f.cookieName];
    if (!token) {
      res.status(401).send("Please Login!");
      return;
    }
    const decoded = jwt.verify(token, f.jwt.secret) as jwt.JwtPayload;
    const user = users.get(decoded.sub ?? "");
    if (!user) throw new Error("User not found");
    res.locals.user = user;
    next();
  } catch (err) {
    res.status(400).send("ERROR: " + (err as Error).message);
  }
}

app.get("/profile/view", userAuth, (_req, res) => {
  res.send(res.locals.user);
});

app.get("/products", (req, res) => {
  const limit = Math.min(parseInt(String(req.query.limit ?? "24")) || 24, 100);
  res.json({ items: f.productPage?.items.slice(0, limit) ?? [], nextCursor: f.productPage?.nextCursor ?? null });
});

app.get("/healthz", (_req, res) => {
  res.json({ status: "ok" });
});

app.listen(port(), "127.0.0.1");
