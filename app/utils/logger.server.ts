/** The process logger (pino, JSON lines). Never log secrets, tokens or query strings. */
import { pino } from "pino";
import { getEnv } from "./env.server";

export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { app: "mitenand" },
  redact: ["req.headers.cookie", "password", "token"],
});
