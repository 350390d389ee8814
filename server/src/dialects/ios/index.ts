// Cisco IOS dialect entry point. Placeholder until its parser lands: detects nothing, parses to an empty tree.

import * as model from '../../model';
import type { SyntaxNode } from '../../syntax';
import type { Dialect } from '../types';

export const iosDialect: Dialect<SyntaxNode> = {
  id: 'cisco-ios',
  displayName: 'Cisco IOS',
  detect: () => 0,
  parse: (text) => ({ text, tree: { kind: 'Root', range: { start: 0, end: text.length }, tokens: [], children: [] }, tokens: [], diagnostics: [] }),
  lower: (_parsed, uri) => ({ device: model.emptyDevice(uri, 'cisco-ios', uri.split('/').pop() ?? uri), diagnostics: [] }),
  outline: () => [],
  folding: () => [],
};
