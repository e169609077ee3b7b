import type { AppContext } from '../app-context.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { coversRegion } from '../auth/roles.ts';
import { DomainError, notFound } from '../shared/domain-error.ts';
import type { RegistryActor } from './enrol-household.ts';
import { findPerson, insertPhoto, latestPhoto } from './store.ts';

const MAX_PHOTO_BYTES = 300_000;

// The first bytes of each accepted format, so a mislabelled upload is refused.
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Stores a new photo version of a person (webcam capture or upload), audited. */
export async function savePhoto(
  ctx: AppContext,
  actor: RegistryActor,
  personId: string,
  upload: { contentType: 'image/webp' | 'image/jpeg' | 'image/png'; dataBase64: string },
  requestId?: string,
) {
  const image = Buffer.from(upload.dataBase64, 'base64');
  if (image.length === 0 || image.length > MAX_PHOTO_BYTES) throw new DomainError('VALIDATION_FAILED', `a photo must be between 1 byte and ${MAX_PHOTO_BYTES / 1000} kB`);
  if (!SIGNATURES[upload.contentType]!(image)) throw new DomainError('VALIDATION_FAILED', `the data is not a ${upload.contentType} image`);
  return ctx.db.transaction().execute(async (tx) => {
    const person = await findPerson(tx, personId);
    if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
    if (person.status !== 'active') throw new DomainError('RULE_VIOLATION', `a ${person.status} record cannot get a new photo`);
    const version = await insertPhoto(tx, personId, upload.contentType, image, actor.id);
    await writeAudit(tx, { actor, purpose: 'enrolment', action: 'registry.photo_saved', subject: { type: 'person', id: personId }, summary: { version, bytes: image.length }, requestId });
    return version;
  });
}

/** The current photo, for an official whose regions cover the person; audited. */
export async function readPhoto(ctx: AppContext, actor: RegistryActor, personId: string, requestId?: string) {
  const person = await findPerson(ctx.db, personId);
  if (!person || !coversRegion(actor.regionScopes, person.region_code)) throw notFound('person');
  const photo = await latestPhoto(ctx.db, personId);
  if (!photo) throw notFound('photo');
  await writeAudit(ctx.db, { actor, purpose: 'enrolment', action: 'registry.photo_read', subject: { type: 'person', id: personId }, summary: { version: photo.version }, requestId });
  return { contentType: photo.content_type, image: photo.image };
}
