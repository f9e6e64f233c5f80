/** The list of command groups. Each module adds one line here, and nothing else in the CLI. */
import type { Command } from 'commander';
import type { CliIo } from './io.js';

export type RegisterCommands = (program: Command, io: CliIo) => void;

export const commandRegistry: readonly RegisterCommands[] = [];
