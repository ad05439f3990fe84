/** The largest request body Muster reads, API and integrations alike (PagerDuty's own limit for an event). */
export const maxBodyBytes = 512 * 1024;
