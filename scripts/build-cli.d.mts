// Types of build-cli.mjs, for the TypeScript that imports it (the tests' global setup, the bench).
export declare const ROOT: string;
export declare const OUT_DIR: string;
export declare const ENTRIES: Record<string, string>;
export declare function cliIsStale(root?: string): boolean;
export declare function buildCli(options?: { root?: string }): Promise<{ files: string[]; ms: number }>;
