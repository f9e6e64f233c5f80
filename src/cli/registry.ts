/** The list of command groups. Each module adds one line here, and nothing else in the CLI. */
import type { Command } from 'commander';
import type { CliIo } from './io.js';
import { registerCoreCommands } from './core-commands.js';
import { registerDemoCommand } from './demo.js';
import { registerServeCommand } from './serve.js';
import { registerGeoCommands } from './geo.js';
import { registerLedgerTransferCommands } from './ledger-transfer.js';
import { registerMinefieldCommands } from './minefield.js';
import { registerStockCommands } from './stock.js';
import { registerTreatyCommands } from './treaty.js';
import { registerComplianceCommands } from './compliance.js';
import { registerLandReleaseCommands } from './landrelease.js';
import { registerReportCommands } from './reports.js';
import { registerInterchangeCommands } from './interchange.js';

export type RegisterCommands = (program: Command, io: CliIo) => void;

export const commandRegistry: readonly RegisterCommands[] = [
  registerCoreCommands,
  registerDemoCommand,
  registerServeCommand,
  registerGeoCommands,
  registerLedgerTransferCommands,
  registerMinefieldCommands,
  registerStockCommands,
  registerTreatyCommands,
  registerComplianceCommands,
  registerLandReleaseCommands,
  registerReportCommands,
  registerInterchangeCommands,
];
