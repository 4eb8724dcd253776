/** The three clouds: how each configures its provider and which emitter fills its stack. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { emitAws } from '../providers/aws';
import { emitAzure } from '../providers/azure';
import { EmitResult } from '../providers/emit-result';
import { emitGcp } from '../providers/gcp';
import { Config } from '../src/config/load';
import { FirewallPlan } from '../src/plan/plan';
import { Cloud } from '../src/clouds';

export interface CloudTarget {
  /** Key under terraform.required_providers. */
  readonly providerName: string;
  /** Namespaced registry source: Terraform and OpenTofu both resolve it; no registry host. */
  readonly source: string;
  readonly provider: (scope: Construct, config: Config) => void;
  readonly emit: (scope: Construct, plan: FirewallPlan) => EmitResult;
}

export const CLOUD_TARGETS: Readonly<Record<Cloud, CloudTarget>> = {
  aws: {
    providerName: 'aws',
    source: 'hashicorp/aws',
    provider: (scope, config) => new AwsProvider(scope, 'aws', { region: config.aws.region }),
    emit: emitAws,
  },
  azure: {
    providerName: 'azurerm',
    source: 'hashicorp/azurerm',
    // subscription_id comes from the environment (ARM_SUBSCRIPTION_ID), as credentials do.
    provider: (scope) => new AzurermProvider(scope, 'azurerm', { features: [{}] }),
    emit: emitAzure,
  },
  gcp: {
    providerName: 'google',
    source: 'hashicorp/google',
    provider: (scope, config) => new GoogleProvider(scope, 'google', { project: config.gcp.project, region: config.gcp.region }),
    emit: emitGcp,
  },
};
