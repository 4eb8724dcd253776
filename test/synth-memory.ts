/**
 * The resources synthApp would write, as parsed Terraform JSON, without touching the disk: per
 * cloud, a TerraformStack filled by that cloud's emitter (CLOUD_TARGETS, as FirewallStack does),
 * aspects invoked, toTerraform() (what StackSynthesizer stringifies into cdk.tf.json), and a JSON
 * round trip so undefined values vanish exactly as in the file. The provider, backend and outputs
 * FirewallStack adds are left out: the readers read `resource` only (test/properties.test.ts
 * checks that block against a real synth to disk).
 *
 * Speed: CDKTF captures and formats a full stack trace for every token it creates, a large share
 * of the synth time (more under jest, whose frames are deep). The traces only decorate CDKTF's
 * error messages, so formatting is switched off while synthesizing (and restored after).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { CLOUD_TARGETS } from '../stacks/clouds';
import { Cloud } from '../src/clouds';
import { FirewallPlan } from '../src/plan/plan';
import { TfJson } from '../src/sources/cdktf-json';

/** App's constructor creates its outdir if missing; nothing is written there (no app.synth()). Call cleanup() in afterAll. */
export function memorySynth(): { synth: (plan: FirewallPlan, clouds: readonly Cloud[]) => Partial<Record<Cloud, TfJson>>; cleanup: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), 'st-memory-'));
  const synth = (firewallPlan: FirewallPlan, clouds: readonly Cloud[]): Partial<Record<Cloud, TfJson>> => {
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = () => '';
    try {
      const app = new App({ outdir, skipValidation: true, stackTraces: false });
      const result: Partial<Record<Cloud, TfJson>> = {};
      for (const cloud of clouds) {
        const stack = new TerraformStack(app, cloud);
        CLOUD_TARGETS[cloud].emit(stack, firewallPlan);
        invokeAspects(stack);
        result[cloud] = JSON.parse(JSON.stringify(stack.toTerraform())) as TfJson;
      }
      return result;
    } finally {
      Error.prepareStackTrace = previous;
    }
  };
  return { synth, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}
