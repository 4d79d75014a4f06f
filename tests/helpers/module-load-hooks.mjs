// Module loading hooks (node:module `register`) that record each module's URL as it loads.
import { appendFileSync } from 'node:fs';

let log = '';

/** Where to record: the file the preloading script was given. */
export function initialize(data) {
  log = data.log;
}

/** Record the module, then load it as Node would. */
export async function load(url, context, nextLoad) {
  appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
