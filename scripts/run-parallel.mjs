// Runs npm scripts at once and fails when any fails: the gate's static checks and the web build
// (`npm run check`) are single-threaded, so on two cores together they take about half as long as
// one after another. Each script's output is printed whole when it ends, under its name, so the
// outputs do not interleave.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/run-parallel.mjs <npm script>...');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const runs = names.map((name) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => resolve({ name, code: 1, text: String(e), seconds: 0 }));
    child.on('close', (code) =>
      resolve({
        name,
        code: code ?? 1,
        text: Buffer.concat(out).toString(),
        seconds: (Date.now() - started) / 1000,
      }),
    );
  }).then((r) => {
    const verdict = r.code === 0 ? 'ok' : `failed (exit ${r.code})`;
    process.stdout.write(`> ${r.name}: ${verdict} in ${r.seconds.toFixed(1)} s\n${r.text}`);
    return r.code;
  }),
);
const codes = await Promise.all(runs);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
