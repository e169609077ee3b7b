import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once from the environment (and CLI flags, which the CLI
 * folds into the environment before calling `loadConfig`), validated, and frozen.
 * Development conveniences (a generated master key, demo accounts without a second
 * factor) are only possible when `AMPARO_MODE` is not `production`.
 */
const Env = z.object({
  AMPARO_MODE: z.enum(['production', 'demo', 'development', 'test']).default('development'),
  AMPARO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  AMPARO_ADMIN_PASSWORD: z.string().min(12, 'AMPARO_ADMIN_PASSWORD must have at least 12 characters').optional(),
  /** 32 bytes, base64: encrypts the installation's private keys at rest. */
  AMPARO_MASTER_KEY: z.string().optional(),
  AMPARO_MASTER_KEY_FILE: z.string().optional(),
  AMPARO_SESSION_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  AMPARO_ISSUER: z.string().url().default('https://amparo.example'),
  AMPARO_ISSUER_NAME: z.string().min(1).max(60).default('Registro Social — amparo'),
  AMPARO_COUNTRY: z.string().regex(/^[A-Z]{2,3}$/, 'AMPARO_COUNTRY must be an ISO 3166 code such as VE or XA').default('XA'),
  AMPARO_CARD_LANGUAGE: z.string().regex(/^[a-z]{3}$/, 'AMPARO_CARD_LANGUAGE must be an ISO 639-3 code such as spa').default('spa'),
  AMPARO_CARD_VALIDITY_YEARS: z.coerce.number().int().min(1).max(20).default(5),
  AMPARO_CHECKPOINT_MINUTES: z.coerce.number().min(0).default(60),
  AMPARO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  AMPARO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where SMS receipts go (src/notify): 'file' appends JSON lines to AMPARO_SMS_FILE. */
  AMPARO_SMS_PROVIDER: z.enum(['file']).default('file'),
  AMPARO_SMS_FILE: z.string().min(1).optional(),
});

export type Mode = z.infer<typeof Env>['AMPARO_MODE'];

export interface Config {
  readonly mode: Mode;
  readonly dataDir: string;
  /** Set: PostgreSQL. Unset: embedded PGlite in `dataDir/pg`. */
  readonly databaseUrl: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly adminPassword: string | undefined;
  readonly masterKey: Buffer;
  readonly sessionMinutes: number;
  readonly issuer: string;
  /** The issuing authority's name, printed on cards. */
  readonly issuerName: string;
  /** ISO 3166 code printed in cards as the country of issuance (XA, a user-assigned code, in demos). */
  readonly country: string;
  /** ISO 639-3 code of the language the names on cards are written in. */
  readonly cardLanguage: string;
  readonly cardValidityYears: number;
  readonly checkpointMinutes: number;
  readonly logLevel: string;
  /** Requests per minute per client address, all routes together. */
  readonly rateLimitPerMinute: number;
  /** Login and second-factor attempts per minute per client address. */
  readonly loginRatePerMinute: number;
  /** Demo accounts may skip the second factor only when this is true. */
  readonly demo: boolean;
  /** Cookies carry `Secure` unless we are clearly on a developer's machine. */
  readonly secureCookies: boolean;
  /** The SMS provider of the notification outbox (src/notify). */
  readonly smsProvider: 'file';
  /** The file provider's file: default `<dataDir>/sms-outbox.log`. */
  readonly smsFile: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.AMPARO_DATA_DIR);
  return Object.freeze({
    mode: e.AMPARO_MODE,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    adminPassword: e.AMPARO_ADMIN_PASSWORD,
    masterKey: readMasterKey(e, dataDir),
    sessionMinutes: e.AMPARO_SESSION_MINUTES,
    issuer: e.AMPARO_ISSUER,
    issuerName: e.AMPARO_ISSUER_NAME,
    country: e.AMPARO_COUNTRY,
    cardLanguage: e.AMPARO_CARD_LANGUAGE,
    cardValidityYears: e.AMPARO_CARD_VALIDITY_YEARS,
    checkpointMinutes: e.AMPARO_CHECKPOINT_MINUTES,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.AMPARO_RATE_LIMIT_PER_MINUTE,
    loginRatePerMinute: e.AMPARO_LOGIN_RATE_PER_MINUTE,
    demo: e.AMPARO_MODE === 'demo' || e.AMPARO_MODE === 'test',
    secureCookies: e.AMPARO_MODE === 'production',
    smsProvider: e.AMPARO_SMS_PROVIDER,
    smsFile: resolve(e.AMPARO_SMS_FILE ?? resolve(dataDir, 'sms-outbox.log')),
  });
}

function readMasterKey(e: z.infer<typeof Env>, dataDir: string): Buffer {
  const fromText = (text: string, where: string) => {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new ConfigError(`${where} must be 32 bytes in base64`);
    return key;
  };
  if (e.AMPARO_MASTER_KEY) return fromText(e.AMPARO_MASTER_KEY, 'AMPARO_MASTER_KEY');
  const file = e.AMPARO_MASTER_KEY_FILE ?? resolve(dataDir, 'master.key');
  if (existsSync(file)) return fromText(readFileSync(file, 'utf8'), file);
  if (e.AMPARO_MODE === 'production') {
    throw new ConfigError('production needs AMPARO_MASTER_KEY or AMPARO_MASTER_KEY_FILE');
  }
  // Outside production a key is made once and kept beside the data, so a demo
  // restarts with the keys it signed with.
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
