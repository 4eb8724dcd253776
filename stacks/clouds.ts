/**
 * The three clouds: how each configures its provider and which emitter fills its stack.
 * A cloud's provider package (an optional peer dependency) and its emitter load the first time
 * that cloud is used, so an AWS-only project needs only @cdktf/provider-aws installed.
 */
import type { Construct } from 'constructs';
import { EmitResult } from '../providers/emit-result';
import { Config } from '../src/config/load';
import { FirewallPlan } from '../src/plan/plan';
import { Cloud } from '../src/clouds';
import { OptionalPackage, requireOptional } from './optional-package';

export interface CloudTarget {
  /** Key under terraform.required_providers. */
  readonly providerName: string;
  /** Namespaced registry source: Terraform and OpenTofu both resolve it; no registry host. */
  readonly source: string;
  /** The prebuilt provider package (an optional peer dependency of the published package). */
  readonly packageName: OptionalPackage;
  readonly provider: (scope: Construct, config: Config) => void;
  readonly emit: (scope: Construct, plan: FirewallPlan) => EmitResult;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const load = {
  aws: () => ({
    ...(require('../providers/aws') as typeof import('../providers/aws')),
    ...(require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider')),
  }),
  azure: () => ({
    ...(require('../providers/azure') as typeof import('../providers/azure')),
    ...(require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider')),
  }),
  gcp: () => ({
    ...(require('../providers/gcp') as typeof import('../providers/gcp')),
    ...(require('@cdktf/provider-google/lib/provider') as typeof import('@cdktf/provider-google/lib/provider')),
  }),
};
/* eslint-enable @typescript-eslint/no-require-imports */

const PACKAGES: Readonly<Record<Cloud, OptionalPackage>> = { aws: '@cdktf/provider-aws', azure: '@cdktf/provider-azurerm', gcp: '@cdktf/provider-google' };

/** The cloud's emitter and provider class; a MissingPackageError when its provider package is not installed in range. */
function loadCloud<C extends Cloud>(cloud: C): ReturnType<(typeof load)[C]> {
  return requireOptional(PACKAGES[cloud], `cloud "${cloud}"`, () => load[cloud]() as ReturnType<(typeof load)[C]>);
}

export const CLOUD_TARGETS: Readonly<Record<Cloud, CloudTarget>> = {
  aws: {
    providerName: 'aws',
    source: 'hashicorp/aws',
    packageName: PACKAGES.aws,
    provider: (scope, config) => new (loadCloud('aws').AwsProvider)(scope, 'aws', { region: config.aws.region }),
    emit: (scope, plan) => loadCloud('aws').emitAws(scope, plan),
  },
  azure: {
    providerName: 'azurerm',
    source: 'hashicorp/azurerm',
    packageName: PACKAGES.azure,
    // subscription_id comes from the environment (ARM_SUBSCRIPTION_ID), as credentials do.
    provider: (scope) => new (loadCloud('azure').AzurermProvider)(scope, 'azurerm', { features: [{}] }),
    emit: (scope, plan) => loadCloud('azure').emitAzure(scope, plan),
  },
  gcp: {
    providerName: 'google',
    source: 'hashicorp/google',
    packageName: PACKAGES.gcp,
    provider: (scope, config) => new (loadCloud('gcp').GoogleProvider)(scope, 'google', { project: config.gcp.project, region: config.gcp.region }),
    emit: (scope, plan) => loadCloud('gcp').emitGcp(scope, plan),
  },
};
