// Zod-free, so the app can import these without pulling zod (and its eval probe, which the CSP forbids) in.

export const contactMethodTypes = ['email', 'ntfy', 'webhook', 'slack'] as const;
export type ContactMethodType = (typeof contactMethodTypes)[number];

/** How the app and the timeline name each type: "Paged Bob by email", "chat to Bob failed". */
export const contactMethodLabels: Record<ContactMethodType, string> = { email: 'email', ntfy: 'ntfy', webhook: 'webhook', slack: 'chat' };
