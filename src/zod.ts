// The one way to use zod here: `import * as z from "./zod.ts"`. zod/mini builds a schema from
// plain functions (`z.optional(z.string().check(z.minLength(1)))`) instead of giving every
// schema a method for each check: building the configuration's and the state files' schemas
// costs a start about half, and the bundle holds a third of the code to compile (a one-shot
// command ~15 ms less). Its messages come from zod's English locale, set here once, so every
// issue reads as it did with zod's classic API.
import { config } from "zod/mini";
import { en } from "zod/locales";

config(en());

export * from "zod/mini";
