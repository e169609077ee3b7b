import type { Command } from 'commander';
import type { AuditActor } from '../../audit/write-audit.ts';
import { findOfficialByUsername } from '../../auth/store.ts';
import type { Opened } from '../../bootstrap.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { ATTRIBUTE_TYPES, SECTOR_NAMES, SENSITIVITIES } from './attribute-definition.ts';
import { installDefaultCatalogue } from './default-catalogue.ts';
import { listCatalogue } from './list-catalogue.ts';
import { listProposals } from './list-proposals.ts';
import { proposeAttribute } from './propose-attribute.ts';

/** src/cli.ts's helper: opens the configured database (migrated) for one command. */
export type WithContext = <T>(command: Command, run: (opened: Opened) => Promise<T>) => Promise<T>;

/** The CLI acting without `--by`: the installation itself, named so the audit log says where it came from. */
const CLI_ACTOR: AuditActor = { id: null, name: 'amparo cli', role: 'system' };

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

interface AddOptions {
  key: string;
  label: string;
  labelEn?: string;
  labelPt?: string;
  type: string;
  purpose: string[];
  sensitivity: string;
  legalBasis?: string;
  values?: string[];
  reason?: string;
  by?: string;
}

/**
 * `amparo attributes add | list | install-defaults`. Adding only proposes: an auditor
 * approves in the console, never the CLI, so the four-eyes rule holds for operators
 * too. A refused proposal exits 1 with the reason (src/cli.ts prints DomainErrors).
 */
export function registerAttributeCommands(program: Command, withContext: WithContext) {
  const attributes = program.command('attributes').description('the published attribute catalogue (needs, not opinions)');

  attributes
    .command('add')
    .description('propose a catalogue entry; an auditor must approve it. Exits 1 with the reason when refused')
    .requiredOption('--key <key>', 'snake_case key, e.g. household_size')
    .requiredOption('--label <text>', 'label in Spanish (also used in English unless --label-en is given)')
    .option('--label-en <text>', 'label in English')
    .option('--label-pt <text>', 'label in Portuguese')
    .requiredOption('--type <type>', `value type: ${ATTRIBUTE_TYPES.join(', ')}`)
    .requiredOption('--purpose <sectors>', `sector that needs it, repeatable or comma-separated: ${SECTOR_NAMES.join(', ')}`, list)
    .option('--sensitivity <level>', `${SENSITIVITIES.join(' or ')}; health facts must be special`, 'normal')
    .option('--legal-basis <text>', 'the law or regulation that allows collecting it')
    .option('--values <a,b,c>', 'allowed values of an enum', list)
    .option('--reason <text>', 'why the attribute is needed')
    .option('--by <username>', 'the administrator proposing it (recorded in the audit log)')
    .action(async (opts: AddOptions, command: Command) => {
      const proposal = await withContext(command, async ({ ctx }) => {
        const actor = opts.by ? await administrator(ctx, opts.by) : CLI_ACTOR;
        return proposeAttribute(ctx, actor, {
          key: opts.key,
          labels: { es: opts.label, en: opts.labelEn ?? opts.label, ...(opts.labelPt ? { pt: opts.labelPt } : {}) },
          type: opts.type,
          values: opts.values,
          sensitivity: opts.sensitivity,
          purposes: opts.purpose,
          legalBasis: opts.legalBasis,
          reason: opts.reason,
        });
      });
      const note = opts.labelEn ? '' : ' (the English label repeats the Spanish one; give --label-en)';
      console.log(`proposed ${proposal.kind === 'create' ? 'new entry' : 'change to'} ${proposal.key} as proposal ${proposal.id}${note}`);
      console.log('an auditor must approve it in the console before it is published');
    });

  attributes
    .command('list')
    .description('print the published catalogue and the proposals waiting for an auditor')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { entries, pending } = await withContext(command, async ({ ctx }) => ({
        entries: await listCatalogue(ctx.db),
        pending: await listProposals(ctx.db, { status: 'pending' }),
      }));
      if (opts.json) {
        console.log(JSON.stringify({ entries, pending }));
        return;
      }
      if (!entries.length) console.log('the catalogue is empty (amparo attributes install-defaults installs the default entries)');
      for (const e of entries) {
        const flags = [e.type + (e.values.length ? `(${e.values.join('|')})` : ''), e.sensitivity, e.purposes.join(','), `v${e.version}`, e.status];
        console.log(`${e.key.padEnd(32)} ${flags.join('  ')}  — ${e.labels.es}`);
      }
      if (pending.length) {
        console.log(`${pending.length} proposal${pending.length === 1 ? '' : 's'} waiting for an auditor:`);
        for (const p of pending) console.log(`  ${p.id}  ${p.kind.padEnd(6)} ${p.key}  by ${p.proposedBy ?? 'amparo'}`);
      }
    });

  attributes
    .command('install-defaults')
    .description('install the missing entries of the default catalogue (idempotent)')
    .action(async (_opts: unknown, command: Command) => {
      const { installed } = await withContext(command, async ({ ctx }) => installDefaultCatalogue(ctx));
      console.log(installed.length ? `installed ${installed.join(', ')}` : 'the default catalogue is already installed');
    });
}

async function administrator(ctx: Opened['ctx'], username: string): Promise<AuditActor> {
  const official = await findOfficialByUsername(ctx.db, username.toLowerCase());
  if (!official || official.disabled_at || official.role !== 'administrator') {
    throw new DomainError('FORBIDDEN', `--by ${username}: no active administrator with that username`);
  }
  return { id: official.id, name: official.username, role: official.role };
}
