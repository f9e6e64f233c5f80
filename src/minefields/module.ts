/** The minefields domain module: commands and projector (CCW APII Art 5, 9, 10; TA 1, 4). */
import type { DomainModule } from '../command/index.js';
import { minefieldCommands } from './commands.js';
import { minefieldEvents } from './events.js';
import { projectMinefieldEvent } from './project.js';

export const minefieldsModule: DomainModule = {
  name: 'minefields',
  commands: minefieldCommands,
  events: minefieldEvents,
  project: projectMinefieldEvent,
};
