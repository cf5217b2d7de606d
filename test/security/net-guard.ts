// Preloaded (`node --import …/net-guard.js`) into a process that must not touch the
// network: every way Node opens a connection or resolves a name is replaced by one
// that appends what was attempted to $NET_GUARD_LOG and throws.

import { appendFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import http2 from "node:http2";
import net from "node:net";
import tls from "node:tls";
import dgram from "node:dgram";

function blocked(what: string): (...args: unknown[]) => never {
  return (...args: unknown[]) => {
    const detail = args
      .map((a) =>
        typeof a === "function"
          ? "fn"
          : (() => {
              try {
                return JSON.stringify(a);
              } catch {
                return String(a);
              }
            })(),
      )
      .join(", ")
      .slice(0, 200);
    const log = process.env.NET_GUARD_LOG;
    if (log) appendFileSync(log, `${what}(${detail})\n`);
    throw new Error(`net-guard: ${what} is not allowed here`);
  };
}

const patch = (target: Record<string, unknown>, names: string[], prefix: string): void => {
  for (const name of names) if (typeof target[name] === "function") target[name] = blocked(`${prefix}.${name}`);
};

patch(net.Socket.prototype as unknown as Record<string, unknown>, ["connect"], "net.Socket.prototype");
patch(net as unknown as Record<string, unknown>, ["connect", "createConnection"], "net");
patch(tls as unknown as Record<string, unknown>, ["connect"], "tls");
patch(http as unknown as Record<string, unknown>, ["request", "get"], "http");
patch(https as unknown as Record<string, unknown>, ["request", "get"], "https");
patch(http2 as unknown as Record<string, unknown>, ["connect"], "http2");
patch(dgram as unknown as Record<string, unknown>, ["createSocket"], "dgram");
patch(
  dns as unknown as Record<string, unknown>,
  ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveTxt", "reverse"],
  "dns",
);
patch(
  dns.promises as unknown as Record<string, unknown>,
  ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "reverse"],
  "dns.promises",
);
if (typeof globalThis.fetch === "function") (globalThis as { fetch: unknown }).fetch = blocked("fetch");
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === "function")
  (globalThis as { WebSocket: unknown }).WebSocket = blocked("WebSocket");
syncBuiltinESMExports();
