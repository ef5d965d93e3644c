import type { Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are UTC ISO-8601 strings; money is integer micro-euros; booleans are 0/1. */
export interface AccountsTable {
  api_key: string;
  primary_api_key: string;
  name: string;
  company_name: string;
  phone: string | null;
  use_primary_account_balance: number;
  balance_micros: number;
  credit_limit_micros: number;
  suspended: number;
  demo: number;
  created_at: string;
}

export interface ApiSecretsTable {
  id: string;
  api_key: string;
  primary_api_key: string;
  secret_hash: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  primary_api_key: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'owner' | 'member';
  must_change_password: number;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string;
}

export interface SignupsTable {
  id: string;
  company_name: string;
  name: string;
  email: string;
  password_hash: string;
  phone: string;
  country: string;
  status: 'pending' | 'review' | 'verified';
  pins_sent: number;
  api_key: string | null;
  created_at: string;
}

export interface PinChallengesTable {
  id: string;
  signup_id: string;
  channel: 'sms' | 'voice';
  pin_hash: string;
  failed_attempts: number;
  status: 'active' | 'voided' | 'used' | 'replaced';
  sent_at: string;
  expires_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  created_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
}

export interface LedgerEntriesTable {
  id: string;
  primary_api_key: string;
  api_key: string;
  kind: string;
  amount_micros: number;
  balance_after_micros: number;
  reference: string | null;
  transfer_id: string | null;
  actor: string;
  created_at: string;
}

export interface Database {
  accounts: AccountsTable;
  api_secrets: ApiSecretsTable;
  users: UsersTable;
  sessions: SessionsTable;
  signups: SignupsTable;
  pin_challenges: PinChallengesTable;
  login_failures: LoginFailuresTable;
  password_resets: PasswordResetsTable;
  outbox: OutboxTable;
  ledger_entries: LedgerEntriesTable;
}

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type User = Selectable<UsersTable>;
export type Signup = Selectable<SignupsTable>;
export type PinChallenge = Selectable<PinChallengesTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type LedgerEntry = Selectable<LedgerEntriesTable>;
