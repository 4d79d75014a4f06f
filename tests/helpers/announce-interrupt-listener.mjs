// Preloaded (`node --import`) into a CLI process a test will interrupt: writes one line to stderr the
// first time the process starts listening for SIGINT, so the test sends Ctrl-C once the command is up
// and listening rather than after a delay that a loaded machine can outlast. It changes nothing else.
let announced = false;
process.on('newListener', (event) => {
  if (event !== 'SIGINT' || announced) return;
  announced = true;
  process.stderr.write('test: listening for SIGINT\n');
});
