import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInClient, signupBody, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const uniqueEmail = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`;
const fieldsNamed = (res: { body: { error: { details?: Array<{ field: string }> } } }) => res.body.error.details?.map((d) => d.field) ?? [];

describe("email addresses with hidden characters", () => {
  it.each([
    ["NUL", "\u0000"],
    ["ESC", "\u001b"],
    ["a zero-width space", "\u200b"],
    ["a right-to-left override", "\u202e"],
    ["a soft hyphen", "\u00ad"],
  ])("%s inside the address is a 400 naming email, and never a second account", async (_label, hidden) => {
    const client = server.client();
    const email = uniqueEmail("ada");
    const [local, domain] = email.split("@");
    expect((await client.post("/signup", { json: signupBody({ email }) })).status).toBe(201);

    for (const variant of [`${local}${hidden}@${domain}`, `${local}@exa${hidden}mple.com`.replace("example.com", domain!)]) {
      const signup = await client.post("/signup", { json: signupBody({ email: variant }) });
      expect(signup.status).toBe(400);
      expect(signup.body.error.code).toBe("VALIDATION_FAILED");
      expect(fieldsNamed(signup)).toContain("email");
      const login = await client.post("/login", { json: { email: variant, password: "a long enough passphrase" } });
      expect(login.status).toBe(400);
    }
    // Still exactly one account: the real address logs in, and a new signup under it is taken.
    expect((await client.post("/login", { json: { email, password: "a long enough passphrase" } })).status).toBe(200);
    expect((await client.post("/signup", { json: signupBody({ email }) })).status).toBe(409);
  });

  it("stores an international domain in its ASCII form, the address mail is sent to, and logs in with either form", async () => {
    const client = server.client();
    const local = `ada-${Math.random().toString(36).slice(2)}`;
    const res = await client.post("/signup", { json: signupBody({ email: `${local}@Bücher.Example` }) });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(`${local}@xn--bcher-kva.example`);
    expect((await client.post("/login", { json: { email: `${local}@bücher.example`, password: "a long enough passphrase" } })).status).toBe(200);
    expect((await client.post("/login", { json: { email: `${local}@xn--bcher-kva.example`, password: "a long enough passphrase" } })).status).toBe(200);
    expect((await client.post("/signup", { json: signupBody({ email: `${local}@xn--bcher-kva.example` }) })).status).toBe(409);
  });

  it.each(["ada..lovelace@example.com", "ada@localhost", "ada@127.0.0.1", '"ada"@example.com', "ada@example.com."])("refuses %j with 400 INVALID_EMAIL", async (email) => {
    const res = await server.client().post("/signup", { json: signupBody({ email }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_EMAIL");
  });
});

describe("passwords", () => {
  it.each(["\ud800", "\udfff"])("a lone surrogate (%j) is a 400 naming the field on signup, login and change", async (surrogate) => {
    const password = `surrogate passphrase ${surrogate}`;
    const signup = await server.client().post("/signup", { json: signupBody({ password }) });
    expect(signup.status).toBe(400);
    expect(signup.body.error.code).toBe("VALIDATION_FAILED");
    expect(fieldsNamed(signup)).toEqual(["password"]);

    const { client, credentials } = await loggedInClient(server);
    const login = await server.client().post("/login", { json: { email: credentials.email, password } });
    expect(login.status).toBe(400);
    expect(fieldsNamed(login)).toEqual(["password"]);

    const change = await client.patch("/profile/changePassword", { json: { oldPassword: credentials.password, newPassword: password } });
    expect(change.status).toBe(400);
    expect(fieldsNamed(change)).toEqual(["newPassword"]);
  });

  it("\\ud800 and \\udfff can no longer be the same password", async () => {
    // Before: both became U+FFFD on the way to bcrypt, so the one logged in with the other.
    const body = signupBody({ password: "surrogate passphrase \ud800" });
    expect((await server.client().post("/signup", { json: body })).status).toBe(400);
    expect((await server.client().post("/login", { json: { email: body.email, password: "surrogate passphrase \udfff" } })).status).toBe(400);
  });

  it.each([
    ["the email's local part", { email: uniqueEmail("grace"), password: "GRACE is my passphrase" }],
    ["the first name", { firstName: "Hopper", password: "hopper at the harvard mark" }],
    ["the last name", { lastName: "Lamarr", password: "i love lamarr films" }],
    ["the site's name", { password: "my secret BAZAAR passphrase" }],
  ])("signup refuses a password containing %s with 400 WEAK_PASSWORD", async (_label, over) => {
    const res = await server.client().post("/signup", { json: signupBody(over) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
    expect(res.body.error.message).toMatch(/must not contain/);
  });

  it("change password refuses the stored user's own name, even one edited since signup", async () => {
    const { client, credentials } = await loggedInClient(server);
    expect((await client.patch("/profile/edit", { json: { lastName: "Babbage" } })).status).toBe(200);
    const res = await client.patch("/profile/changePassword", { json: { oldPassword: credentials.password, newPassword: "charles BABBAGE engine" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
    expect(res.body.error.message).toBe("Password must not contain your name");
  });
});

describe("photoUrl", () => {
  it("is stored as the URL parser's canonical form, so markup after a valid URL is percent-encoded", async () => {
    const { client } = await loggedInClient(server);
    const typed = 'https://images.example.com/ada.png"><img src=x onerror=alert(document.cookie)>';
    const res = await client.patch("/profile/edit", { json: { photoUrl: typed } });
    expect(res.status).toBe(200);
    const stored = (await client.get("/profile/view")).body.photoUrl as string;
    expect(stored).toBe("https://images.example.com/ada.png%22%3E%3Cimg%20src=x%20onerror=alert(document.cookie)%3E");
    expect(stored).not.toMatch(/["<> ]/);
  });

  it("percent-encodes single quotes, which the URL parser leaves as they are in paths and fragments", async () => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { photoUrl: "https://images.example.com/a'b.png?q='#x' onerror='y" } });
    expect(res.status).toBe(200);
    expect(res.body.photoUrl).toBe("https://images.example.com/a%27b.png?q=%27#x%27%20onerror=%27y");
  });

  it("canonicalises host and path", async () => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { photoUrl: "HTTPS://Images.EXAMPLE.com:443/a/../b.png" } });
    expect(res.body.photoUrl).toBe("https://images.example.com/b.png");
  });

  it.each([
    ["credentials", "https://user:secret@images.example.com/a.png"],
    ["a user name", "https://user@images.example.com/a.png"],
    ["http", "http://images.example.com/a.png"],
    ["an IP address", "https://127.0.0.1/a.png"],
    ["localhost", "https://localhost/a.png"],
    ["a tab the parser would drop", "https://images.exa\tmple.com/a.png"],
    ["too long once encoded", `https://images.example.com/${'"'.repeat(700)}`],
  ])("refuses %s with 400 naming photoUrl", async (_label, photoUrl) => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { photoUrl } });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res)).toEqual(["photoUrl"]);
  });
});

