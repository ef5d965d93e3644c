import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Member } from '../../../../contract/team.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Can } from '../../../lib/authorization.js';
import { sessionQueryOptions, useApiKey, useSession } from '../../../lib/session.js';
import { rolesQueryOptions, useRoles } from '../api/get-roles.js';
import { teamQueryOptions, useTeam } from '../api/get-team.js';
import { MemberDialog } from '../components/member-dialog.js';
import { MembersTable } from '../components/members-table.js';
import { OwnershipDialog } from '../components/ownership-dialog.js';
import { RolesCard } from '../components/roles-card.js';

export const teamLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  // Warm the cache; a failure is shown on the page rather than by the route's error boundary.
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([queryClient.prefetchQuery(teamQueryOptions(apiKey)), queryClient.prefetchQuery(rolesQueryOptions(apiKey))]);
  }
  return null;
};

export function TeamPage() {
  const apiKey = useApiKey();
  const session = useSession().data;
  const team = useTeam(apiKey);
  const roles = useRoles(apiKey);
  const [inviting, setInviting] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [invited, setInvited] = useState<Member | null>(null);
  const members = team.data?.members ?? [];
  const isOwner = members.some((member) => member.owner && member.id === session?.user.id);
  const full = team.data ? members.length >= team.data.member_limit : false;

  return (
    <div className="mx-auto max-w-6xl">
      <title>Team · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Team</h1>
      <p className="mt-1 text-sm text-slate-600">
        The people who use this account, what each may do (their role) and where (the whole account or chosen subaccounts).
      </p>
      <div className="mt-6 space-y-6">
        {invited && (
          <Alert variant="success" title="Invitation sent">
            {invited.name} ({invited.email}) gets an e-mail with a temporary password. You can send it again from the list if it does not arrive.
          </Alert>
        )}
        <Card
          title={team.data ? `Members (${members.length} of ${team.data.member_limit})` : 'Members'}
          actions={
            <div className="flex flex-wrap justify-end gap-2">
              {isOwner && (
                <Button variant="secondary" size="sm" onClick={() => setHandingOver(true)}>
                  Hand over ownership
                </Button>
              )}
              <Can permission="team:manage">
                {(can) => (
                  <Button size="sm" {...can} disabled={can.disabled || full || !roles.data} title={full ? 'The team has the most members it can have: remove one first.' : can.title} onClick={() => setInviting(true)}>
                    Add member
                  </Button>
                )}
              </Can>
            </div>
          }
        >
          {team.isPending || roles.isPending ? (
            <LoadingLine label="Loading the team…" />
          ) : team.isError || roles.isError ? (
            <LoadError
              message="We could not load the team."
              onRetry={() => {
                void team.refetch();
                void roles.refetch();
              }}
            />
          ) : (
            <MembersTable apiKey={apiKey} members={members} roles={roles.data.roles} />
          )}
        </Card>
        {roles.data && <RolesCard apiKey={apiKey} roles={roles.data.roles} />}
      </div>

      {roles.data && (
        <MemberDialog apiKey={apiKey} roles={roles.data.roles} open={inviting} onClose={() => setInviting(false)} onInvited={setInvited} />
      )}
      <OwnershipDialog apiKey={apiKey} members={members} open={handingOver} onClose={() => setHandingOver(false)} />
    </div>
  );
}
