// The readline front of local mode: reads lines from standard input, hands them to LocalChat one at
// a time, prints its output, and prints messages that arrive between inputs above the prompt.
import { createInterface, type Interface } from 'node:readline';
import type { LocalChat } from './chat';

export interface TerminalOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Called once on /quit, Ctrl-C or end of input. */
  onClose(): void;
}

export interface Terminal {
  close(): void;
  /** Resolves when every line typed so far has been handled. */
  idle(): Promise<void>;
}

export async function runTerminal(chat: LocalChat, options: TerminalOptions): Promise<Terminal> {
  const { output } = options;
  const isTTY = Boolean((output as { isTTY?: boolean }).isTTY);
  const rl: Interface = createInterface({ input: options.input, output, terminal: isTTY });
  let closed = false;
  let busy = false;
  let queue = Promise.resolve();

  const write = (lines: string[]) => {
    if (lines.length) output.write(`${lines.join('\n')}\n`);
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    rl.close();
    options.onClose();
  };

  chat.onAsyncOutput((lines) => {
    if (closed) return;
    if (busy) write(lines);
    else if (isTTY) {
      // Clear the half-typed line, print, then redraw the prompt with what was typed.
      output.write('\r\x1b[K');
      write(lines);
      rl.prompt(true);
    } else write(lines);
  });

  write(await chat.start());
  rl.setPrompt(chat.prompt());
  rl.prompt();

  rl.on('line', (line) => {
    queue = queue.then(async () => {
      if (closed) return;
      busy = true;
      try {
        write(await chat.input(line));
      } finally {
        busy = false;
      }
      if (closed) return;
      rl.setPrompt(chat.prompt());
      rl.prompt();
    });
  });
  rl.on('SIGINT', finish);
  rl.on('close', () => {
    // End of input: let queued lines finish first.
    void queue.then(finish);
  });

  return {
    close: () => {
      if (closed) return;
      closed = true;
      chat.close();
      rl.close();
    },
    idle: () => queue,
  };
}
