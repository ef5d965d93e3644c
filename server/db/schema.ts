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
  mo_callback_url: Generated<string | null>;
  dr_callback_url: Generated<string | null>;
  auto_reload: Generated<number>;
  /** Null: the configured default applies. */
  max_subaccounts: Generated<number | null>;
  /** The company's address and VAT number (a primary's; invoices are addressed to them). */
  address_line: Generated<string | null>;
  address_city: Generated<string | null>;
  address_postcode: Generated<string | null>;
  address_country: Generated<string | null>;
  vat_number: Generated<string | null>;
  /** 1: every member must have two-factor sign-in on before anything else works (set by the owner). */
  require_two_factor: Generated<number>;
  /** 0: the family's messages are recorded without their text (a primary's setting). */
  store_message_text: Generated<number>;
  /** Where invoices are e-mailed instead of the owner's address (a primary's). */
  finance_email: Generated<string | null>;
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
  /** 1 for the primary user created at sign-up: always an Administrator of the whole family. */
  owner: Generated<number>;
  /** A built-in role id (contract/permissions.ts) or a row of `roles`. */
  role_id: Generated<string>;
  /** 1: the whole family; 0: only the subaccounts listed in user_scopes. */
  scope_all: Generated<number>;
  must_change_password: number;
  created_at: string;
  /** The TOTP secret once two-factor sign-in is on, encrypted (platform/secret-box.ts); the app holds it in clear. */
  totp_secret: Generated<string | null>;
  /** The same, while enrolling (encrypted too). */
  totp_pending_secret: Generated<string | null>;
  /** The last TOTP time step accepted, so that a code cannot be used twice. */
  totp_last_step: Generated<number | null>;
  /** While an invitation's temporary password is the user's password: when it stops working. */
  temporary_password_expires_at: Generated<string | null>;
  /** Set while an administrator has disabled the user: no sign-in, no session. */
  disabled_at: Generated<string | null>;
  last_sign_in_at: Generated<string | null>;
  /** E.164, verified by PIN; unique across every account (an owner's is also the account's phone). */
  phone: Generated<string | null>;
  skype: Generated<string | null>;
}

