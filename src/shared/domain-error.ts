/**
 * The one error a service throws. The HTTP edge maps `code` to a status through
 * `ERROR_STATUS` (src/http/error-handler.ts); the CLI prints `message` and exits 1.
 * `message` is English; the web app translates by `code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every machine-readable error code, with what it means. */
export const ERROR_CODES = {
  /** The request body, query or parameters do not match the schema. */
  VALIDATION_FAILED: 400,
  /** The request is well formed but asks for something the rules forbid. */
  RULE_VIOLATION: 422,
  /** No session, or the session expired. */
  UNAUTHENTICATED: 401,
  /** Username or password wrong; deliberately does not say which. */
  BAD_CREDENTIALS: 401,
  /** The password was right but the second factor is still to be given or enrolled. */
  SECOND_FACTOR_REQUIRED: 401,
  /** The one-time code is wrong, expired or already used. */
  BAD_SECOND_FACTOR: 401,
  /** Too many failed logins: the account is locked for a while. */
  ACCOUNT_LOCKED: 423,
  /** The role or scope of the official does not allow this. */
  FORBIDDEN: 403,
  /** A cookie-authenticated write without the session's CSRF token. */
  CSRF_MISMATCH: 403,
  /** The record does not exist, or the caller may not know that it does. */
  NOT_FOUND: 404,
  /** The request conflicts with the current state (e.g. a duplicate username). */
  CONFLICT: 409,
  /** The new record looks like a registered person: the registrar must say whether it is the same one. */
  DUPLICATE_SUSPECTED: 409,
  /** A terminal request without a valid signature: missing or bad headers, a time more than 5 minutes away, an unknown or not yet enrolled terminal. */
  TERMINAL_SIGNATURE_INVALID: 401,
  /** The terminal was revoked: nothing it sends is accepted any more. */
  TERMINAL_REVOKED: 403,
  /** A terminal's one-time enrolment code is wrong or already used. */
  ENROLMENT_CODE_INVALID: 422,
  /** A terminal's one-time enrolment code expired (24 h): the administrator registers the terminal again. */
  ENROLMENT_CODE_EXPIRED: 410,
  /** A well-formed card number that no card has. */
  CARD_UNKNOWN: 404,
  /** The card was revoked (its reason in the details): it no longer collects anything. */
  CARD_REVOKED: 422,
  /** The entitlement was already collected: when, where and on which terminal in the details. */
  ALREADY_REDEEMED: 409,
  /** The amount paid is not quantity × price per unit: both amounts in the details. */
  PRICE_MISMATCH: 422,
  /** Too many requests from this address. */
  RATE_LIMITED: 429,
  /** The database is not migrated yet or is unreachable. */
  UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
