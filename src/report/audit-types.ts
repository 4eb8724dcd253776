/** The audit's input as the command line gathered it, and a fix's shape: shared by the report and the per-cloud fixes. */
import type { Cloud } from '../clouds';
import type { Deployment, FirewallModel } from '../model';
import type { FirewallPlan } from '../plan/plan';
import type { HostGroup } from '../spec/rule';

/** The change that closes one divergence: a sentence, and the cloud CLI commands that make it. */
export interface Fix {
  readonly change: string;
  readonly commands: readonly string[];
}

/** What the command line knew about the deployment: the names it audited, per host group. */
export interface AuditContext {
  readonly cloud: Cloud;
  readonly plan: FirewallPlan;
  readonly deployment: Deployment<FirewallModel>;
  /** Per host group, what stands for it in the cloud (security groups, NSGs, tags...), as given. */
  readonly labels: Readonly<Record<HostGroup, readonly string[]>>;
  readonly exports: readonly string[];
  /** GCP: the network audited. */
  readonly network?: string;
}
