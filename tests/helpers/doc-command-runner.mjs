// A child process of tests/docs/docs-commands.test.ts. It loads the built CLI once, then runs each block
// of documentation commands it is sent, in the block's scratch folder, through the runCli that
// dist/cli/main.js calls, and sends back each command's exit code and what it printed.
import { execFileSync } from 'node:child_process';
import { runCli } from '../../dist/cli/run-cli.js';

/** The arguments of one `kechuang ...` line, as bash reads its quotes, globs and comments. */
function kechuangArguments(line, cwd) {
  const script = `kechuang() { printf '%s\\0' "$@"; }\n${line.replace(/^npx kechuang\b/, 'kechuang')}`;
  return execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8' }).split('\0').slice(0, -1);
}

async function runCommand(command, cwd) {
  let printed = '';
  const output = {
    out: (text) => (printed += text),
    err: (text) => (printed += text),
    width: 120,
  };
  const started = performance.now();
  try {
    const status = await runCli(kechuangArguments(command, cwd), output);
    return { command, status, output: printed, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { command, status: null, output: `${printed}${String(error)}`, seconds: 0 };
  }
}

process.on('message', ({ cwd, commands }) => {
  void (async () => {
    process.chdir(cwd);
    const runs = [];
    for (const command of commands) runs.push(await runCommand(command, cwd));
    process.send(runs);
  })();
});
