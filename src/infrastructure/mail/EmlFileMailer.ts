import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Mailer, MailMessage } from "../../application/ports/Mailer.js";
import { toMailOptions } from "./mailEnvelope.js";

/** The embedded default's outbox you can open: each message becomes an .eml file any mail client reads. */
export class EmlFileMailer implements Mailer {
  readonly #transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const info = (await this.#transport.sendMail(toMailOptions(message, this.from))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/gu, "-");
    const name = `${stamp}-${message.idempotencyKey.replace(/[^A-Za-z0-9-]/gu, "_")}.eml`;
    // Written under a temporary name and renamed, so a reader never sees half a message.
    const target = path.join(this.dir, name);
    await writeFile(`${target}.tmp`, info.message);
    await rename(`${target}.tmp`, target);
  }
}
