import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import en from './en.json' with { type: 'json' };

type KnownCode = keyof typeof en.errors;
const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(en.errors, code);

/**
 * The text to show a person for an error: the translation of its code, the lock's
 * end for a locked account, else the server's own message (English), and the request
 * id for server faults so that support can find it in the logs.
 */
export function errorText(t: TFunction, error: unknown, formatTime: (iso: string) => string): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL');
  if (error.code === 'ACCOUNT_LOCKED') {
    const until = lockedUntil(error.details);
    if (until) return t('errorDetail.accountLockedUntil', { time: formatTime(until) });
  }
  const text = isKnownCode(error.code) ? t(`errors.${error.code}`) : error.message;
  if (error.status >= 500 && error.requestId) return t('errorDetail.withRequest', { text, requestId: error.requestId });
  return text;
}

function lockedUntil(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as Record<string, unknown>).lockedUntil;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}