/** A requested e-mail change: the link sent to the new address holds the token (only its hash is kept). */
export interface EmailChangesTable {
  token_hash: string;
  user_id: string;
  new_email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A PIN sent to a user's new phone number; the number changes only with the right PIN. */
export interface PhoneChangesTable {
  id: string;
  user_id: string;
  phone: string;
  pin_hash: string;
  failed_attempts: number;
  status: 'active' | 'used' | 'voided' | 'replaced';
  sent_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

/** A family's custom role: a name and a JSON array of permissions. */
export interface RolesTable {
  id: string;
  primary_api_key: string;
  name: string;
  permissions: string;
  created_at: string;
}

export interface UserScopesTable {
  user_id: string;
  api_key: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: Generated<string | null>;
}

export interface SignupsTable {
  id: string;
  company_name: string;
  name: string;
  email: string;
  password_hash: string;
  phone: string;
  country: string;
  /** `replaced`: a newer sign-up for the same phone took its place. */
  status: 'pending' | 'review' | 'verified' | 'replaced';
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

/**
 * Outgoing messages. E-mail is queued (`pending`) and sent by the delivery job; what the local
 * carrier and the outbox transport deliver stays here as `delivered` until its retention ends.
 */
export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
  status: Generated<'pending' | 'sending' | 'delivered' | 'failed'>;
  /** A message composed at delivery (e.g. `password-reset`), so the request path does the same work for every recipient. */
  template: Generated<string | null>;
  attempts: Generated<number>;
  next_attempt_at: Generated<string | null>;
  last_error: Generated<string | null>;
  delivered_at: Generated<string | null>;
  /** What is attached, rendered when the message is sent (`invoice:<id>`: the invoice's PDF). */
  attachment: Generated<string | null>;
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

export interface SmsPricesTable {
  country: string;
  country_name: string;
  dialing_prefix: string;
  price_micros: number;
}

/** Lifecycle of a sent message; a received one is `received`. */
export type MessageStatus = 'submitted' | 'delivered' | 'expired' | 'failed' | 'rejected' | 'received';

/** Every message sent (accepted or rejected) or received. Text: the first 160 characters, or null when not stored. */
export interface MessagesTable {
  id: string;
  primary_api_key: string;
  api_key: string;
  direction: Generated<'outbound' | 'inbound'>;
  sender: string;
  recipient: string;
  text: string | null;
  encoding: 'text' | 'unicode' | null;
  parts: number;
  price_micros: number;
  country: string | null;
  /** The destination network's MCCMNC (an estimate by country, as the SMS API's `network`). */
  network: string | null;
  client_ref: string | null;
  account_ref: string | null;
  status: MessageStatus;
  /** The SMS API's status of a rejected message, or the receipt's err-code ('0' delivered). */
  error_code: string | null;
  error_text: string | null;
  /** 0 when the sender asked for no delivery receipt (`status-report-req=false`). */
  status_report_req: Generated<number>;
  /** The per-message receipt webhook (`callback`); otherwise the account's drCallBackUrl. */
  callback_url: string | null;
  /** While `submitted`: when the carrier reports on it. */
  receipt_due_at: string | null;
  /** When the message reached its current status (the receipt's scts). */
  status_at: string | null;
  created_at: string;
}

export interface TestNumbersTable {
  id: string;
  primary_api_key: string;
  api_key: string;
  msisdn: string;
  pin_hash: string | null;
  pin_expires_at: string | null;
  failed_attempts: number;
  verified_at: string | null;
  created_at: string;
}

export interface ApiRequestsTable {
  id: Generated<number>;
  primary_api_key: string;
  api_key: string;
  method: string;
  /** The route's template (`/accounts/:api_key/secrets`), never the URL with its values. */
  path: string;
  status: number;
  /** `status / 100`: the console's 2xx/4xx/5xx filter is an equality on it. */
  status_class: number;
  created_at: string;
  request_id: string | null;
  latency_ms: number | null;
  /** On failure, the answer's problem `type` (or the legacy `error-code`) and `title` (or `error-code-label`). */
  error_type: string | null;
  error_title: string | null;
  client_ip: string | null;
  user_agent: string | null;
}

export interface IdempotencyKeysTable {
  /** Who sent the key, as the ledger names an actor (`api_key:…`, `user:…`). */
  owner: string;
  key: string;
  primary_api_key: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

export interface TransfersTable {
  id: string;
  primary_api_key: string;
  kind: 'credit' | 'balance';
  from_api_key: string;
  to_api_key: string;
  amount_micros: number;
  reference: string;
  actor: string;
  created_at: string;
}

export interface JobRunsTable {
  job: string;
  /** The scheduled time this run stands for (ISO-8601): one run per job and period, whichever process claims it. */
  period_key: string;
  status: 'running' | 'succeeded' | 'failed';
  attempts: number;
  started_at: string;
  /** A run still `running` after this is taken to have died with its process and is retried. */
  lease_until: string;
  finished_at: string | null;
  /** When a failed run is tried again; null once it gave up. */
  next_attempt_at: string | null;
  outcome: string | null;
  error: string | null;
}

/** One change: `changes` is a JSON array of {field, before, after}; never a secret or a password. */
export interface ActivityEntriesTable {
  id: string;
  primary_api_key: string;
  api_key: string | null;
  kind: string;
  object_id: string | null;
  actor_kind: 'user' | 'api_key' | 'operator' | 'system';
  actor_id: string | null;
  actor_name: string;
  changes: string;
  ip: string | null;
  created_at: string;
}

export interface AbuseEventsTable {
  id: Generated<number>;
  subject: string;
  created_at: string;
}

/** An account's balance alert; without a row the alert is off and goes to the family owner's e-mail. */
export interface BalanceAlertsTable {
  api_key: string;
  primary_api_key: string;
  enabled: number;
  threshold_micros: number;
  /** JSON array of e-mail addresses. */
  recipients: string;
  /** When the e-mail for the current crossing below the threshold was queued; null: armed. */
  alerted_at: string | null;
  updated_at: string;
}

/** A primary account's auto-reload; without a row it is off. */
export interface AutoReloadsTable {
  primary_api_key: string;
  state: 'off' | 'armed' | 'charging' | 'failing' | 'paused';
  method_id: string | null;
  amount_micros: number;
  threshold_micros: number;
  /** Declines in a row. */
  failures: Generated<number>;
  /** While failing: the earliest next attempt. */
  retry_at: string | null;
  /** While charging: the reload payment's Idempotency-Key (owner `auto-reload:<primary>`). */
  charge_key: string | null;
  failure_code: string | null;
  failure_message: string | null;
  failed_at: string | null;
  last_payment_id: string | null;
  updated_at: string;
}

/** What one euro is worth in `currency`, in millionths, from `effective_on` (YYYY-MM-DD); the newest row applies. */
export interface ExchangeRatesTable {
  id: Generated<number>;
  currency: 'USD';
  per_eur_micros: number;
  effective_on: string;
  created_at: string;
}

export interface UserPreferencesTable {
  user_id: string;
  display_currency: 'EUR' | 'USD';
  updated_at: string;
}

export type PaymentMethodType = 'card' | 'paypal';
export type PaymentMethodKind = PaymentMethodType | 'bank_transfer';
/** processing: sent to the processor, no answer recorded yet; pending: review or an awaited bank transfer. */
export type PaymentStatus = 'processing' | 'pending' | 'settled' | 'failed' | 'refunded';

/** A method stored with the payment processor: its token and what may be shown of it. */
export interface PaymentMethodsTable {
  id: string;
  primary_api_key: string;
  type: PaymentMethodType;
  processor: string;
  /** The processor's token for the stored method (a sandbox card token, a Stripe PaymentMethod id, a PayPal payer id). */
  processor_ref: string;
  /** The processor's fingerprint of the card number, or the PayPal payer id: unique per processor and type. */
  fingerprint: string;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  paypal_email: string | null;
  is_default: Generated<number>;
  billing_name: string;
  billing_line1: string;
  billing_city: string;
  billing_postcode: string;
  billing_country: string;
  created_at: string;
}

export interface PaymentsTable {
  id: string;
  primary_api_key: string;
  /** Null for a bank transfer. The method may since have been deleted: method_label still names it. */
  method_id: string | null;
  method_type: PaymentMethodKind;
  method_label: string;
  amount_micros: number;
  refunded_micros: Generated<number>;
  status: PaymentStatus;
  processor_ref: string | null;
  failure_code: string | null;
  failure_message: string | null;
  retryable: number | null;
  /** The reference a bank transfer quotes. */
  reference: string | null;
  balance_after_micros: number | null;
  idempotency_owner: string;
  idempotency_key: string;
  request_hash: string;
  /** Who asked, as the ledger names an actor (`user:…`, `api_key:…`, `system:…`). */
  initiated_by: string;
  created_at: string;
  updated_at: string;
  settled_at: string | null;
}

/** The Stripe Customer each account's cards are attached to (PAYMENT_PROCESSOR=stripe). */
export interface StripeCustomersTable {
  primary_api_key: string;
  customer_id: string;
  created_at: string;
}

/** The sandbox processor's records (a third party's, kept in the same database for convenience). */
export interface SandboxCardsTable {
  token: string;
  fingerprint: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  behaviour: string;
  created_at: string;
}

export interface SandboxPaypalSessionsTable {
  id: string;
  return_url: string;
  status: 'created' | 'approved' | 'denied' | 'used';
  payer_id: string | null;
  payer_email: string | null;
  created_at: string;
}

export interface SandboxChargesTable {
  id: string;
  idempotency_key: string;
  source: string;
  amount_micros: number;
  refunded_micros: Generated<number>;
  status: 'succeeded' | 'review' | 'declined';
  decline_code: string | null;
  review_outcome: 'succeeded' | 'declined' | null;
  review_until: string | null;
  created_at: string;
}

/** A rentable number and, while rented, its renter and configuration (owner_api_key null: available). */
export interface NumbersTable {
  msisdn: string;
  country: string;
  type: 'landline' | 'mobile-lvn' | 'landline-toll-free';
  /** Comma-separated, in the API's order (SMS, VOICE, MMS); also as the three flags below. */
  features: string;
  sms: number;
  voice: number;
  mms: number;
  monthly_cost_micros: number;
  setup_price_micros: number;
  requires_local_address: number;
  owner_api_key: string | null;
  primary_api_key: string | null;
  rental_id: string | null;
  app_id: string | null;
  mo_http_url: string | null;
  mo_smpp_sys_type: string | null;
  voice_callback_type: 'sip' | 'tel' | 'app' | null;
  voice_callback_value: string | null;
  voice_status_callback: string | null;
  /** The renter's own label for it. */
  description: string | null;
  /** A released number is not for sale before then (the undo window, then a quarantine); null: never released. */
  available_at: string | null;
}

/** One rental of a number by one account, from the day it was bought until it was cancelled. */
export interface NumberRentalsTable {
  id: string;
  msisdn: string;
  api_key: string;
  primary_api_key: string;
  /** The calendar day (UTC) it was bought: renewals fall on the same day each month (renewal-date.ts). */
  started_on: string;
  monthly_cost_micros: number;
  created_at: string;
  ended_at: string | null;
  /** A cancelled rental can be undone until then (null: not cancelled, or not undoable). */
  undo_until: string | null;
  /** The number's configuration when it was cancelled (JSON), which an undo puts back. */
  configuration: string | null;
}

/** A family's monthly statement as the `monthly-statements` job computed it (`month` is YYYY-MM; `body` its JSON). */
export interface StatementsTable {
  primary_api_key: string;
  month: string;
  body: string;
  created_at: string;
}

/** One period of a rental, renewed once: charged, or the number released for want of credit (keyed by number, start day, period). */
export interface NumberRenewalsTable {
  msisdn: string;
  started_on: string;
  /** 1 for the first renewal (a month after the start day), 2 for the next… */
  period: number;
  rental_id: string;
  renewal_day: string;
  outcome: 'charged' | 'released';
  /** The account charged (the primary for a subaccount sharing its balance). */
  payer_api_key: string;
  amount_micros: number;
  created_at: string;
}

/** A warning e-mailed 3 days before a renewal the available balance would not cover, once per period. */
export interface NumberRenewalWarningsTable {
  msisdn: string;
  started_on: string;
  period: number;
  payer_api_key: string;
  created_at: string;
}

/** One outgoing webhook (a delivery receipt, an inbound SMS), retried with back-off until it answers 2xx. */
export interface WebhookDeliveriesTable {
  id: string;
  primary_api_key: string;
  api_key: string;
  message_id: string | null;
  kind: 'delivery-receipt' | 'inbound-sms';
  url: string;
  /** The JSON body; an inbound message's text is erased once the webhook has it (or never will). */
  payload: string | null;
  status: 'pending' | 'delivering' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  /** Null when no HTTP answer came (refused, timed out). */
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export type InvoiceKind = 'invoice' | 'credit_note';
/** pending: a card payment in review; proforma: a bank transfer awaited; final: numbered, immutable; void: the payment failed. */
export type InvoiceStatus = 'pending' | 'proforma' | 'final' | 'void';
export type VatTreatment = 'reverse_charge' | 'standard';

/** An invoice of a payment or a credit note of a refund; the company columns are a snapshot. */
export interface InvoicesTable {
  id: string;
  primary_api_key: string;
  payment_id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  /** INV-2026-000001 or CN-2026-000001, given when final. */
  number: string | null;
  /** A credit note's invoice. */
  credited_invoice_id: string | null;
  /** 0 for an invoice; a credit note's: the amount refunded before it, in micros (one per refund). */
  refund_sequence: number;
  gross_micros: number;
  net_micros: number;
  vat_micros: number;
  /** Basis points: 2300 = 23 %. */
  vat_rate_bp: number;
  vat_treatment: VatTreatment;
  method_type: PaymentMethodKind;
  method_label: string;
  payment_reference: string | null;
  company_name: string;
  address_line: string | null;
  address_city: string | null;
  address_postcode: string | null;
  address_country: string | null;
  vat_number: string | null;
  /** A pending card invoice: when the payment's review ends at the latest. */
  expected_at: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceCountersTable {
  series: string;
  year: number;
  last_number: number;
}

/** The pool of shared US short codes, each for one purpose (seeded by migration 031). */
export interface ShortCodesTable {
  code: string;
  country: string;
  purpose: 'two_factor' | 'alerts';
}

/** A shared short code an account added: its message template and opt-in values, null until configured. */
export interface AccountShortCodesTable {
  api_key: string;
  code: string;
  primary_api_key: string;
  template: string | null;
  messages_per_day: number | null;
  terms_url: string | null;
  privacy_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  accounts: AccountsTable;
  api_secrets: ApiSecretsTable;
  users: UsersTable;
  roles: RolesTable;
  user_scopes: UserScopesTable;
  sessions: SessionsTable;
  signups: SignupsTable;
  pin_challenges: PinChallengesTable;
  login_failures: LoginFailuresTable;
  password_resets: PasswordResetsTable;
  outbox: OutboxTable;
  ledger_entries: LedgerEntriesTable;
  statements: StatementsTable;
  sms_prices: SmsPricesTable;
  messages: MessagesTable;
  test_numbers: TestNumbersTable;
  api_requests: ApiRequestsTable;
  idempotency_keys: IdempotencyKeysTable;
  transfers: TransfersTable;
  job_runs: JobRunsTable;
  activity_entries: ActivityEntriesTable;
  abuse_events: AbuseEventsTable;
  recovery_codes: RecoveryCodesTable;
  balance_alerts: BalanceAlertsTable;
  auto_reloads: AutoReloadsTable;
  exchange_rates: ExchangeRatesTable;
  user_preferences: UserPreferencesTable;
  payment_methods: PaymentMethodsTable;
  payments: PaymentsTable;
  sandbox_cards: SandboxCardsTable;
  sandbox_paypal_sessions: SandboxPaypalSessionsTable;
  sandbox_charges: SandboxChargesTable;
  stripe_customers: StripeCustomersTable;
  email_changes: EmailChangesTable;
  phone_changes: PhoneChangesTable;
  numbers: NumbersTable;
  number_rentals: NumberRentalsTable;
  number_renewals: NumberRenewalsTable;
  number_renewal_warnings: NumberRenewalWarningsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  invoices: InvoicesTable;
  invoice_counters: InvoiceCountersTable;
  short_codes: ShortCodesTable;
  account_short_codes: AccountShortCodesTable;
}

export type Account = Selectable<AccountsTable>;
export type NumberRow = Selectable<NumbersTable>;
export type NewAccount = Insertable<AccountsTable>;
export type User = Selectable<UsersTable>;
export type Signup = Selectable<SignupsTable>;
export type PinChallenge = Selectable<PinChallengesTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type LedgerEntry = Selectable<LedgerEntriesTable>;
export type JobRun = Selectable<JobRunsTable>;
export type PaymentMethod = Selectable<PaymentMethodsTable>;
export type Payment = Selectable<PaymentsTable>;
export type Invoice = Selectable<InvoicesTable>;
