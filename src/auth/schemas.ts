import { z } from 'zod';
import { ROLES } from './roles.ts';

export const LoginBody = z.object({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(256),
});

export const LoginResponse = z.object({
  next: z.enum(['done', 'second_factor', 'enrol_second_factor']),
  csrfToken: z.string(),
  demoSkippedSecondFactor: z.boolean().optional(),
  /** Only while enrolling: the TOTP secret to type, and the URI to show as a QR. */
  secret: z.string().optional(),
  otpauthUri: z.string().optional(),
});

export const SecondFactorBody = z.object({ code: z.string().regex(/^\s*\d{6}\s*$/, 'six digits') });

export const RoleName = z.enum(ROLES);

export const Official = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleName,
  regionScopes: z.array(z.string()),
  programScopes: z.array(z.string()),
  secondFactorEnrolled: z.boolean(),
  locked: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const Me = Official.pick({ id: true, username: true, displayName: true, role: true, regionScopes: true, programScopes: true }).extend({
  csrfToken: z.string(),
  /** The installation runs in demo mode: the console shows a banner. */
  demo: z.boolean(),
});

export const NewOfficialBody = z.object({
  username: z.string().regex(/^[a-z][a-z0-9._-]{2,39}$/, '3-40 lowercase letters, digits, dot, dash or underscore'),
  displayName: z.string().min(1).max(120),
  role: RoleName,
  password: z.string().min(12).max(256),
  regionScopes: z.array(z.string().regex(/^(\*|[A-Z0-9]{2}(-[A-Z0-9]{2,3}){0,2})$/)).min(1),
  programScopes: z.array(z.string().min(1).max(40)).default([]),
});
