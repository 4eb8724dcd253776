/**
 * The stack's name for an extra rule's module instance (stacks/module-extra-rules.ts): Terraform
 * cannot name resources after an input, so the module keys them by rule id (and CIDR).
 */
export function extraRuleStackName(address: string): string | undefined {
  const match = /^extra(_from|_ipv6|_ref|_ref_icmpv6|_v6|_allow|_deny|_allow_v6|_deny_v6)?\["([^"]+)"\]$/.exec(address);
  if (!match) return undefined;
  const [, kind = '', key] = match;
  const name = (...parts: string[]) => parts.map((p) => p.replace(/[^A-Za-z0-9]+/g, '_')).join('_');
  if (kind === '_from') {
    const slash = key.indexOf('/');
    return name(key.slice(0, slash), 'from', key.slice(slash + 1));
  }
  const suffix: Record<string, string[]> = { '': [], _ipv6: ['ipv6'], _ref: [], _ref_icmpv6: ['icmpv6'], _v6: ['v6'], _allow: [], _deny: [], _allow_v6: ['v6'], _deny_v6: ['v6'] };
  return name(key, ...suffix[kind]);
}

