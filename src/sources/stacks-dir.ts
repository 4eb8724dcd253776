/** Reading synthesized stacks back: DIR/stacks/<cloud>/cdk.tf.json, the cdktf layout. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cloud } from '../clouds';
import { TfJson } from './cdktf-json';

export function readStacks(dir: string, clouds: readonly Cloud[]): Partial<Record<Cloud, TfJson>> {
  const stacks: Partial<Record<Cloud, TfJson>> = {};
  for (const cloud of clouds) {
    const file = join(dir, 'stacks', cloud, 'cdk.tf.json');
    if (existsSync(file)) stacks[cloud] = JSON.parse(readFileSync(file, 'utf8')) as TfJson;
  }
  if (Object.keys(stacks).length === 0) throw new Error(`--stacks ${dir}: no stacks/<cloud>/cdk.tf.json for ${clouds.join(', ')}`);
  return stacks;
}
