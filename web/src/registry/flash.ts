/**
 * A message for the next screen ("household enrolled"), handed over in memory: it is
 * shown once, and a reload does not repeat it.
 */
export interface Flash {
  kind: 'enrolled';
  created: number;
  /** Existing records the registrar said are members being enrolled. */
  linked: string[];
}

const pending = new Map<string, Flash>();

export const leaveFlash = (recordId: string, flash: Flash) => void pending.set(recordId, flash);

/** Reads without taking: safe in a render. `dropFlash` once it was shown. */
export const peekFlash = (recordId: string) => pending.get(recordId);
export const dropFlash = (recordId: string) => void pending.delete(recordId);