describe("free text", () => {
  it("keeps line breaks, emoji sequences and Persian joiners in about, and refuses bidi overrides", async () => {
    const { client } = await loggedInClient(server);
    const about = "Line one\nLine two 👩\u200d💻 می\u200cخواهم";
    expect((await client.patch("/profile/edit", { json: { about } })).body.about).toBe(about);
    const res = await client.patch("/profile/edit", { json: { about: "harmless \u202egnp.exe" } });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res)).toEqual(["about"]);
  });

  it("stores names and skills in NFC", async () => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { firstName: "Rene\u0301", skills: ["cafe\u0301"] } });
    expect(res.body).toMatchObject({ firstName: "Ren\u00e9", skills: ["caf\u00e9"] });
  });

  it.each([
    ["q", "/products?q=steel%C2%85"],
    ["q", "/products?q=steel%00"],
    ["category", "/products?category=Toys%E2%80%8B"],
  ])("refuses a hidden character in the %s parameter with 400 naming it", async (field, path) => {
    const res = await server.client().get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(fieldsNamed(res)).toEqual([field]);
  });
});

describe("clients written for the Express version (devTinder)", () => {
  it("sign up and log in with emailId", async () => {
    const client = server.client();
    const emailId = uniqueEmail("devtinder");
    const signup = await client.post("/signup", { json: { emailId, password: "a long enough passphrase", firstName: "Dev", lastName: "" } });
    expect(signup.status).toBe(201);
    expect(signup.body).toMatchObject({ email: emailId, lastName: null });
    const login = await client.post("/login", { json: { emailId, password: "a long enough passphrase" } });
    expect(login.status).toBe(200);
    expect((await client.get("/profile/view")).body.email).toBe(emailId);
  });

  it.each(["/signup", "/login"])("%s refuses email and emailId together with 400 naming both", async (path) => {
    const email = uniqueEmail("both");
    const body = path === "/login" ? { email, password: "whatever it is" } : signupBody({ email });
    const res = await server.client().post(path, { json: { ...body, emailId: email } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.message).toContain("email");
    expect(fieldsNamed(res)).toEqual(["emailId"]);
  });

  it.each(["/signup", "/login"])("%s without email or emailId is a 400 naming email", async (path) => {
    const body = path === "/login" ? { password: "a long enough passphrase" } : { password: "a long enough passphrase", firstName: "A" };
    const res = await server.client().post(path, { json: body });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res)).toEqual(["email"]);
  });

  it("saves the profile form as an HTML form sends it: age as a string, blanks as empty strings", async () => {
    const { client } = await loggedInClient(server, { lastName: "Lovelace" });
    await client.patch("/profile/edit", { json: { gender: "female", about: "x", photoUrl: "https://images.example.com/a.png" } });
    const form = { firstName: "Ada", lastName: "", age: "36", gender: "", about: "", photoUrl: "" };
    const res = await client.patch("/profile/edit", { json: form });
    expect(res.status).toBe(200);
    expect((await client.get("/profile/view")).body).toMatchObject({ firstName: "Ada", lastName: null, age: 36, gender: null, about: null, photoUrl: null });
    expect((await client.patch("/profile/edit", { json: { age: "" } })).body.age).toBeNull();
  });

  it.each(["36.5", "abc", "-36", "1e2", "12", "121"])("refuses age %j with 400 naming age", async (age) => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { age } });
    expect(res.status).toBe(400);
    expect(fieldsNamed(res)).toEqual(["age"]);
  });

  it("the OpenAPI document shows emailId and the string form of age", async () => {
    const doc = (await server.client().get("/openapi.json")).body;
    const schemas = doc.components.schemas;
    expect(schemas.SignupRequest.properties).toHaveProperty("emailId");
    expect(schemas.LoginRequest.properties).toHaveProperty("emailId");
    expect(JSON.stringify(schemas.EditProfileRequest.properties.age)).toContain('"type":"string"');
    expect(schemas.EditProfileRequest.properties.gender.anyOf[0].enum).toContain("");
  });
});
