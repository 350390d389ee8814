// Decodes LSP semantic token data (five integers per token, relative positions) against a legend, so tests
// assert absolute line/character/length/type/modifiers. Written independently of the server's encoder. Test helper only.

export interface Decoded {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
}

export function decodeTokens(data: readonly number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }): Decoded[] {
  if (data.length % 5 !== 0) throw new Error(`token data length ${data.length} is not a multiple of 5`);
  const res: Decoded[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dLine, dChar, length, type, bits] = data.slice(i, i + 5);
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    const modifiers = legend.tokenModifiers.filter((_, b) => (bits & (1 << b)) !== 0);
    if (bits >> legend.tokenModifiers.length) throw new Error(`modifier bits ${bits} outside the legend`);
    if (!legend.tokenTypes[type]) throw new Error(`token type ${type} outside the legend`);
    res.push({ line, char, length, type: legend.tokenTypes[type], modifiers });
  }
  return res;
}

/** The text each token covers, for readable assertions. */
export function tokenTexts(text: string, tokens: readonly Decoded[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  return tokens.map((t) => lines[t.line].slice(t.char, t.char + t.length));
}
