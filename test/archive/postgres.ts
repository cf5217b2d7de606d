// A real PostgreSQL for the archive's tests: Debian's `postgresql` package binaries
// (initdb, pg_ctl), a scratch data folder in a temporary folder, a loopback port,
// password authentication (the tests hand the password over in PGPASSWORD, as a
// newsroom would), stopped and removed after. Without the binaries: a clear failure
// in CI (`.ci/run` installs the package), a loud skip only where CI is unset.

import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningPostgres {
  url: (database: string) => string;
  user: string;
  password: string;
  /** Runs SQL as the superuser, against the `postgres` database. */
  psql: (sql: string) => string;
  stop: () => void;
}

/** The folder of the newest PostgreSQL's server binaries, or undefined. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")) && existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], "bin") : undefined;
}

export const MISSING =
  "PostgreSQL's server binaries are missing (no /usr/lib/postgresql/<version>/bin/initdb and pg_ctl, nor PG_BIN): install Debian's postgresql package (.ci/run's postgres stage does)";

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts a scratch PostgreSQL on a loopback port; `stop` ends it and removes its folder. */
export async function startPostgres(bin: string): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "source-check-pg-"));
  const data = join(dir, "data");
  const user = "sourcecheck";
  const password = `pw-${process.pid}-${Date.now()}`;
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, password + "\n");
  // initdb and postgres refuse to run as root: as root, run them as the postgres user.
  const asRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chmodSync(dir, 0o700);
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
    prefix = ["runuser", "-u", "postgres", "--"];
  }
  const exec = (cmd: string, args: string[]): string => {
    const [file, ...rest] = [...prefix, cmd, ...args];
    return execFileSync(file, rest, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  };
  const port = await freePort();
  exec(join(bin, "initdb"), ["-D", data, "-U", user, "--pwfile", pwfile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-sync"]);
  exec(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`,
    "start",
  ]);
  const env = { ...process.env, PGPASSWORD: password };
  const psql = (sql: string): string =>
    execFileSync("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-Atc", sql], {
      encoding: "utf8",
      env,
    });
  return {
    url: (database) => `postgresql://${user}@127.0.0.1:${port}/${database}`,
    user,
    password,
    psql,
    stop: () => {
      try {
        exec(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
