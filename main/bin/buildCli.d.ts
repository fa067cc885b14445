/** Types of buildCli.js, for the tests. */
export const cliFolder: string;
export const cliEntry: string;
export const cliInputs: string;
/** Why the bundle cannot be used as it is, or undefined when it is up to date. */
export function staleness(): string | undefined;
/** Builds out/cli/ with esbuild. */
export function buildCli(): Promise<void>;
