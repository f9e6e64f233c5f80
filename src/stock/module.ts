/** The stock domain module: catalogue, movements, stock checks, and its projector. */
import type { DomainModule } from '../command/index.js';
import { catalogueCommands } from './catalogue.js';
import { checkCommands } from './checks.js';
import { movementCommands } from './movements.js';
import { stockEvents } from './events.js';
import { projectStock } from './project.js';

export const stockModule: DomainModule = {
  name: 'stock',
  commands: [...catalogueCommands, ...movementCommands, ...checkCommands],
  events: stockEvents,
  project: stockEvents.projector(projectStock),
};
