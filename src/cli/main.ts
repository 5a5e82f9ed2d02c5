#!/usr/bin/env node
// `coalition`: the command-line front end. Commands other than `validate` and `serve` reach the
// installation the way connect.ts decides: a running server over HTTP, or the store opened in this
// process as its operator. The program (program.ts) loads each command only when it runs, so this
// entry stays light: `coalition --version` loads commander and little else.
//
// Runs compiled (dist/cli/main.js, built by scripts/build-cli.mjs; bin/coalition.mjs) or from the
// TypeScript sources through tsx (`npm run dev`, `npm run coalition`).
import { reportError } from './errors.ts';
import { buildProgram } from './program.ts';

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

const code = await main(process.argv);
if (code !== 0) process.exitCode = code;
