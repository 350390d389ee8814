// Test helper: expands a VS Code / TextMate snippet body the way the editor does when the user accepts every
// default: `$n`, `${n}`, `${n:default}` (nested), `${n|a,b|}` (first choice), `$0`, variables and `\` escapes.
// Every occurrence of a tab stop shows the same text (mirrors), taken from its first occurrence with a default.

/** One parsed piece of a snippet body. */
type Node = { kind: 'text'; text: string } | { kind: 'tabstop'; index: number; children?: Node[]; choices?: string[] } | { kind: 'variable'; name: string; children?: Node[] };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.sequence(new Set());
    if (this.pos < this.src.length) throw new Error(`unexpected ${JSON.stringify(this.src[this.pos])} at ${this.pos} in snippet`);
    return nodes;
  }

  /** Reads nodes until one of the stop characters (not consumed) or the end. */
  private sequence(stops: Set<string>): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (stops.has(c)) break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        // Only `$`, `}` and `\` are escapable in text (plus the stop characters of the context).
        if (next !== undefined && (next === '$' || next === '}' || next === '\\' || stops.has(next))) {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
        continue;
      }
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
        text += c;
        this.pos++;
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return nodes;
  }

  /** Parses what follows a `$`, or returns undefined (the `$` is literal) without moving. */
  private dollar(): Node | undefined {
    const rest = this.src.slice(this.pos + 1);
    let m = /^[0-9]+/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'tabstop', index: Number(m[0]) };
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      this.pos += 1 + m[0].length;
      return { kind: 'variable', name: m[0] };
    }
    if (rest[0] !== '{') return undefined;
    const start = this.pos;
    this.pos += 2;
    m = /^([0-9]+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.src.slice(this.pos));
    if (!m) {
      this.pos = start;
      return undefined;
    }
    this.pos += m[0].length;
    const isTab = /^[0-9]/.test(m[0]);
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return isTab ? { kind: 'tabstop', index: Number(m[0]) } : { kind: 'variable', name: m[0] };
    }
    if (c === ':') {
      this.pos++;
      const children = this.sequence(new Set(['}']));
      this.expect('}');
      return isTab ? { kind: 'tabstop', index: Number(m[0]), children } : { kind: 'variable', name: m[0], children };
    }
    if (c === '|' && isTab) {
      this.pos++;
      const choices: string[] = [];
      let cur = '';
      while (this.pos < this.src.length) {
        const ch = this.src[this.pos];
        if (ch === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) {
          cur += this.src[this.pos + 1];
          this.pos += 2;
        } else if (ch === ',') {
          choices.push(cur);
          cur = '';
          this.pos++;
        } else if (ch === '|' && this.src[this.pos + 1] === '}') {
          choices.push(cur);
          this.pos += 2;
          return { kind: 'tabstop', index: Number(m[0]), choices };
        } else {
          cur += ch;
          this.pos++;
        }
      }
      throw new Error('unterminated choice in snippet');
    }
    throw new Error(`malformed placeholder at ${start} in snippet`);
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) throw new Error(`expected ${c} at ${this.pos} in snippet`);
    this.pos++;
  }
}

export interface Expansion {
  text: string;
  /** Value of every tab stop, by index. */
  values: Map<number, string>;
  /** Offset of `$0` in `text` (end of text when absent). */
  finalCursor: number;
}

/**
 * Expands a snippet body (lines joined with `\n`, as VS Code joins a `body` array). `overrides` replaces the
 * default of a tab stop, as if the user typed that text there. Unknown variables expand to their default or ''.
 */
export function expandSnippet(body: string | string[], overrides: Record<number, string> = {}): Expansion {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(src).parse();
  // First pass: the definition (first occurrence with a default or choices) of each tab stop.
  const defs = new Map<number, Extract<Node, { kind: 'tabstop' }>>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'text') continue;
      if (n.kind === 'tabstop' && (n.children || n.choices) && !defs.has(n.index)) defs.set(n.index, n);
      if (n.children) collect(n.children);
    }
  };
  collect(nodes);
  const values = new Map<number, string>();
  let finalCursor: number | undefined;
  let out = '';
  const valueOf = (index: number, stack: number[]): string => {
    if (index in overrides) return overrides[index];
    if (values.has(index)) return values.get(index)!;
    if (stack.includes(index)) throw new Error(`tab stop ${index} contains itself`);
    const def = defs.get(index);
    let v = '';
    if (def?.choices) v = def.choices[0];
    else if (def?.children) v = render(def.children, [...stack, index]);
    values.set(index, v);
    return v;
  };
  const render = (list: Node[], stack: number[]): string =>
    list
      .map((n) => {
        if (n.kind === 'text') return n.text;
        if (n.kind === 'variable') return n.children ? render(n.children, stack) : '';
        return valueOf(n.index, stack);
      })
      .join('');
  for (const n of nodes) {
    if (n.kind === 'tabstop' && n.index === 0 && finalCursor === undefined) finalCursor = out.length;
    out += render([n], []);
  }
  for (const i of defs.keys()) valueOf(i, []);
  return { text: out, values, finalCursor: finalCursor ?? out.length };
}
