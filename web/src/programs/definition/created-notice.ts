/**
 * "Program created", handed from the list (where the form is) to the program's page, in
 * memory: shown once, and a reload does not repeat it.
 */
const created = new Set<string>();

export const announceCreated = (code: string) => void created.add(code);

/** Reads without taking: safe in a render. `forgetCreated` once shown. */
export const wasJustCreated = (code: string) => created.has(code);
export const forgetCreated = (code: string) => void created.delete(code);
