/**
 * Passwords: argon2id (OWASP parameters: 19 MiB, t=2, p=1), 8–256 characters of any Unicode, no composition
 * rules, and none of the 10,000 most common passwords (data/common-passwords.json, see its SOURCE note).
 */
import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "./data/common-passwords.json";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

const COMMON = new Set<string>(commonPasswords);

export function hashPassword(password: string) {
  return hash(password.normalize("NFC"), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

// A real hash of a random password: verifying against it costs the same as against a user's hash, so a login
// for an unknown email takes as long as one with a wrong password.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Length in code points, so an emoji counts as one character. */
export function passwordLength(password: string) {
  return [...password].length;
}

export function isCommonPassword(password: string) {
  return COMMON.has(password.toLowerCase());
}
