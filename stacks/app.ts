/** Builds and synthesizes the CDKTF app: one FirewallStack per requested cloud. */
import { App } from 'cdktf';
import { Cloud } from '../src/clouds';
import { FirewallPlan } from '../src/plan/plan';
import { FirewallStack } from './firewall-stack';

export interface SynthResult {
  readonly stacks: readonly FirewallStack[];
  readonly warnings: readonly string[];
}

/** Writes outdir/manifest.json and outdir/stacks/<cloud>/cdk.tf.json. */
export function synthApp(plan: FirewallPlan, clouds: readonly Cloud[], outdir: string): SynthResult {
  const app = new App({ outdir });
  const stacks = clouds.map((cloud) => new FirewallStack(app, cloud, plan));
  app.synth();
  return { stacks, warnings: stacks.flatMap((stack) => stack.warnings) };
}
