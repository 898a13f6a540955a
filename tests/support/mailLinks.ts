import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export interface MailedLink {
  to: string;
  subject: string;
  file: string;
  /** The link's path (`/email/verify`, …) and its token. */
  path: string;
  token: string;
  url: string;
}

/** Every emailed link in the .eml files of `dir`, oldest first (file names start with the time they were written). */
export async function mailedLinks(dir: string): Promise<MailedLink[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  const links: MailedLink[] = [];
  for (const file of files) {
    const mail = await simpleParser(await readFile(path.join(dir, file)));
    const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
    const seen = new Set<string>();
    for (const match of (mail.text ?? "").matchAll(/https?:\/\/[^\s"<>]+?(\/[a-z/]+)\?token=([\w-]+)/g)) {
      if (seen.has(match[0])) continue;
      seen.add(match[0]);
      links.push({ to: to ?? "", subject: mail.subject ?? "", file, path: match[1]!, token: match[2]!, url: match[0] });
    }
  }
  return links;
}

/** The newest link to `to` on `linkPath`, waiting for the worker to write it (null after `timeoutMs`). */
export async function waitForLink(dir: string, to: string, linkPath: string, options: { after?: number; timeoutMs?: number } = {}): Promise<MailedLink | null> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  for (;;) {
    const found = (await mailedLinks(dir)).filter((l) => l.to === to && l.path === linkPath);
    if (found.length > (options.after ?? 0)) return found.at(-1)!;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** How many .eml files in `dir` are addressed to `to`. */
export async function mailsTo(dir: string, to: string): Promise<Array<{ subject: string; text: string }>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort();
  const out: Array<{ subject: string; text: string }> = [];
  for (const file of files) {
    const mail = await simpleParser(await readFile(path.join(dir, file)));
    const addr = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
    if (addr === to) out.push({ subject: mail.subject ?? "", text: mail.text ?? "" });
  }
  return out;
}
