/** What every emitter hands back to the stack or module that called it. */
import { HostGroup } from '../src/spec/rule';

export interface EmitResult {
  /** Terraform outputs by name (names are a contract: users attach hosts with them). */
  readonly outputs: Readonly<Record<string, { readonly value: unknown; readonly description: string }>>;
  /** Where the cloud could not express the plan literally and the emitter chose a reading. */
  readonly warnings: readonly string[];
}

export const GROUP_TITLES: Readonly<Record<HostGroup, string>> = { edge: 'Edge hosts', server: 'Server hosts', adminHost: 'Administration host' };
