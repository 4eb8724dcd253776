/**
 * The audit's HTML report in a real browser: headless Chromium loads the page from disk, the test
 * reads the vendor rows, the missing and extra flows and the diagram back from the DOM Chromium
 * built, saves a screenshot and a PDF (print CSS) under the test's temp dir, and checks the page
 * asks for nothing outside itself. Without Chromium the browser half is skipped with a visible
 * line (under CI=true it fails instead: .ci/run installs Debian's chromium).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main';
import { REPORT_MARKER } from '../src/report/html';

const DIR = resolve(__dirname, 'fixtures/exports');
const work = mkdtempSync(join(tmpdir(), 'st-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) {
  if (process.env.CI === 'true') throw new Error('report-html.test: chromium is not installed (.ci/run installs it)');
  console.warn('report-html.test: chromium not found: skipping the browser checks of the HTML report (apt-get install -y chromium)');
}

/** Chromium with a fresh profile and nothing that talks to the network by itself. */
function browse(args: readonly string[], url: string): string {
  const profile = mkdtempSync(join(work, 'profile-'));
  try {
    return execFileSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args, url],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function writeReport(name: string, cloud: string, exportFile: string, flags: readonly string[]): Promise<string> {
  const file = join(work, name);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await main(['audit', '--config', join(DIR, 'config.json'), '--cloud', cloud, '--export', join(DIR, exportFile), ...flags, '--report', file]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return file;
}

/** Rows of a table in the DOM Chromium serialized: each <tr> of its tbody as its attributes and cell texts. */
function tableRows(dom: string, id: string): { attrs: Record<string, string>; cells: string[] }[] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(dom);
  if (!table) throw new Error(`no table #${id} in the DOM`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1])![1];
  return [...body.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)].map(([, attrs, inner]) => ({
    attrs: Object.fromEntries([...attrs.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
    cells: [...inner.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').trim()),
  }));
}

describe('the HTML report file', () => {
  it('is self-contained: no scripts, no external assets, the marker first', async () => {
    const html = readFileSync(await writeReport('static.html', 'azure', 'azure/broken-extra-port.json', ['--edge', 'nsg-mft-dmz', '--server', 'nsg-mft-core']), 'utf8');
    expect(html.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=|url\((?!#)/i);
    // The only URLs are the SVG namespace and in-page anchors.
    expect([...html.matchAll(/https?:\/\/[^\s"')<]+/g)].map((m) => m[0])).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toMatch(/@media print/);
  });
});

(chromium ? describe : describe.skip)('the HTML report in headless Chromium', () => {
  it('shows the vendor rows with their status, the extra flow with its change, and the diagram', async () => {
    const file = await writeReport('aws-wrong-source.html', 'aws', 'aws/broken-wrong-source.json', ['--edge', 'mft-dmz-edge', '--server', 'mft-backend']);
    const dom = browse(['--dump-dom'], `file://${file}`);
    const rows = tableRows(dom, 'rows-aws');
    expect(rows).toHaveLength(42);
    expect(rows.filter((r) => r.attrs['data-status'] !== 'present').map((r) => [r.attrs['data-rule'], r.attrs['data-status']])).toEqual([['edge-ssh-admin', 'different']]);
    const ssh = rows.find((r) => r.attrs['data-rule'] === 'edge-ssh-admin')!;
    expect(ssh.cells.slice(0, 6)).toEqual(['Edges', 'edge-ssh-admin', 'TCP', '22', 'Administration Host Private IP', 'SSH for Administration']);
    expect(ssh.cells[7]).toBe('different');
    const extra = tableRows(dom, 'extra-aws');
    expect(extra).toHaveLength(1);
    expect(extra[0].cells[1]).toBe('tcp 22 from 10.20.9.0-10.20.9.4, 10.20.9.6-10.20.9.255');
    expect(extra[0].cells[3]).toContain("aws ec2 authorize-security-group-ingress --group-id sg-0e1d2c3b4a5968701 --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.20.9.5/32}]'");
    expect(dom).toContain('id="missing-aws">None: every vendor row reaches.');
    expect(dom).toMatch(/data-verdict="diverges">1 divergence: 0 missing, 1 extra/);
    // The diagram: the four host classes, ports on the arrows, the extra flow from its source.
    for (const node of ['internet', 'edge', 'server', 'adminHost', 'other']) expect(dom).toContain(`data-node="${node}"`);
    expect(dom).toMatch(/<tspan[^>]*>tcp 20021, 20022, 20080, 20444, 21080, 27617<\/tspan>/);
    expect(dom).toMatch(/<tspan[^>]*class="label extra"[^>]*>extra: tcp 22 from 10\.20\.9\.0-10\.20\.9\.4,/);

    const png = join(work, 'report.png');
    browse(['--window-size=1280,2400', `--screenshot=${png}`, '--hide-scrollbars'], `file://${file}`);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const pdf = join(work, 'report.pdf');
    browse(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], `file://${file}`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('a missing row reads missing, on its arrow too; an equal deployment says so', async () => {
    const file = await writeReport('gcp-missing.html', 'gcp', 'gcp/broken-missing-row.json', ['--edge', 'dmz-node', '--server', 'backend-node']);
    const dom = browse(['--dump-dom'], `file://${file}`);
    expect(tableRows(dom, 'rows-gcp').filter((r) => r.attrs['data-status'] !== 'present').map((r) => r.attrs['data-rule'])).toEqual(['edge-pesit-ptcp-ssl']);
    const missing = tableRows(dom, 'missing-gcp');
    expect(missing.map((r) => r.cells.slice(0, 4))).toEqual([['Edges', 'tcp 19627 from 0.0.0.0/0', 'edge-pesit-ptcp-ssl', 'mft-edge-deny']]);
    expect(dom).toMatch(/<path class="arrow missing"/);
    expect(dom).toMatch(/>missing: tcp 19627<\/tspan>/);
    const equal = browse(['--dump-dom'], `file://${await writeReport('gcp-equal.html', 'gcp', 'gcp/firewall-rules.json', ['--edge', 'dmz-node', '--server', 'backend-node'])}`);
    expect(equal).toMatch(/data-verdict="equal">Effective access equals the vendor's rows/);
    expect(tableRows(equal, 'rows-gcp').every((r) => r.attrs['data-status'] === 'present')).toBe(true);
    expect(existsSync(join(work, 'gcp-equal.html'))).toBe(true);
  }, 180_000);
});
