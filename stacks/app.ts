/** Builds and synthesizes the CDKTF app: one FirewallStack per requested cloud. */
import { App } from 'cdktf';
import { Cloud } from '../src/clouds';
import { ConfigError } from '../src/config/load';
import { FirewallPlan } from '../src/plan/plan';
import { quotaIssues } from '../src/plan/quotas';
import { FirewallStack } from './firewall-stack';

export interface SynthResult {
  readonly stacks: readonly FirewallStack[];
  readonly warnings: readonly string[];
}

/** Writes outdir/manifest.json and outdir/stacks/<cloud>/cdk.tf.json; refuses plans over a cloud's limits. */
export function synthApp(plan: FirewallPlan, clouds: readonly Cloud[], outdir: string): SynthResult {
  const issues = quotaIssues(plan, clouds);
  if (issues.length > 0) throw new ConfigError(issues, 'quota');
  const app = new App({ outdir });
  const stacks = clouds.map((cloud) => new FirewallStack(app, cloud, plan));
  app.synth();
  return { stacks, warnings: stacks.flatMap((stack) => stack.warnings) };
}
