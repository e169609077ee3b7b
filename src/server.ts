import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { checkpointDue, makeCheckpoint } from './audit/checkpoints.ts';
import { bootstrapAdministrator } from './auth/officials.ts';
import { openContext } from './bootstrap.ts';
import type { Config } from './config.ts';
import { startNotificationSender } from './notify/send-notifications.ts';
import { smsProviderFor } from './notify/sms-provider.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Set on the first start of an empty installation. */
  admin?: { username: string; password: string; generated: boolean } | undefined;
  stop(): Promise<void>;
}

/**
 * Starts amparo: migrate, make sure an administrator exists, listen, and sign an
 * audit checkpoint on a schedule whenever new entries were written.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  let ready = false;
  const opened = await openContext(config);
  const { ctx } = opened;
  const admin = await bootstrapAdministrator(ctx);
  const { app } = await buildApp({ ctx, ready: () => ready });
  await app.listen({ port: config.port, host: config.host });
  ready = true;

  let timer: NodeJS.Timeout | undefined;
  if (config.checkpointMinutes > 0) {
    timer = setInterval(() => {
      void (async () => {
        if (await checkpointDue(ctx.db)) await makeCheckpoint(ctx.db, ctx.keys, config.issuer);
      })().catch((err) => app.log.error({ err }, 'audit checkpoint failed'));
    }, config.checkpointMinutes * 60_000);
    timer.unref();
  }
  // The outbox's sender: receipts by SMS, a few seconds after their redemption committed.
  const sender = startNotificationSender(ctx.db, smsProviderFor(config), { intervalMs: 5_000, onError: (err) => app.log.error({ err }, 'SMS sender failed') });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    app,
    url: `http://${host}:${port}`,
    admin,
    async stop() {
      if (timer) clearInterval(timer);
      await sender.stop();
      await app.close();
      await opened.close();
    },
  };
}
