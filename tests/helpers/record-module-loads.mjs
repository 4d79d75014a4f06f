// Preloaded with `node --import`: appends the URL of every module the process loads to the file that
// KECHUANG_MODULE_LOG names, one a line (tests/e2e/startup.test.ts reads it).
import { register } from 'node:module';

register(new URL('./module-load-hooks.mjs', import.meta.url), { data: { log: process.env.KECHUANG_MODULE_LOG } });
