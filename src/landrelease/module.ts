/** The land-release domain module: commands, projector and the minefield hand-over reaction. */
import type { DomainModule } from '../command/index.js';
import { directCommands } from './direct.js';
import { hazardCommands, react } from './hazards.js';
import { importCommands } from './import.js';
import { landReleaseEvents } from './events.js';
import { projectLandRelease } from './project.js';
import { hazardImportCommands } from './import-hazards.js';
import { victimCommands } from './victims.js';
import { workbenchCommands } from './workbench.js';

export const landReleaseModule: DomainModule = {
  name: 'landrelease',
  commands: [
    ...workbenchCommands,
    ...hazardCommands,
    ...victimCommands,
    ...importCommands,
    ...directCommands,
    ...hazardImportCommands,
  ],
  events: landReleaseEvents,
  project: projectLandRelease,
  react,
};
