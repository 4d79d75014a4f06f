#!/usr/bin/env node
// A reader that stops early (`kechuang simulate m.yaml --csv | head`) closes the pipe: that ends the
// output the user asked for, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const { runCli } = await import('./run-cli.js');
process.exitCode = await runCli(process.argv.slice(2));
