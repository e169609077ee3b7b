import { ApiError, apiRequest, rememberCsrfToken } from './client.ts';
import type { LoginBody, LoginResponse, Me } from './contracts.ts';

/** First step: username and password. The answer says what comes next. */
export async function logIn(body: LoginBody): Promise<LoginResponse> {
  const answer = await apiRequest<LoginResponse>('POST', '/api/auth/login', { body });
  rememberCsrfToken(answer.csrfToken);
  return answer;
}

/** Second step, also the last step of enrolment: the six-digit code. */
export async function giveSecondFactor(code: string): Promise<LoginResponse> {
  const answer = await apiRequest<LoginResponse>('POST', '/api/auth/second-factor', { body: { code } });
  rememberCsrfToken(answer.csrfToken);
  return answer;
}

/** The signed-in official, or null when there is no full session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('GET', '/api/auth/me');
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    // A half-finished login (second factor still due) counts as signed out.
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SECOND_FACTOR_REQUIRED')) return null;
    throw error;
  }
}

export async function logOut(): Promise<void> {
  try {
    await apiRequest<void>('POST', '/api/auth/logout');
  } finally {
    rememberCsrfToken(undefined);
  }
}
