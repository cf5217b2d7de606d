#!/usr/bin/env node
import { run } from "../out/server/src/cli/main.js";

process.exitCode = run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
});
