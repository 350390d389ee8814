// Completion: the dialect's proposals (catalog keywords, defined names, what the peer uses) as LSP items.
// Pure: no connection, no IO.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { CompletionData } from '../dialects/types';
import type { LanguageService } from '../service';
import { featureContext } from './hover';
import { toOffset, toRange } from './positions';

const KINDS: Record<CompletionData['kind'], CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  parameter: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
  interface: CompletionItemKind.Interface,
};

export function getCompletions(service: LanguageService, uri: string, position: Position): CompletionItem[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse?.dialect.complete) return [];
  const offset = toOffset(doc, position);
  const proposals = parse.dialect.complete(parse.parsed, offset, featureContext(service, uri));
  // Default replace range: the partial word left of the cursor (configs separate words by blanks only).
  let wordStart = offset;
  while (wordStart > 0 && !/\s/.test(doc.text[wordStart - 1])) wordStart--;
  const defaultRange = toRange(doc, { start: wordStart, end: offset });
  return proposals.map((p): CompletionItem => {
    const item: CompletionItem = {
      label: p.label,
      kind: KINDS[p.kind],
      textEdit: { range: p.replaceRange ? toRange(doc, p.replaceRange) : defaultRange, newText: p.insertText ?? p.label },
      insertTextFormat: p.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (p.detail) item.detail = p.detail;
    if (p.documentation) item.documentation = { kind: MarkupKind.Markdown, value: p.documentation };
    if (p.sortText) item.sortText = p.sortText;
    if (p.filterText) item.filterText = p.filterText;
    return item;
  });
}
