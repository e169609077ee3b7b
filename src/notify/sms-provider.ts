import { appendFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Where SMS messages leave amparo. A provider sends one message and answers with its
 * own reference, or throws; the sender records either as a delivery attempt. Every
 * provider passes the same conformance cases (sms-provider.test.ts).
 */
export interface SmsProvider {
  readonly name: string;
  send(to: string, body: string): Promise<{ providerRef: string }>;
}

/**
 * Appends each message as one JSON line to a file: the provider of demos and tests,
 * and a way to hand messages to an operator's own gateway. Synchronous append, so a
 * line is whole or absent.
 */
export class FileSmsProvider implements SmsProvider {
  readonly name = 'file';
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  async send(to: string, body: string): Promise<{ providerRef: string }> {
    const providerRef = randomUUID();
    appendFileSync(this.file, `${JSON.stringify({ at: new Date().toISOString(), ref: providerRef, to, body })}\n`, { mode: 0o600 });
    return { providerRef };
  }
}

export const SMS_PROVIDERS = ['file'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** The configured provider. */
export function smsProviderFor(config: { smsProvider: SmsProviderName; smsFile: string }): SmsProvider {
  switch (config.smsProvider) {
    case 'file':
      return new FileSmsProvider(config.smsFile);
  }
}
