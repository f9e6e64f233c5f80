/** The record layers on the map: which OGC collection feeds each, and how it is drawn. */
import type { Actor, Permission } from '../../../src/access/index.js';
import { can, cleared } from '../../../src/access/index.js';
import type { MessageKey } from '../i18n/index.js';

export type LayerKind = 'polygon' | 'point' | 'cluster';

export interface LayerDef {
  readonly id: string;
  /** OGC API Features collection id on the server. */
  readonly collection: string;
  readonly label: MessageKey;
  readonly kind: LayerKind;
  readonly colour: string;
  /** The permission a user needs for the layer to be offered (the server filters anyway). */
  readonly permission?: Permission;
}

export const LAYERS: readonly LayerDef[] = [
  { id: 'hazards', collection: 'hazards', label: 'map.layer.hazards', kind: 'polygon', colour: '#c0392b' },
  { id: 'releases', collection: 'releases', label: 'map.layer.releases', kind: 'polygon', colour: '#17a589' },
  {
    id: 'minefields',
    collection: 'minefields',
    label: 'map.layer.minefields',
    kind: 'polygon',
    colour: '#6c3483',
    permission: 'minefield.read',
  },
  {
    id: 'facilities',
    collection: 'facilities',
    label: 'map.layer.facilities',
    kind: 'point',
    colour: '#1f3a93',
    permission: 'stock.read',
  },
  { id: 'devices', collection: 'devices', label: 'map.layer.devices', kind: 'point', colour: '#9a7d0a' },
  {
    id: 'accidents',
    collection: 'accidents',
    label: 'map.layer.accidents',
    kind: 'cluster',
    colour: '#922b21',
  },
];

/** The layers offered to this user: minefields only for cleared users. */
export function layersFor(actor: Actor | null): readonly LayerDef[] {
  return LAYERS.filter((l) => {
    if (l.permission === undefined) return true;
    if (actor === null || !can(actor, l.permission)) return false;
    // APII records are classified: offered only to users cleared for restricted records.
    return l.id !== 'minefields' || cleared(actor, 'restricted');
  });
}
