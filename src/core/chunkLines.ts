// Long text cut into pieces a chat platform accepts: at line ends, each piece at most `max`
// characters; a single line too long for a piece is cut by the platform's own `cut`, which
// knows what must not be split (an escape, an entity).

export function chunkLines(
  text: string,
  max: number,
  cut: (line: string, max: number) => string,
): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = cut(line, max);
    if (current && current.length + 1 + piece.length > max) {
      chunks.push(current);
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current.trim()) chunks.push(current);
  return chunks;
}
