// The identity of a collected error in `mb_errors`: the same error appended twice is kept once.
import { createHash } from "node:crypto";
import { type CollectedError, collectedErrorKey } from "../schema.ts";

export const errorKey = (e: CollectedError): string => createHash("sha256").update(collectedErrorKey(e)).digest("base64url");
