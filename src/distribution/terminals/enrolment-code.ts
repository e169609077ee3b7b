import { createHash, randomBytes } from 'node:crypto';
import { CARD_ALPHABET } from '../../credentials/codec/card-number.ts';

/** 12 symbols of the card alphabet (27 symbols, no look-alikes): about 57 bits, typed once on the device. */
export const ENROLMENT_CODE_LENGTH = 12;
/** How long an administrator's enrolment code stays usable. */
export const ENROLMENT_CODE_HOURS = 24;

/** A new code, shown as XXXX-XXXX-XXXX. Rejection sampling keeps every symbol equally likely. */
export function newEnrolmentCode(): string {
  const n = CARD_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  while (code.length < ENROLMENT_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && code.length < ENROLMENT_CODE_LENGTH) code += CARD_ALPHABET[byte % n];
    }
  }
  return code.match(/.{4}/g)!.join('-');
}

/** What is hashed: the code as typed, without dashes or spaces, upper case. */
export const normaliseEnrolmentCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

/** The SHA-256 the database keeps instead of the code. */
export const enrolmentCodeHash = (typed: string) => createHash('sha256').update(normaliseEnrolmentCode(typed)).digest();
