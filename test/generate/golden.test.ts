// Issue 19: generated text is stable (same input, same text) and in each vendor's own form: golden files.
// UPDATE_GOLDEN=1 node test/run.mjs generate/golden rewrites them (review the diff).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { example, generate, verdictFile, EXT, type Source } from './harness';
import type { TargetId } from '../../server/src/generate/spec';

const GOLDEN = path.join(__dirname, 'golden');

const CASES: { src: Source; target: TargetId; secrets: boolean }[] = [
  { src: { name: 'r1', files: [example('site-to-site-ios-routeros/r1.ios')], peer: '10.0.0.2', targets: [] }, target: 'cisco-ios', secrets: false },
  { src: { name: 'r1', files: [example('site-to-site-ios-routeros/r1.ios')], peer: '10.0.0.2', targets: [] }, target: 'cisco-asa', secrets: false },
  { src: { name: 'mikrotik', files: [example('site-to-site-ios-routeros/mikrotik.rsc')], peer: '192.168.23.3', targets: [] }, target: 'cisco-ios', secrets: true },
  { src: { name: 'meraki', files: [example('openbsd-meraki/ipsec.conf')], peer: '198.51.100.20', targets: [] }, target: 'cisco-asa', secrets: false },
  { src: { name: 'flexvpn', files: [verdictFile('ios-ios-flexvpn-ikev2-default-proposal-routeseeker/r1.ios')], peer: '25.2.2.1', targets: [] }, target: 'cisco-ios', secrets: false },
  { src: { name: 'hub1', files: [example('dmvpn-dual-hub/hub1.ios')], peer: '10.4.5.1', targets: [] }, target: 'cisco-ios', secrets: false },
  { src: { name: 'bird', files: [example('bird-ospf/bird.conf')], peer: '10.50.0.3', targets: [] }, target: 'cisco-ios', secrets: false },
  { src: { name: 'core', files: [example('bird-ospf/core.ios')], peer: '10.50.0.1', targets: [] }, target: 'cisco-asa', secrets: true },
];

describe('generated text matches the golden files', () => {
  for (const c of CASES) {
    const file = `${c.src.name}-to-${c.target}.${EXT[c.target]}`;
    it(file, () => {
      const text = generate(c.src, c.target, c.secrets).text;
      assert.equal(generate(c.src, c.target, c.secrets).text, text, 'same input, same text');
      const p = path.join(GOLDEN, file);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(p, text);
      assert.equal(text, fs.readFileSync(p, 'utf8'));
    });
  }
});
