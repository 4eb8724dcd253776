/**
 * `moved` blocks from the stack `st-firewall synth` writes to the same resources inside the
 * construct, built by placing the construct in a throwaway stack (nothing is synthesized or written: the outdir
 * App insists on is the system's temporary directory, which exists).
 */
import { Construct } from 'constructs';
import { tmpdir } from 'node:os';
import { App, TerraformStack } from 'cdktf';
import { Cloud } from '../src/clouds';
import { Config } from '../src/config/load';
import { MovedBlock, SecureTransportFirewall } from './construct';

/** `constructPath` is the construct's id, or its path inside the stack ("network/securetransport"). */
export function movedBlocks(config: Config, cloud: Cloud, constructPath: string): MovedBlock[] {
  const stack = new TerraformStack(new App({ outdir: tmpdir(), skipValidation: true }), 'moved');
  const ids = constructPath.split('/');
  const parent = ids.slice(0, -1).reduce<Construct>((scope, id) => new Construct(scope, id), stack);
  return new SecureTransportFirewall(parent, ids[ids.length - 1], { cloud, config }).movedBlocks();
}

/** HCL (a moved.tf beside plain Terraform, or for review) or Terraform JSON (`{ "moved": [...] }`). */
export function renderMoved(blocks: readonly MovedBlock[], format: 'hcl' | 'json'): string {
  if (format === 'json') return `${JSON.stringify({ moved: blocks }, null, 2)}\n`;
  return blocks.map(({ from, to }) => `moved {\n  from = ${from}\n  to   = ${to}\n}\n`).join('\n');
}
