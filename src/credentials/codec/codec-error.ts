/** Why a card does not verify; a verifier shows the reason, never a stack trace. */
export type InvalidReason =
  | 'bad_format'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked'
  | 'status_unavailable';

export class CodecError extends Error {
  constructor(
    readonly reason: InvalidReason,
    message: string,
  ) {
    super(message);
    this.name = 'CodecError';
  }
}
