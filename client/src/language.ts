// Which editor language a document should have once the server has told its dialect. VS Code opens every
// `ipsec.conf` as OpenBSD's language (package.json: the file name is OpenBSD's), while the server tells a
// strongSwan/Libreswan ipsec.conf apart by content (server/src/dialects/registry.ts `detectDialect`); the client then
// switches the editor's language so the colouring, comments and snippets match. Pure: no vscode import.

/** The language to switch to, or undefined to leave the document alone. `switched`: URIs switched before (once each). */
export function languageSwitch(languageId: string, dialect: string | null | undefined, uri: string, switched: ReadonlySet<string>): string | undefined {
  if (switched.has(uri)) return undefined;
  if (languageId === 'openbsd-ipsec' && dialect === 'strongswan') return 'strongswan';
  if (languageId === 'strongswan' && dialect === 'openbsd-ipsec') return 'openbsd-ipsec';
  return undefined;
}
