/**
 * `st-firewall moved`: the moved blocks that carry a stack written by `st-firewall synth` to the
 * SecureTransportFirewall construct (same config, same state) without replacing anything.
 */
import { Command, InvalidArgumentError } from 'commander';
import { CLOUDS, Cloud, isCloud } from '../src/clouds';
import { loadConfigFile } from '../src/config/load';

function parseCloud(value: string): Cloud {
  if (!isCloud(value)) throw new InvalidArgumentError(`expected one of ${CLOUDS.join(', ')} (got "${value}")`);
  return value;
}

function parseFormat(value: string): 'hcl' | 'json' {
  if (value !== 'hcl' && value !== 'json') throw new InvalidArgumentError(`expected hcl or json (got "${value}")`);
  return value;
}

function parseConstructPath(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z0-9_-]+)*$/.test(value)) throw new InvalidArgumentError(`expected the construct's id, or its path in the stack as a/b (got "${value}")`);
  return value;
}

export function addMovedCommand(cli: Command): void {
  cli
    .command('moved')
    .description("print the moved blocks from the resources of `synth`'s stack to the same resources in the SecureTransportFirewall construct")
    .requiredOption('--config <file>', 'config file the stack was synthesized from (and the construct is given)')
    .requiredOption('--cloud <cloud>', `one of ${CLOUDS.join(', ')}`, parseCloud)
    .requiredOption('--construct-id <id>', "the construct's id (or its path in the stack: parent/id)", parseConstructPath)
    .option('--format <format>', 'hcl or json', parseFormat, 'hcl')
    .action((options: { config: string; cloud: Cloud; constructId: string; format: 'hcl' | 'json' }) => {
      const config = loadConfigFile(options.config);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { movedBlocks, renderMoved } = require('../stacks/moved') as typeof import('../stacks/moved');
      process.stdout.write(renderMoved(movedBlocks(config, options.cloud, options.constructId), options.format));
    });
}
