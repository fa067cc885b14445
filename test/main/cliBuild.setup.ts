/**
 * Vitest global setup: builds the `subrelay` bundle (out/cli/) when it is missing or older than its sources,
 * so that the tests that run main/bin/subrelay.js run today's code without printing the bin's rebuild notice.
 */
import { buildCli, staleness } from '../../main/bin/buildCli.js';

export default async function setup(): Promise<void> {
  if (staleness() !== undefined) await buildCli();
}
