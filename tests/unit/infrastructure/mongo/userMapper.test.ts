import { describe, expect, it } from "vitest";
import { Email } from "../../../../src/domain/users/Email.js";
import { User } from "../../../../src/domain/users/User.js";
import { toDocument, toEntity, type UserDocument } from "../../../../src/infrastructure/mongo/userMapper.js";

const user = () =>
  User.register({ id: "u1", email: Email.parse("ada@example.com"), passwordHash: "$2b$04$hash", profile: { firstName: "Ada" }, now: new Date("2026-01-01T00:00:00Z") });

describe("userMapper", () => {
  it("round-trips every field, the proof-of-address ones included", () => {
    const u = user();
    const now = new Date("2026-01-02T00:00:00Z");
    u.requestEmailChange(Email.parse("new@example.com"), now);
    u.confirmEmailChange(now, new Date("2026-01-09T00:00:00Z"));
    const doc = toDocument(u.toState());
    expect(doc).toMatchObject({ _id: "u1", email: "new@example.com", emailVerifiedAt: now, pendingEmail: null, undoEmail: "ada@example.com" });
    expect(toEntity(doc).toState()).toEqual(u.toState());
  });

  it("reads a document written before these fields existed as unverified, with nothing pending", () => {
    const { emailVerifiedAt: _a, pendingEmail: _b, undoEmail: _c, undoEmailUntil: _d, ...old } = toDocument(user().toState());
    const entity = toEntity(old as UserDocument);
    expect(entity.toState()).toMatchObject({ emailVerifiedAt: null, pendingEmail: null, undoEmail: null, undoEmailUntil: null });
  });
});
