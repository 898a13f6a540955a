import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const PACKAGE = "@jongodb/memory-server-bin-linux-x64-gnu";

export interface Emulator {
  uri: string;
  label: string;
  stop: () => Promise<void>;
}

/**
 * Starts jongodb, the MongoDB-wire-compatible server shipped as a native binary in an optional dev dependency
 * (so `npm ci` skips it on platforms it is not built for), on a free loopback port; or says why it cannot.
 */
export async function startJongodb(): Promise<Emulator | { reason: string }> {
  let binary: string;
  let version: string;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; jongodb: { binary: string } };
    binary = join(dirname(manifest), pkg.jongodb.binary);
    version = pkg.version;
  } catch {
    return { reason: `${PACKAGE} is not installed (it ships for linux x64 glibc only)` };
  }
  // --port=0: the server picks a free port itself and prints its URI, so no port can be taken in between.
  const child = spawn(binary, ["--host=127.0.0.1", "--port=0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const uri = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /JONGODB_URI=(\S+)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        // Still flowing, so its later output is drained and dropped rather than filling a pipe.
        child.stdout.off("data", onData);
        child.stderr.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (error) => {
      output += String(error);
      resolve(null);
    });
    child.once("exit", () => resolve(null));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };
  if (!uri) {
    await stop();
    return { reason: `jongodb did not start: ${output.trim().split("\n")[0] ?? "no output"}` };
  }
  // The database in its URI is only the default; every test names its own.
  return { uri: uri.replace(/\/[^/]*$/u, "/"), label: `the jongodb ${version} emulator`, stop };
}
