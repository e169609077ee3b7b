/**
 * Sector pseudonyms (commitment 5): a person is known to each sector by
 * HMAC-SHA256(sector key, person id), the sector key derived from the master key
 * with HKDF. Without the master key, pseudonyms of two sectors cannot be linked to
 * each other or to the person; with it, only this module derives them.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { SECTOR_NAMES, type Sector } from '../registry/catalogue/attribute-definition.ts';

/** Sectors that receive pseudonyms; identity works on the registry itself. */
export type PseudonymSector = Exclude<Sector, 'identity'>;
export const PSEUDONYM_SECTORS = SECTOR_NAMES.filter((s): s is PseudonymSector => s !== 'identity');

export const isPseudonymSector = (sector: string): sector is PseudonymSector => (PSEUDONYM_SECTORS as string[]).includes(sector);

export class PseudonymDeriver {
  private readonly keys = new Map<PseudonymSector, Buffer>();

  constructor(masterKey: Buffer) {
    for (const sector of PSEUDONYM_SECTORS) {
      this.keys.set(sector, Buffer.from(hkdfSync('sha256', masterKey, 'amparo', `sector-pseudonym:${sector}`, 32)));
    }
  }

  /** 22 base64url characters (132 bits). */
  pseudonymOf(sector: PseudonymSector, personId: string): string {
    return this.hash(sector, personId);
  }

  /**
   * A household's pseudonym, for household programs: the same key, but the message is
   * prefixed so that no household pseudonym can equal a person's (a person id is a bare
   * uuid and never starts with "household:").
   */
  householdPseudonymOf(sector: PseudonymSector, householdId: string): string {
    return this.hash(sector, `household:${householdId}`);
  }

  private hash(sector: PseudonymSector, message: string): string {
    return createHmac('sha256', this.keys.get(sector)!).update(message).digest().subarray(0, 17).toString('base64url').slice(0, 22);
  }
}
