import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { CommandOutput } from '../../src/cli/output.js';

const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function capture(): CommandOutput & { text: () => string } {
  let text = '';
  return { out: (part) => (text += part), err: (part) => (text += part), width: 120, text: () => text };
}

describe('kechuang explore', () => {
  it('prints its address, warns when it listens beyond this machine, and stops with exit 0 at Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [binary, 'explore', 'tests/fixtures/run/population-mc.yaml', '--runs', '200', '--host', '0.0.0.0', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('http://')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stdout).toMatch(/^kechuang explore: population-mc at http:\/\/0\.0\.0\.0:\d+\/ \(Ctrl-C stops it\)\n$/);
    expect(stderr).toContain('warning [exposed-server] --host 0.0.0.0');
    const port = /:(\d+)\//.exec(stdout)![1];
    const config = (await (await fetch(`http://127.0.0.1:${port}/api/config`)).json()) as { scenario: string };
    expect(config.scenario).toBe('population-mc');
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it.each([
    [['explore', 'tests/fixtures/run/missing.yaml'], 'cannot read'],
    [['explore', 'tests/fixtures/run/population-mc.yaml', '--port', 'http'], '--port http'],
    [['explore', 'tests/fixtures/run/population-mc.yaml', '--set', 'birth_rate=1'], 'parameter-out-of-range'],
  ])('exits 2 with a message for bad input: %j', async (args, expected) => {
    const output = capture();
    expect(await runCli(args, output)).toBe(2);
    expect(output.text()).toContain(expected);
    expect(output.text()).not.toContain('    at ');
  });
});
