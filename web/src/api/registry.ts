import { apiBlob, apiRequest } from './client.ts';
import type {
  DedupDecision,
  DedupPairStatus,
  DedupPairView,
  EnrolResult,
  HouseholdEdit,
  HouseholdInput,
  HouseholdRecord,
  HouseholdView,
  ImportReport,
  MemberAdded,
  MemberAddition,
  MemberMove,
  MoveResult,
  PersonEdit,
  PersonView,
  PhotoUpload,
  RemovalAction,
  RemovalRequestInput,
  RemovalStatus,
  RemovalView,
  SearchPage,
  SearchQuery,
  VersionView,
} from './contracts.ts';

// The registry's endpoints (src/registry/routes.ts). Every read of a record is audited
// on the server, so screens ask once and keep what they got.

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** 201 with the result, or ApiError 409 DUPLICATE_SUSPECTED whose details are a DuplicateSuspected. */
export const enrolHousehold = (body: HouseholdInput) => apiRequest<EnrolResult>('POST', '/api/registry/households', { body });

export const getHousehold = (id: string, signal?: AbortSignal) =>
  apiRequest<HouseholdView>('GET', `/api/registry/households/${encodeURIComponent(id)}`, opts(signal));

export const getHouseholdHistory = (id: string, signal?: AbortSignal) =>
  apiRequest<{ versions: VersionView[] }>('GET', `/api/registry/households/${encodeURIComponent(id)}/history`, opts(signal)).then((r) => r.versions);

/** ApiError 409 CONFLICT when the household changed since `expectedVersion`; answers without the members (read them again). */
export const editHousehold = (id: string, edit: HouseholdEdit) =>
  apiRequest<HouseholdRecord>('PATCH', `/api/registry/households/${encodeURIComponent(id)}`, { body: edit });

/** 201 with the result, or ApiError 409 DUPLICATE_SUSPECTED (details a DuplicateSuspected, member 0) or CONFLICT. */
export const addMember = (householdId: string, body: MemberAddition) =>
  apiRequest<MemberAdded>('POST', `/api/registry/households/${encodeURIComponent(householdId)}/members`, { body });

export const moveMember = (householdId: string, body: MemberMove) =>
  apiRequest<MoveResult>('POST', `/api/registry/households/${encodeURIComponent(householdId)}/moves`, { body });

export const requestHouseholdRemoval = (householdId: string, body: RemovalRequestInput) =>
  apiRequest<{ id: string; status: 'pending' }>('POST', `/api/registry/households/${encodeURIComponent(householdId)}/removal-requests`, { body });

export const getPerson = (id: string, signal?: AbortSignal) =>
  apiRequest<PersonView>('GET', `/api/registry/persons/${encodeURIComponent(id)}`, opts(signal));

/** Oldest first; each version's `data` is the whole record as it was then. */
export const getPersonHistory = (id: string, signal?: AbortSignal) =>
  apiRequest<{ versions: VersionView[] }>('GET', `/api/registry/persons/${encodeURIComponent(id)}/history`, opts(signal)).then((r) => r.versions);

/** ApiError 409 CONFLICT when the record changed since `expectedVersion`. */
export const editPerson = (id: string, edit: PersonEdit) =>
  apiRequest<PersonView>('PATCH', `/api/registry/persons/${encodeURIComponent(id)}`, { body: edit });

export const requestRemoval = (personId: string, body: RemovalRequestInput) =>
  apiRequest<{ id: string; status: 'pending' }>('POST', `/api/registry/persons/${encodeURIComponent(personId)}/removal-requests`, { body });

export const listRemovals = (status: RemovalStatus | undefined, signal?: AbortSignal) =>
  apiRequest<{ requests: RemovalView[] }>('GET', '/api/registry/removal-requests', { query: { status }, ...opts(signal) }).then((r) => r.requests);

export const decideRemoval = (id: string, action: RemovalAction, note: string) =>
  apiRequest<Pick<RemovalView, 'id' | 'status' | 'actions'>>('POST', `/api/registry/removal-requests/${encodeURIComponent(id)}/${action}`, {
    body: { note },
  });

/** One page of results; `next` asks for the following one. */
export const searchPersons = (query: SearchQuery, signal?: AbortSignal) =>
  apiRequest<SearchPage>('GET', '/api/registry/search', { query: { ...query }, ...opts(signal) });

export const listDedupPairs = (status: DedupPairStatus | undefined, signal?: AbortSignal) =>
  apiRequest<{ pairs: DedupPairView[] }>('GET', '/api/registry/dedup/pairs', { query: { status }, ...opts(signal) }).then((r) => r.pairs);

export const decideDedupPair = (id: string, body: DedupDecision) =>
  apiRequest<DedupPairView>('POST', `/api/registry/dedup/pairs/${encodeURIComponent(id)}/decide`, { body });

export const undoDedupPair = (id: string, note: string) =>
  apiRequest<DedupPairView>('POST', `/api/registry/dedup/pairs/${encodeURIComponent(id)}/undo`, { body: { note } });

/** The file goes as it is, as the request body; the server parses and checks every row. */
export const importPersons = (file: Blob) =>
  apiRequest<ImportReport>('POST', '/api/registry/imports', { raw: { content: file, contentType: 'text/csv' } });

/** ApiError NOT_FOUND when the person has no photo (or is not the official's to see). */
export const getPhoto = (personId: string, signal?: AbortSignal) => apiBlob(`/api/registry/persons/${encodeURIComponent(personId)}/photo`, opts(signal));

export const putPhoto = (personId: string, photo: PhotoUpload) =>
  apiRequest<void>('PUT', `/api/registry/persons/${encodeURIComponent(personId)}/photo`, { body: photo });
