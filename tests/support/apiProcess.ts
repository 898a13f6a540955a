import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";

/** `node --import tsx src/main/api.ts` as `npm start` runs it, with its log lines kept for the test to wait on. */
export class ApiProcess {
  #output = "";
  #waiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    const onData = (chunk: Buffer) => {
      this.#output += chunk.toString();
      for (const wake of this.#waiters.splice(0)) wake();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", () => this.#waiters.splice(0).forEach((wake) => wake()));
  }

  /** Starts the API and waits for its "listening" line; the URL it listens on is taken from that line. */
  static async start(env: Record<string, string>): Promise<{ api: ApiProcess; url: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main/api.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
    });
    const api = new ApiProcess(child);
    const line = await api.waitForLine(/Bazaar listening/u);
    return { api, url: JSON.parse(line).url as string };
  }

  get output(): string {
    return this.#output;
  }

  /** The first log line matching `pattern`, waiting for it while the process runs. */
  async waitForLine(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.#output.split("\n").find((l) => pattern.test(l));
      if (line) return line;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no line matching ${pattern} (process ${this.child.exitCode === null ? "running" : `exited ${this.child.exitCode}`}):\n${this.#output.slice(-4000)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.#waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** SIGTERM, as a deploy would, and the exit code once it has shut down. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}
