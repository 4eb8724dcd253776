/** The per-cloud firewall models that readers produce and the analysis evaluates. */
export * from './common';
export * from './errors';
export type { AwsModel, AwsPermission, AwsSecurityGroup, AwsSource } from './aws';
export type { AzureAddress, AzureModel, AzureNsg, AzureProtocol, AzureRule } from './azure';
export type { GcpEntry, GcpFirewall, GcpModel } from './gcp';
import type { AwsModel } from './aws';
import type { AzureModel } from './azure';
import type { GcpModel } from './gcp';
export type FirewallModel = AwsModel | AzureModel | GcpModel;
