/**
 * Entry point for `cdktf synth` (see cdktf.json): the CDKTF CLI runs this with CDKTF_OUTDIR set.
 * The config comes from ST_FIREWALL_CONFIG (default: the bundled example), the clouds from
 * ST_FIREWALL_CLOUDS (default: all three). `st-firewall synth` does the same without the CDKTF CLI.
 */
import { CLOUDS, isCloud } from '../src/clouds';
import { ConfigError, loadConfigFile } from '../src/config/load';
import { plan } from '../src/plan/plan';
import { synthApp } from './app';

const configFile = process.env.ST_FIREWALL_CONFIG || 'examples/st-prod.json';
const clouds = (process.env.ST_FIREWALL_CLOUDS || CLOUDS.join(',')).split(',').filter(isCloud);
try {
  const result = synthApp(plan(loadConfigFile(configFile)), clouds, process.env.CDKTF_OUTDIR || 'cdktf.out');
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? '' : 'st-firewall: '}${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}
