// The store's document for a folder without a data file is the document schema's defaults.
import { describe, expect, it } from "vitest";
import { emptyDocument, STORE_VERSION, storeSchemas } from "../../src/store/schema.ts";

describe("the store's schemas", () => {
  it("an empty document is what the document schema makes of a bare version", () => {
    expect(emptyDocument()).toEqual(storeSchemas().documentSchema.parse({ version: STORE_VERSION }));
  });

  it("are built once", () => {
    expect(storeSchemas()).toBe(storeSchemas());
  });
});
