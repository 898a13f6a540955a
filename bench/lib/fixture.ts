import type { Fixture } from "../servers/fixture.js";
import { COOKIE_NAME, getJson, login, signup, type Server } from "./bazaar.js";

export const PAGE = "/products?limit=24";

/** A user signed up and logged in on a running Bazaar, and what the comparison servers need to answer as it does. */
export async function fixtureFrom(bazaar: Server, jwtSecret: string): Promise<{ fixture: Fixture; cookie: string; email: string }> {
  const email = `bench-${Date.now()}@example.com`;
  await signup(bazaar.url, email);
  const cookie = await login(bazaar.url, email);
  const user = (await getJson(`${bazaar.url}/profile/view`, { cookie })) as Fixture["user"];
  const fixture: Fixture = {
    user,
    sessionVersion: 0,
    productPage: await firstPage(bazaar.url),
    jwt: { secret: jwtSecret, issuer: "bazaar", audience: "bazaar-api" },
    cookieName: COOKIE_NAME,
  };
  return { fixture, cookie, email };
}

async function firstPage(base: string): Promise<Fixture["productPage"]> {
  const res = await fetch(base + PAGE);
  if (res.status === 404) return null;
  const page = (await res.json()) as NonNullable<Fixture["productPage"]>;
  if (!res.ok || page.items.length === 0) throw new Error(`${PAGE} → ${res.status}, ${page.items?.length} items: is the catalog seeded?`);
  return page;
}
