// Test helper: runs the extension's TextMate grammars through the real engine VS Code uses (vscode-textmate +
// vscode-oniguruma's WASM build) and renders tokens as text for golden dumps. Depends only on the grammar files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The six dialect ids; each has syntaxes/<id>.tmLanguage.json with scopeName `source.<id>`. */
export const DIALECT_IDS = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

export interface Token {
  text: string;
  /** Scopes without the root `source.<id>` scope. */
  scopes: string[];
}

let registryPromise: Promise<vsctm.Registry> | undefined;

function registry(): Promise<vsctm.Registry> {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const onigLib: Promise<vsctm.IOnigLib> = Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    });
    return new vsctm.Registry({
      onigLib,
      loadGrammar: async (scopeName: string) => {
        const id = scopeName.replace(/^source\./, '');
        const file = path.join(ROOT, 'syntaxes', `${id}.tmLanguage.json`);
        if (!fs.existsSync(file)) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
  })();
  return registryPromise;
}

const grammars = new Map<string, Promise<vsctm.IGrammar>>();

export function loadGrammar(id: DialectId): Promise<vsctm.IGrammar> {
  let g = grammars.get(id);
  if (!g) {
    g = registry().then(async (r) => {
      const grammar = await r.loadGrammar(`source.${id}`);
      if (!grammar) throw new Error(`grammar source.${id} not found`);
      return grammar;
    });
    grammars.set(id, g);
  }
  return g;
}

/** Tokenises a whole document line by line, carrying the rule stack across lines (multi-line banners, strings). */
export async function tokenize(id: DialectId, text: string): Promise<Token[][]> {
  return (await tokenizeDocument(id, text)).lines;
}

/**
 * Like `tokenize`, plus whether the document ends inside a multi-line construct (an unclosed banner,
 * string, block comment or bracket), which for a complete config means a begin/end rule never matched its end.
 */
export async function tokenizeDocument(id: DialectId, text: string): Promise<{ lines: Token[][]; endsInside: boolean }> {
  const grammar = await loadGrammar(id);
  let stack = vsctm.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, stack, 10_000);
    if (r.stoppedEarly) throw new Error(`tokenizer stopped early on ${JSON.stringify(line)}`);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) })));
    stack = r.ruleStack;
  }
  // The root rule is depth 1; anything deeper is an open begin/end rule.
  return { lines: out, endsInside: (stack as unknown as { depth: number }).depth > 1 };
}

/**
 * Golden-dump rendering: each source line, then one indented line per token with its text and scopes.
 * Whitespace-only tokens without a scope are left out to keep dumps readable.
 */
export function renderTokens(text: string, lines: Token[][]): string {
  const src = text.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((tokens, i) => {
    out.push(`> ${src[i]}`);
    for (const t of tokens) {
      if (t.scopes.length === 0 && t.text.trim() === '') continue;
      out.push(`  ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`.trimEnd());
    }
  });
  return out.join('\n') + '\n';
}

/** The scopes of the first token whose text is exactly `text` on the given line (0-based), or undefined. */
export function scopesOf(lines: Token[][], line: number, text: string): string[] | undefined {
  return lines[line]?.find((t) => t.text === text)?.scopes;
}
