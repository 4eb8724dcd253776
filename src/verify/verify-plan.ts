/**
 * `st-firewall verify --plan FILE`: the effective access a saved plan (or the state) will give,
 * read from `terraform show -json` (src/sources/plan-json.ts) and compared with the spec by the
 * same analysis as `verify` on stacks. Works for any Terraform with the resource types the
 * readers take, ours or hand-written.
 */
import { readFileSync } from 'node:fs';
import type { Cloud } from '../clouds';
import type { FirewallPlan } from '../plan/plan';
import { analyzeCloud } from '../analysis/analyze';
import type { CloudResult } from '../analysis/result';
import { UnsupportedConstruct } from '../model/errors';
import { FIREWALL_TYPES, PlanFlags, planJsonDeployment } from '../sources/plan-deployment';
import { PlanJsonInput, readPlanJson } from '../sources/plan-json';
import { DEFAULT_VNET, planFindings, VerifyOptions, VerifyReport } from './verify';

/** The clouds among `clouds` the plan has firewall resources of. */
export function cloudsInPlan(input: PlanJsonInput, clouds: readonly Cloud[]): Cloud[] {
  return clouds.filter((cloud) => input.resources.some((r) => FIREWALL_TYPES[cloud].includes(r.type)));
}

export function verifyPlanInput(plan: FirewallPlan, input: PlanJsonInput, clouds: readonly Cloud[], flags: PlanFlags = {}, options: VerifyOptions = {}): VerifyReport {
  const vnetCidrs = options.vnetCidrs ?? DEFAULT_VNET;
  const results: CloudResult[] = clouds.map((cloud) => {
    try {
      return analyzeCloud(cloud, planJsonDeployment(cloud, input, plan, flags), plan, { vnetCidrs });
    } catch (err) {
      if (!(err instanceof UnsupportedConstruct)) throw err;
      return { cloud, cells: 0, divergences: [], problems: [], findings: [], unsupported: err.message };
    }
  });
  const findings = [...planFindings(plan), ...results.flatMap((c) => c.findings)];
  return { clouds: results, findings, ok: results.length > 0 && results.every((c) => c.divergences.length === 0 && c.problems.length === 0 && !c.unsupported) };
}

/** Reads FILE; a file that is not plan or state JSON, or holds no firewall of the clouds asked for, is an Error naming it. */
export function verifyPlanFile(plan: FirewallPlan, file: string, clouds: readonly Cloud[], flags: PlanFlags = {}, options: VerifyOptions = {}): VerifyReport {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`--plan ${file}: ${(err as Error).message}`);
  }
  const input = readPlanJson(json, `--plan ${file}`);
  const present = cloudsInPlan(input, clouds);
  if (present.length === 0) throw new Error(`--plan ${file}: no ${clouds.map((c) => FIREWALL_TYPES[c].join(', ')).join('; ')} resources in this ${input.kind}`);
  return verifyPlanInput(plan, input, present, flags, options);
}
