/**
 * Sector pseudonyms (commitment 5): a person is known to each sector by
 * HMAC-SHA256(sector key, person id), the sector key derived from the master key
 * with HKDF. Without the master key, pseudonyms of two sectors cannot be linked to
 * each other or to the person; with it, only this module derives them.
 */
import { createHash, hkdfSync, type Hash } from 'node:crypto';
import { SECTOR_NAMES, type Sector } from '../registry/catalogue/attribute-definition.ts';

/** Sectors that receive pseudonyms; identity works on the registry itself. */
export type PseudonymSector = Exclude<Sector, 'identity'>;
export const PSEUDONYM_SECTORS = SECTOR_NAMES.filter((s): s is PseudonymSector => s !== 'identity');

export const isPseudonymSector = (sector: string): sector is PseudonymSector => (PSEUDONYM_SECTORS as string[]).includes(sector);

export class PseudonymDeriver {
  /** Per sector, SHA-256 already fed with the key's inner and outer pads (RFC 2104). */
  private readonly pads = new Map<PseudonymSector, { inner: Hash; outer: Hash }>();

  constructor(masterKey: Buffer) {
    for (const sector of PSEUDONYM_SECTORS) {
      const key = Buffer.from(hkdfSync('sha256', masterKey, 'amparo', `sector-pseudonym:${sector}`, 32));
      const block = Buffer.alloc(64);
      key.copy(block);
      this.pads.set(sector, {
        inner: createHash('sha256').update(block.map((b) => b ^ 0x36)),
        outer: createHash('sha256').update(block.map((b) => b ^ 0x5c)),
      });
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

  /**
   * HMAC-SHA256 from the padded states, copied for each message: the same bytes as
   * createHmac (tested), without preparing the key again for each of millions of
   * subjects in a cycle.
   */
  private hash(sector: PseudonymSector, message: string): string {
    const { inner, outer } = this.pads.get(sector)!;
    const mac = outer.copy().update(inner.copy().update(message).digest()).digest();
    return mac.subarray(0, 17).toString('base64url').slice(0, 22);
  }
}
