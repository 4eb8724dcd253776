/**
 * The mark st-firewall leaves in every directory it writes (`synth --out`, `module --out`,
 * `npm run modules`): `.st-firewall-output`, one line of JSON naming the tool, the verb and every
 * file written. A later run replaces such a directory only when it holds nothing else, so a
 * file the tool did not write is never deleted (see cli/output-dir.ts).
 */
export const OUTPUT_MARKER = '.st-firewall-output';

export interface OutputMarker {
  readonly tool: 'st-firewall';
  /** The verb that wrote the directory: "synth" or "module". */
  readonly verb: string;
  /** Every file written, relative to the directory, "/"-separated, sorted; the marker itself excluded. */
  readonly files: readonly string[];
}

/** The marker's text: deterministic (sorted, no timestamps), so committed outputs stay byte-identical. */
export function markerText(verb: string, files: readonly string[]): string {
  const marker: OutputMarker = { tool: 'st-firewall', verb, files: [...files].filter((f) => f !== OUTPUT_MARKER).sort() };
  return `${JSON.stringify(marker)}\n`;
}

/** The marker read back, or undefined when the text is not one st-firewall wrote. */
export function parseMarker(text: string): OutputMarker | undefined {
  try {
    const value = JSON.parse(text) as Partial<OutputMarker>;
    if (value?.tool !== 'st-firewall' || typeof value.verb !== 'string' || !Array.isArray(value.files)) return undefined;
    if (!value.files.every((file) => typeof file === 'string')) return undefined;
    return value as OutputMarker;
  } catch {
    return undefined;
  }
}
