// `cbct <command> …`: the headless front end over the same core the app uses.
import { CoreError } from '../contract/errors.js';
import { COMMANDS, usage } from './commands.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`cbct: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message =
      err instanceof CoreError ? `${err.message}` : err instanceof Error ? err.message : String(err);
    const kind = err instanceof CoreError ? ` (${err.kind})` : '';
    process.stderr.write(`cbct: error${kind}: ${message}\n`);
    if (process.env.CBCT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
