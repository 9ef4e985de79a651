// The import graph of the sources, read from the files' text: which file imports which, and
// whether only types cross. The boundary rules (test/boundary.test.ts) are checked on it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface Edge {
  from: string;
  to: string;
  /** Only types cross (`import type`, or every specifier marked `type`). */
  typeOnly: boolean;
}

export type Graph = Map<string, Edge[]>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const STATIC = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s+["']([^"']+)["']/g;
const DYNAMIC = /import\(\s*(["'`])([^"'`]+)\1\s*\)/g;

/** Relative imports of every `.ts` file under `dirs` (paths relative to `root`). */
export function importGraph(root: string, dirs: readonly string[]): Graph {
  const files = dirs.flatMap((dir) => tsFiles(join(root, dir))).map((f) => relative(root, f));
  const known = new Set(files);
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8");
    const edges: Edge[] = [];
    const target = (specifier: string) => relative(root, resolve(dirname(join(root, file)), specifier));
    for (const match of text.matchAll(STATIC)) {
      const [, , typeWord, clause = "", specifier = ""] = match;
      if (!specifier.startsWith(".")) continue;
      edges.push({ from: file, to: target(specifier), typeOnly: Boolean(typeWord) || onlyTypes(clause) });
    }
    for (const match of text.matchAll(DYNAMIC)) {
      const specifier = match[2] ?? "";
      if (!specifier.startsWith(".")) continue;
      // `../adapters/${name}/start.ts`: every file the template can name.
      const pattern = new RegExp(`^${target(specifier).replace(/[.*+?^()|[\]\\]/g, "\\$&").replace(/\$\{[^}]*\}/g, "[^/]+")}$`);
      for (const to of known) if (pattern.test(to)) edges.push({ from: file, to, typeOnly: false });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** `{ type A, type B }`: a value import that brings only types. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = (braces[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith("type "));
}

/** Every import cycle (strongly connected group of two or more files), each sorted. */
export function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

export const edgesOf = (graph: Graph): Edge[] => [...graph.values()].flat();
