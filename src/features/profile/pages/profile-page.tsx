import type { QueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/ui/alert.js';
import { PageSkeleton } from '../../../components/ui/skeleton.js';
import { LoadError } from '../../../components/ui/query-state.js';
import { sessionQueryOptions, useApiKey, useSession } from '../../../lib/session.js';
import { companyQueryOptions, useCompany } from '../api/get-company.js';
import { profileQueryOptions, useProfile } from '../api/get-profile.js';
import { CompanyCard } from '../components/company-card.js';
import { ContactCard } from '../components/contact-card.js';
import { EmailCard } from '../components/email-card.js';
import { PasswordCard } from '../components/password-card.js';
import { PhoneCard } from '../components/phone-card.js';
import { SessionsCard, TwoFactorCard } from '../components/security-card.js';
import { TeamTwoFactorCard } from '../components/team-two-factor-card.js';

export const profileLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) {
    void queryClient.prefetchQuery(profileQueryOptions(session.account.api_key));
    void queryClient.prefetchQuery(companyQueryOptions(session.account.api_key));
  }
  return null;
};

/** Seed 004 "Manage your profile": contact details, password, company, and security. */
export function ProfilePage() {
  const apiKey = useApiKey();
  const session = useSession().data;
  const profile = useProfile(apiKey);
  const company = useCompany(apiKey);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <title>Your profile · Switchboard</title>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your profile</h1>
        <p className="mt-1 text-sm text-slate-600">Your contact details and password, the company, and how you sign in.</p>
      </div>

      <section aria-labelledby="contact-heading" className="space-y-4">
        <h2 id="contact-heading" className="text-lg font-semibold text-slate-900">
          Contact information
        </h2>
        {profile.isPending ? (
          <PageSkeleton label="Loading your profile…" />
        ) : profile.isError ? (
          <LoadError message={profile.error.message} onRetry={() => profile.refetch()} />
        ) : (
          <div className="grid gap-6 lg:grid-cols-2">
            <ContactCard apiKey={apiKey} profile={profile.data} />
            <EmailCard apiKey={apiKey} profile={profile.data} />
            <PhoneCard apiKey={apiKey} profile={profile.data} />
            <PasswordCard apiKey={apiKey} />
          </div>
        )}
      </section>

      <section aria-labelledby="company-heading" className="space-y-4">
        <h2 id="company-heading" className="text-lg font-semibold text-slate-900">
          Company information
        </h2>
        {company.isPending ? (
          <PageSkeleton label="Loading the company…" />
        ) : company.isError ? (
          <Alert variant="error">{company.error.message}</Alert>
        ) : (
          <CompanyCard key={company.dataUpdatedAt} apiKey={apiKey} company={company.data} />
        )}
      </section>

      <section aria-labelledby="security-heading" className="space-y-4">
        <h2 id="security-heading" className="text-lg font-semibold text-slate-900">
          Security
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <TwoFactorCard apiKey={apiKey} />
          <SessionsCard apiKey={apiKey} />
          <TeamTwoFactorCard apiKey={apiKey} isOwner={session?.user.owner ?? false} />
        </div>
      </section>
    </div>
  );
}
