// OpenBSD ipsec.conf dialect entry point. Placeholder until its parser lands: detects nothing, parses to an empty tree.

import * as model from '../../model';
import type { SyntaxNode } from '../../syntax';
import type { Dialect } from '../types';

export const openbsdDialect: Dialect<SyntaxNode> = {
  id: 'openbsd-ipsec',
  displayName: 'OpenBSD ipsec.conf',
  detect: () => 0,
  parse: (text) => ({ text, tree: { kind: 'Root', range: { start: 0, end: text.length }, tokens: [], children: [] }, tokens: [], diagnostics: [] }),
  lower: (_parsed, uri) => ({ device: model.emptyDevice(uri, 'openbsd-ipsec', uri.split('/').pop() ?? uri), diagnostics: [] }),
  outline: () => [],
  folding: () => [],
};
