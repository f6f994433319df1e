/** What a CLI command may touch: its streams, environment and the exit code it sets. */
export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (colour and progress bars allowed). */
  isTTY: boolean;
  /** The exit code the command wants; `main` returns it. */
  exitCode: number;
}
