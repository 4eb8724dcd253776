/** The package's API: the construct for CDKTF users, and the CDKTF-free core it is built on. */
export { SecureTransportFirewall } from './stacks/construct';
export type { FirewallOutputs, MovedBlock, SecureTransportFirewallProps } from './stacks/construct';
export { MissingPackageError } from './stacks/optional-package';
export { FirewallStack } from './stacks/firewall-stack';
export { synthApp } from './stacks/app';
export { CLOUDS } from './src/clouds';
export type { Cloud } from './src/clouds';
export { ConfigError, loadConfigFile, validateConfig } from './src/config/load';
export type { Config, ConfigIssue } from './src/config/load';
export type { ConfigInput } from './src/config/schema';
export { catalogRules } from './src/catalog/securetransport';
export { Peer, Port } from './src/spec/rule';
export type { Rule } from './src/spec/rule';
export { plan } from './src/plan/plan';
export type { FirewallPlan } from './src/plan/plan';
export { verify } from './src/verify/verify';
export type { VerifyReport } from './src/verify/verify';
export { explain } from './src/explain/explain';
