import { apiRequest } from './client.ts';
import type {
  Explanation,
  ExplainInput,
  Program,
  ProgramDetail,
  ProgramEdit,
  ProgramInput,
  ProgramStatusChange,
  PublicProgram,
  PublicProgramDetail,
  RuleInput,
  RuleVersion,
  Vocabulary,
} from './contracts.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const programUrl = (code: string) => `/api/programs/${encodeURIComponent(code)}`;

/** The programs in operation or closed, each with the rule in force today (public, no login). */
export const getPublicPrograms = (signal?: AbortSignal) =>
  apiRequest<{ programs: PublicProgram[] }>('GET', '/api/public/programs', opts(signal)).then((r) => r.programs);

/** One program and every rule version it published (public, no login); 404 NOT_FOUND for a draft or an unknown code. */
export const getPublicProgram = (code: string, signal?: AbortSignal) =>
  apiRequest<PublicProgramDetail>('GET', `/api/public/programs/${encodeURIComponent(code)}`, opts(signal));

// What program managers do (src/programs/routes.ts). Programs hold no personal data:
// reading them is not audited; every change is, with its reason.

/** The programs the official's program scopes cover, drafts included. */
export const listPrograms = (signal?: AbortSignal) => apiRequest<{ programs: Program[] }>('GET', '/api/programs', opts(signal)).then((r) => r.programs);

/** 404 NOT_FOUND also for a program outside the official's scopes. */
export const getProgram = (code: string, signal?: AbortSignal) => apiRequest<ProgramDetail>('GET', programUrl(code), opts(signal));

/** 201 with the draft; 409 CONFLICT when the code is taken. */
export const createProgram = (body: ProgramInput) => apiRequest<Program>('POST', '/api/programs', { body });

/** 409 CONFLICT when someone changed the program since `expectedVersion`. */
export const editProgram = (code: string, body: ProgramEdit) => apiRequest<Program>('PATCH', programUrl(code), { body });

/** Activate a draft that has a rule, or close an active program (final). */
export const changeProgramStatus = (code: string, action: 'activate' | 'close', body: ProgramStatusChange) =>
  apiRequest<Program>('POST', `${programUrl(code)}/${action}`, { body });

/**
 * 201 with the new version. A rule the checker refuses answers 422 RULE_VIOLATION with
 * `details.problems` (each a RuleProblem naming its term); a stale `expectedRuleVersion`, 409 CONFLICT.
 */
export const publishRule = (code: string, body: RuleInput) => apiRequest<RuleVersion>('POST', `${programUrl(code)}/rules`, { body });

/** The facts the program's rules may name, and the catalogue attributes withheld from them, with why. */
export const getVocabulary = (code: string, signal?: AbortSignal) => apiRequest<Vocabulary>('GET', `${programUrl(code)}/vocabulary`, opts(signal));

/** Each clause of the decision for one household or person, with the facts it read (audited as a read of their records). */
export const explainDecision = (code: string, body: ExplainInput) => apiRequest<Explanation>('POST', `${programUrl(code)}/explain`, { body });
