import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInClient, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe("PATCH /profile/edit", () => {
  it("changes allowlisted fields and shows them on the next view", async () => {
    const { client } = await loggedInClient(server);
    const changes = {
      firstName: "Ada",
      lastName: "Lovelace",
      age: 36,
      gender: "female",
      about: "Wrote the first program.\nLine two.",
      skills: ["math", "poetry"],
      photoUrl: "https://images.example.com/ada.png",
    };
    const res = await client.patch("/profile/edit", { json: changes });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(changes);
    expect((await client.get("/profile/view")).body).toMatchObject(changes);
  });

  it("clears a field set to null and leaves the others alone", async () => {
    const { client } = await loggedInClient(server, { lastName: "Byron" });
    await client.patch("/profile/edit", { json: { age: 20 } });
    const res = await client.patch("/profile/edit", { json: { lastName: null } });
    expect(res.body).toMatchObject({ lastName: null, age: 20 });
  });

  it.each(["email", "password", "role", "_id", "id", "passwordHash", "sessionVersion", "createdAt", "isAdmin"])(
    "rejects %s with 400 naming the field, and changes nothing",
    async (field) => {
      const { client, user } = await loggedInClient(server);
      const res = await client.patch("/profile/edit", { json: { firstName: "Mallory", [field]: "x" } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.message).toContain(field);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect((await client.get("/profile/view")).body).toEqual(user);
    },
  );

  it.each<[string, unknown]>([
    ["age", 12],
    ["age", 121],
    ["age", 30.5],
    ["age", "30.5"],
    ["age", "abc"],
    ["age", "12"],
    ["firstName", ""],
    ["firstName", "x".repeat(51)],
    ["firstName", "Bell\u0007"],
    ["gender", "robot"],
    ["about", "x".repeat(1001)],
    ["skills", Array.from({ length: 21 }, (_, i) => `s${i}`)],
    ["skills", ["a", "A"]],
    ["skills", ["x".repeat(31)]],
    ["skills", "not-an-array"],
    ["photoUrl", "javascript:alert(1)"],
    ["photoUrl", "http://insecure.example.com/a.png"],
    ["photoUrl", "not a url"],
    ["photoUrl", `https://example.com/${"a".repeat(2100)}`],
  ])("rejects %s = %j with 400 naming the field", async (field, value) => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/edit", { json: { [field]: value } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]));
  });

  it("rejects an empty change", async () => {
    const { client } = await loggedInClient(server);
    expect((await client.patch("/profile/edit", { json: {} })).status).toBe(400);
  });

  it("requires a session", async () => {
    expect((await server.client().patch("/profile/edit", { json: { age: 30 } })).status).toBe(401);
  });
});

describe("PATCH /profile/changePassword", () => {
  const newPassword = "an entirely new passphrase";

  it("changes the password, ends every other session and sets a fresh cookie", async () => {
    const { client, credentials } = await loggedInClient(server);
    const otherDevice = server.client();
    await otherDevice.post("/login", { json: credentials });
    const oldToken = client.cookie!;

    const res = await client.patch("/profile/changePassword", { json: { oldPassword: credentials.password, newPassword } });
    expect(res.status).toBe(200);
    expect(client.cookie).not.toBe(oldToken);
    expect((await client.get("/profile/view")).status).toBe(200);
    expect((await otherDevice.get("/profile/view")).status).toBe(401);
    expect((await server.client().get("/profile/view", { headers: { authorization: `Bearer ${oldToken}` } })).status).toBe(401);

    expect((await server.client().post("/login", { json: credentials })).status).toBe(401);
    expect((await server.client().post("/login", { json: { email: credentials.email, password: newPassword } })).status).toBe(200);
  });

  it("refuses a wrong old password with 400 WRONG_PASSWORD and keeps the session", async () => {
    const { client } = await loggedInClient(server);
    const res = await client.patch("/profile/changePassword", { json: { oldPassword: "certainly wrong", newPassword } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WRONG_PASSWORD");
    expect((await client.get("/profile/view")).status).toBe(200);
  });

  it("refuses a weak new password with 400 WEAK_PASSWORD", async () => {
    const { client, credentials } = await loggedInClient(server);
    const res = await client.patch("/profile/changePassword", { json: { oldPassword: credentials.password, newPassword: "12345678" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
  });

  it("requires a session", async () => {
    const res = await server.client().patch("/profile/changePassword", { json: { oldPassword: "a", newPassword } });
    expect(res.status).toBe(401);
  });
});
