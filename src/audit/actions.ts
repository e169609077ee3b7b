/**
 * Every kind of audit entry. Adding a kind is a reviewed change to this file; the
 * database stores the string, and the console and the resident's view translate it.
 */
export const AUDIT_ACTIONS = {
  /** An official gave a right password (second factor may still be due). */
  'auth.password_accepted': 'password accepted',
  /** An official completed login, second factor included. */
  'auth.login': 'login',
  /** A login attempt failed: unknown user, wrong password or wrong second factor. */
  'auth.login_failed': 'failed login',
  /** Too many failures: the account was locked for a while. */
  'auth.locked': 'account locked',
  /** The official enrolled a TOTP second factor. */
  'auth.second_factor_enrolled': 'second factor enrolled',
  /** The official ended their session. */
  'auth.logout': 'logout',
  /** An administrator created an official's account. */
  'official.created': 'official created',
  /** An administrator read the list of officials. */
  'official.listed': 'officials listed',
  /** An auditor read the audit log; the filter is in the detail. */
  'audit.read': 'audit log read',
  /** A signed checkpoint of the chain heads was made. */
  'audit.checkpoint': 'audit checkpoint signed',
  /** A request was refused because the role or scope did not allow it. */
  'access.denied': 'access denied',
  /** A registrar enrolled a household (its members get entries of their own). */
  'registry.household_enrolled': 'household enrolled',
  /** A person was enrolled, as a member of a household. */
  'registry.person_enrolled': 'person enrolled',
  /** An official read a person's record. */
  'registry.person_read': 'person record read',
  /** An official read a household and its members. */
  'registry.household_read': 'household read',
  /** An official read the version history of a record. */
  'registry.history_read': 'record history read',
  /** A registrar corrected a person's record (a new version, with the reason). */
  'registry.person_edited': 'person record corrected',
  /** A registrar corrected a household: address, distribution point, parish or relationships (a new version, with the reason; fields in the detail). */
  'registry.household_edited': 'household corrected',
  /** A registrar added a member to an enrolled household: a new record, or a registered person moved in ("same person"). */
  'registry.member_added': 'member added to a household',
  /** A person moved from one household to another (a new version of the person and of both households). */
  'registry.member_moved': 'member moved to another household',
  /** A registrar asked for a person to be removed (tombstoned). */
  'registry.removal_requested': 'removal requested',
  /** A second official approved a removal: the person is a tombstone. */
  'registry.removal_approved': 'removal approved',
  /** A second official rejected a removal. */
  'registry.removal_rejected': 'removal rejected',
  /** An approved removal was undone: the person is active again. */
  'registry.removal_undone': 'removal undone',
  /** A registrar asked for a household whose members are all removed or merged to be removed. */
  'registry.household_removal_requested': 'household removal requested',
  /** A second official approved a household's removal: the household is a tombstone. */
  'registry.household_removal_approved': 'household removal approved',
  /** A second official rejected a household's removal. */
  'registry.household_removal_rejected': 'household removal rejected',
  /** An approved household removal was undone: the household is active again. */
  'registry.household_removal_undone': 'household removal undone',
  /** A registrar stored a new photo of a person. */
  'registry.photo_saved': 'photo saved',
  /** An official viewed a person's photo. */
  'registry.photo_read': 'photo viewed',
  /** Possible duplicates of a new record were shown to a registrar (each candidate is also a person read). */
  'registry.duplicates_shown': 'possible duplicates shown',
  /** A registrar decided whether two records are the same person. */
  'registry.duplicate_decided': 'duplicate decided',
  /** Two records were merged: the later one points to the surviving one. */
  'registry.merged': 'records merged',
  /** A merge was undone: both records are active again. */
  'registry.unmerged': 'merge undone',
  /** Records were imported from a CSV file. */
  'registry.imported': 'records imported',
  /** An administrator proposed a new attribute catalogue entry or a change to one. */
  'catalogue.proposed': 'catalogue entry proposed',
  /** A proposed catalogue entry was refused as a prohibited attribute (commitment 1); category and word in the detail. */
  'catalogue.refused': 'prohibited catalogue entry refused',
  /** An auditor approved a catalogue proposal: the entry's new version is published. */
  'catalogue.approved': 'catalogue proposal approved',
  /** An auditor rejected a catalogue proposal, with the reason. */
  'catalogue.rejected': 'catalogue proposal rejected',
  /** The installation installed the missing entries of its default catalogue. */
  'catalogue.defaults_installed': 'default catalogue installed',
  /** A registrar issued a person's first card. */
  'card.issued': 'card issued',
  /** A registrar replaced a lost, stolen or damaged card; the old one was revoked in the same act. */
  'card.reissued': 'card reissued',
  /** A card was revoked: its bit is set in the published status list. */
  'card.revoked': 'card revoked',
  /** An official read the cards of a person. */
  'card.read': 'cards read',
  /** A card (or a sheet of cards) was rendered for printing. */
  'card.printed': 'card printed',
  /** Issued cards' QR texts were exported (count in the detail). */
  'card.exported': 'cards exported',
  /** An administrator rotated a signing key; the old key keeps verifying what it signed. */
  'keys.rotated': 'signing key rotated',
  /** A sector pseudonym was resolved back to a person (commitment 5): who, which sector, why. */
  'pseudonym.resolved': 'pseudonym resolved',
  /** A program manager defined a new program (a draft). */
  'program.created': 'program created',
  /** A program manager changed a program's definition (a new version, with the reason). */
  'program.changed': 'program changed',
  /** A program was activated: it is public and its rules can be applied. */
  'program.activated': 'program activated',
  /** A program was closed (final); its rules stay published. */
  'program.closed': 'program closed',
  /** A new version of a program's rule was published: eligibility, quantity, price, budget, date. */
  'program.rule_published': 'program rule published',
  /** A rule was refused when saved (prohibited, out-of-purpose or card terms…); the offending terms in the detail, nothing published. */
  'program.rule_refused': 'program rule refused',
  /** An official had the decision for a household or person explained: a read of their records with purpose eligibility. */
  'program.explained': 'eligibility decision explained',
  /** A cycle was previewed: the rule evaluated over the registry, counts and cost computed, nothing written. */
  'cycle.previewed': 'cycle previewed',
  /** A cycle's run started: the rule version, the period and the facts it reads over the whole registry. */
  'cycle.started': 'cycle run started',
  /** An interrupted cycle run was resumed from where it stopped. */
  'cycle.resumed': 'cycle run resumed',
  /** A cycle's evaluation finished: its entitlements are written, with totals; open, or over budget awaiting a second official. */
  'cycle.evaluated': 'cycle evaluated',
  /** A second official let a cycle exceed its budget, with the reason. */
  'cycle.budget_overridden': 'cycle budget overridden',
  /** A cycle was closed: its entitlements are no longer handed out. */
  'cycle.closed': 'cycle closed',
  /** An official listed the registry changes made since a cycle was approved (records read, purpose eligibility). */
  'cycle.changes_read': 'changes since a cycle read',
  /** An official read a page of a cycle's entitlements (pseudonymous). */
  'cycle.entitlements_read': 'cycle entitlements read',
  /** A terminal read what is due to a card (or an identified person) at its point: the entitlements by sector pseudonym. */
  'distribution.due_read': 'what is due read',
  /** An entitlement (or part of it) was handed over and its price taken: the redemption is the subject. */
  'distribution.redeemed': 'entitlement redeemed',
  /** A terminal read a receipt of its point again. */
  'distribution.receipt_read': 'receipt read',
  /** A terminal downloaded its point's offline package (entitlements keyed by a keyed hash of card numbers). */
  'distribution.package_downloaded': 'offline package downloaded',
  /** A terminal sent a batch of offline records; counts in the detail. */
  'distribution.synced': 'offline records synced',
  /** An offline record could not become a redemption and was kept as a conflict for a supervisor. */
  'distribution.conflict_recorded': 'redemption conflict recorded',
  /** An official listed redemption conflicts; the filter is in the detail. */
  'distribution.conflicts_read': 'redemption conflicts listed',
  /** An official read one redemption conflict with the redemptions it collides with. */
  'distribution.conflict_read': 'redemption conflict read',
  /** A program manager decided a conflict: loss accepted, goods recovered, or price refunded (with the reversal). */
  'distribution.conflict_resolved': 'redemption conflict resolved',
  /** An agent searched the registry for a person without their card, with the written reason; the persons shown are the subjects. */
  'distribution.identified_without_card': 'person identified without a card',
  /** An administrator registered a distribution point (food point, pharmacy, fuel station, bank agent). */
  'distribution.point_created': 'distribution point created',
  /** An administrator renamed, closed or reopened a distribution point; the fields in the detail. */
  'distribution.point_changed': 'distribution point changed',
  /** An administrator read a point with its agents and terminals (officials' names: personal data of officials). */
  'distribution.point_read': 'distribution point read',
  /** An administrator assigned a distribution agent to a point. */
  'distribution.agent_assigned': 'agent assigned to a point',
  /** An administrator ended an agent's assignment to a point (the assignment is kept, ended). */
  'distribution.agent_unassigned': 'agent assignment ended',
  /** An administrator registered a terminal for a point and was shown its one-time enrolment code. */
  'distribution.terminal_registered': 'terminal registered',
  /** A device enrolled as a registered terminal with its own public key, in an agent's session. */
  'distribution.terminal_enrolled': 'terminal enrolled',
  /** An administrator revoked a terminal, with the reason: nothing it sends is accepted any more. */
  'distribution.terminal_revoked': 'terminal revoked',
  /** An official read a point's reconciliation for one cycle (JSON or CSV in the detail): figures, ledger balances and discrepancies, which name redemptions by id. */
  'distribution.reconciliation_read': 'point reconciliation read',
  /** An administrator recorded the cash counted at a point and handed to the treasury (a deposit posting). */
  'distribution.deposit_recorded': 'cash deposit recorded',
  /** The demo population was seeded. */
  'system.seeded': 'demo data seeded',
  /** The administrator account was created on first start. */
  'system.bootstrap': 'installation bootstrapped',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Why personal data was touched. A route declares one; the entry records it. */
export const PURPOSES = {
  authentication: 'logging in and out',
  administration: 'managing accounts, keys and configuration',
  oversight: 'auditing and data protection oversight',
  enrolment: 'enrolling and correcting registry records',
  eligibility: 'deciding and explaining eligibility',
  distribution: 'handing over benefits',
  statistics: 'aggregate statistics',
  resident_request: "a resident's request about their own data",
  system: 'automatic work of the installation',
} as const;

export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_NAMES = Object.keys(PURPOSES) as [Purpose, ...Purpose[]];
export const ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
