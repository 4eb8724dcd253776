/**
 * The construct for CDKTF users who add the firewall to their own stacks:
 *
 *   const firewall = new SecureTransportFirewall(stack, 'securetransport', { cloud: 'aws', config: { edge: ..., server: ..., ... } });
 *   firewall.outputs.edge_security_group_id   // string, typed for the cloud given
 *
 * `config` takes the same shape as the config file and is validated the same way; the stack
 * must declare the cloud's provider itself, and only that cloud's provider package is loaded.
 * Outputs are exposed as properties, not as Terraform outputs, so the caller decides what to export.
 * Resources are named `<construct id>_<name in the CLI's stack>` (no hashes), so a stack made
 * by `st-firewall synth` moves to the construct with `moved` blocks alone (movedBlocks()).
 */
import { Construct, Node } from 'constructs';
import { TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
import { Cloud } from '../src/clouds';
import { Config, ConfigError, validateConfig } from '../src/config/load';
import { ConfigInput } from '../src/config/schema';
import { FirewallPlan, plan } from '../src/plan/plan';
import { tfName } from '../src/plan/naming';
import { quotaIssues } from '../src/plan/quotas';
import { CLOUD_TARGETS } from './clouds';

/**
 * The outputs of each cloud (the names the CLI's stacks export). Optional ones exist only in
 * `sources: "groups"` mode (and, for GCP service accounts, with `gcp.serviceAccounts`).
 */
export interface FirewallOutputs {
  readonly aws: {
    readonly edge_security_group_id: string;
    readonly server_security_group_id: string;
    readonly admin_host_security_group_id?: string;
  };
  readonly azure: {
    readonly edge_network_security_group_id: string;
    readonly server_network_security_group_id: string;
    readonly edge_application_security_group_id?: string;
    readonly server_application_security_group_id?: string;
    readonly admin_host_application_security_group_id?: string;
  };
  readonly gcp: {
    readonly edge_network_tags: string[];
    readonly server_network_tags: string[];
    readonly admin_host_network_tags?: string[];
    readonly edge_service_account?: string;
    readonly server_service_account?: string;
    readonly admin_host_service_account?: string;
  };
}

/** Every output name per cloud, and whether every config has it (checked against the emitters by test/construct.test.ts). */
export const OUTPUT_NAMES: { readonly [C in Cloud]: Readonly<Record<keyof FirewallOutputs[C], 'always' | 'optional'>> } = {
  aws: { edge_security_group_id: 'always', server_security_group_id: 'always', admin_host_security_group_id: 'optional' },
  azure: {
    edge_network_security_group_id: 'always',
    server_network_security_group_id: 'always',
    edge_application_security_group_id: 'optional',
    server_application_security_group_id: 'optional',
    admin_host_application_security_group_id: 'optional',
  },
  gcp: {
    edge_network_tags: 'always',
    server_network_tags: 'always',
    admin_host_network_tags: 'optional',
    edge_service_account: 'optional',
    server_service_account: 'optional',
    admin_host_service_account: 'optional',
  },
};

export interface SecureTransportFirewallProps<C extends Cloud = Cloud> {
  readonly cloud: C;
  /** The config file's shape (validated), or a Config already validated by validateConfig(). */
  readonly config: ConfigInput | Config;
}

/** One `moved` block: a resource's address in the CLI's stack, and in the construct. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

function isValidated(config: ConfigInput | Config): config is Config {
  return 'hosts' in config;
}

/** Terraform names start with a letter or underscore; the rest is letters, digits, _ and -. */
const TF_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const READABLE = new WeakSet<TerraformStack>();

/**
 * Readable, stable addresses: `<prefix>_<the name the CLI's stack gives the resource>` for the
 * construct's elements. The stack allocates logical ids (allocateLogicalId, CDKTF's extension
 * point), and an emitter reads one (`sg.id`) right after creating the resource, before
 * overrideLogicalId could apply; so the stack's allocator is wrapped, once, for our elements only.
 */
function readableIds(stack: TerraformStack): void {
  if (READABLE.has(stack)) return;
  READABLE.add(stack);
  const allocator = stack as unknown as { allocateLogicalId(element: TerraformElement | Node): string };
  const allocate = allocator.allocateLogicalId.bind(stack);
  allocator.allocateLogicalId = (element) => {
    const firewall = element instanceof TerraformElement ? element.node.scope : undefined;
    return firewall instanceof SecureTransportFirewall ? `${firewall.namePrefix}_${(element as TerraformElement).node.id}` : allocate(element);
  };
}

export class SecureTransportFirewall<C extends Cloud = Cloud> extends Construct {
  readonly cloud: C;
  readonly plan: FirewallPlan;
  /** The outputs the stacks export, by name (security group ids, NSG ids or network tags), typed for the cloud. */
  readonly outputs: Readonly<FirewallOutputs[C]>;
  /** Where the cloud could not express the plan literally (icmp "vendor" on AWS). */
  readonly warnings: readonly string[];
  /** The prefix of every resource name: the construct's path in its stack, `_`-joined. */
  readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: SecureTransportFirewallProps<C>) {
    super(scope, id);
    this.cloud = props.cloud;
    const config = isValidated(props.config) ? props.config : validateConfig(props.config, `${id}.config`);
    this.plan = plan(config);
    const issues = quotaIssues(this.plan, [props.cloud]);
    if (issues.length > 0) throw new ConfigError(issues, `${id}.config`);

    const stack = TerraformStack.of(this);
    this.namePrefix = tfName(...this.node.scopes.slice(this.node.scopes.indexOf(stack) + 1).map((c) => c.node.id));
    if (!TF_NAME.test(this.namePrefix)) {
      throw new ConfigError([{ path: 'id', message: 'must start with a letter or underscore (it prefixes Terraform resource names)', value: this.namePrefix }], `SecureTransportFirewall ${this.node.path}`);
    }
    readableIds(stack);
    const result = CLOUD_TARGETS[props.cloud].emit(this, this.plan);
    this.node.addValidation({ validate: () => this.clashes(stack) });
    this.outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, output]) => [name, output.value])) as unknown as FirewallOutputs[C];
    this.warnings = result.warnings;
  }

  /** The `moved` blocks that carry the resources of `st-firewall synth`'s stack (same config and cloud) to this construct. */
  movedBlocks(): MovedBlock[] {
    return this.elements()
      .filter((element): element is TerraformResource => element instanceof TerraformResource)
      .map((resource) => ({ from: `${resource.terraformResourceType}.${resource.node.id}`, to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}` }));
  }

  /** Adds the movedBlocks() to the stack, for the first `terraform apply` on the CLI stack's state. */
  moveFromCliStack(): void {
    for (const resource of this.elements()) if (resource instanceof TerraformResource) resource.moveFromId(`${resource.terraformResourceType}.${resource.node.id}`);
  }

  private elements(): TerraformElement[] {
    return this.node.children.filter((child): child is TerraformElement => child instanceof TerraformElement);
  }

  /** Another element of the stack with one of our addresses (e.g. ids "a_b" + "c" against "a" + "b_c"). */
  private clashes(stack: TerraformStack): string[] {
    const ours = new Set(this.elements());
    const address = (e: TerraformElement) => `${e instanceof TerraformResource ? e.terraformResourceType : e.constructor.name}.${e.friendlyUniqueId}`;
    const taken = new Set(this.elements().map(address));
    return stack.node
      .findAll()
      .filter((c): c is TerraformElement => c instanceof TerraformElement && !ours.has(c) && taken.has(address(c)))
      .map((c) => `${address(c)} (${c.node.path}) has the address of a resource of ${this.node.path}: give one of them another id`);
  }
}
