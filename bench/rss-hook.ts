/**
 * Preloaded (`node --require`) into a measured child when GNU time is missing: writes the
 * child's peak RSS in KB to $BENCH_RSS_FILE as it exits.
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  // maxRSS is in KB, as GNU time's %M.
  if (file) writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
