import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: optionalText,
    DATA_DIR: z.string().trim().min(1).default('./data'),
    // Without it Muster keeps its data in SQLite under DATA_DIR; with it, several instances can share PostgreSQL.
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL such as postgres://muster:secret@db.example.com/muster' }).optional(),
    // Phones open this address and cookies follow its scheme: only http(s) makes sense.
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://muster.example.com' }).optional(),
    MUSTER_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    MUSTER_ADMIN_NAME: z.string().trim().min(1).max(100).optional(),
    MUSTER_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    TLS_CERT_FILE: optionalText,
    TLS_KEY_FILE: optionalText,
    MUSTER_PUSH_ALLOWED_HOSTS: optionalText,
    // The credentials ride in the URL (smtp://user:pass@host:587); smtps:// is TLS from the start, smtp:// upgrades with STARTTLS.
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587' }).optional(),
    MUSTER_MAIL_FROM: optionalText,
    MUSTER_OUTGOING_ALLOWED_HOSTS: optionalText,
    MUSTER_EVENTS_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000).optional(),
    MUSTER_TRUST_PROXY: z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
  })
  .refine((env) => !env.MUSTER_ADMIN_EMAIL === !env.MUSTER_ADMIN_PASSWORD, {
    message: 'set both MUSTER_ADMIN_EMAIL and MUSTER_ADMIN_PASSWORD, or neither',
    path: ['MUSTER_ADMIN_PASSWORD'],
  })
  .refine((env) => !env.SMTP_URL === !env.MUSTER_MAIL_FROM, {
    message: 'set both SMTP_URL and MUSTER_MAIL_FROM, or neither',
    path: ['MUSTER_MAIL_FROM'],
  })
  .refine((env) => !env.TLS_CERT_FILE === !env.TLS_KEY_FILE, {
    message: 'set both TLS_CERT_FILE and TLS_KEY_FILE, or neither',
    path: ['TLS_KEY_FILE'],
  });

export type Config = z.infer<typeof envSchema>;

/** Reads the environment; blank values count as unset. Throws a message naming each bad variable. */
export function readConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
