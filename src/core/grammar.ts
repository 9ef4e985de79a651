// Splits a command line into words; double or single quotes keep spaces together.
export function tokenize(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? "");
  }
  return words;
}

export const HOSTING_NAME = /^[a-z0-9][a-z0-9.-]{0,252}$/i;
