/**
 * One CDKTF stack per cloud. Everything in it is a literal value (no variables, no
 * for_each/count), so what a reviewer reads in cdk.tf.json is what Terraform will plan.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Cloud } from '../src/clouds';
import { FirewallPlan } from '../src/plan/plan';
import { addBackend } from './backend';
import { CLOUD_TARGETS } from './clouds';

export class FirewallStack extends TerraformStack {
  readonly warnings: readonly string[];

  constructor(scope: Construct, readonly cloud: Cloud, plan: FirewallPlan) {
    super(scope, cloud);
    const target = CLOUD_TARGETS[cloud];
    // The config's backend, or a relative local state file (CDKTF's default records an absolute
    // path of the machine that ran synth; a relative one keeps the output identical everywhere).
    addBackend(this, cloud, plan.config[cloud].backend);
    target.provider(this, plan.config);
    const result = target.emit(this, plan);
    for (const [name, output] of Object.entries(result.outputs)) {
      new TerraformOutput(this, name, { value: output.value, description: output.description });
    }
    // Prebuilt providers write the bare name ("aws") as the source.
    this.addOverride(`terraform.required_providers.${target.providerName}.source`, target.source);
    this.warnings = result.warnings;
  }
}
