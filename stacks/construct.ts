/**
 * The construct for CDKTF users who add the firewall to their own stacks:
 *
 *   new SecureTransportFirewall(stack, 'firewall', { cloud: 'aws', config: { edge: ..., server: ..., ... } });
 *
 * `config` takes the same shape as the config file and is validated the same way; the stack
 * must declare the cloud's provider itself. Outputs are exposed as properties, not as Terraform
 * outputs, so the caller decides what to export.
 */
import { Construct } from 'constructs';
import { Cloud } from '../src/clouds';
import { Config, ConfigError, validateConfig } from '../src/config/load';
import { ConfigInput } from '../src/config/schema';
import { FirewallPlan, plan } from '../src/plan/plan';
import { quotaIssues } from '../src/plan/quotas';
import { CLOUD_TARGETS } from './clouds';

export interface SecureTransportFirewallProps {
  readonly cloud: Cloud;
  /** The config file's shape (validated), or a Config already validated by validateConfig(). */
  readonly config: ConfigInput | Config;
}

function isValidated(config: ConfigInput | Config): config is Config {
  return 'hosts' in config;
}

export class SecureTransportFirewall extends Construct {
  readonly plan: FirewallPlan;
  /** The outputs the stacks export, by name (security group ids, NSG ids or network tags). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Where the cloud could not express the plan literally (icmp "vendor" on AWS). */
  readonly warnings: readonly string[];

  constructor(scope: Construct, id: string, props: SecureTransportFirewallProps) {
    super(scope, id);
    const config = isValidated(props.config) ? props.config : validateConfig(props.config, `${id}.config`);
    this.plan = plan(config);
    const issues = quotaIssues(this.plan, [props.cloud]);
    if (issues.length > 0) throw new ConfigError(issues, `${id}.config`);
    const result = CLOUD_TARGETS[props.cloud].emit(this, this.plan);
    this.outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, output]) => [name, output.value]));
    this.warnings = result.warnings;
  }
}
