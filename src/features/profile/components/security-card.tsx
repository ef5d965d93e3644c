import { useState } from 'react';
import { disableTwoFactorRequestSchema } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { TextField } from '../../../components/ui/text-field.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useDisableTwoFactor } from '../api/disable-two-factor.js';
import { useEndOtherSessions } from '../api/end-other-sessions.js';
import { useSessions } from '../api/get-sessions.js';
import { useTwoFactor } from '../api/get-two-factor.js';
import { TwoFactorEnrolmentFlow } from './two-factor-enrolment.js';

/** Two-factor sign-in with an authenticator app: on (with recovery codes left), or set it up. */
export function TwoFactorCard({ apiKey }: { apiKey: string }) {
  const status = useTwoFactor(apiKey);
  const [enrolling, setEnrolling] = useState(false);
  return (
    <Card title="Two-factor sign-in" actions={status.data && <Badge tone={status.data.enabled ? 'success' : 'neutral'}>{status.data.enabled ? 'On' : 'Off'}</Badge>}>
      {status.isPending ? (
        <LoadingLine label="Loading…" />
      ) : status.isError ? (
        <LoadError message={status.error.message} onRetry={() => status.refetch()} />
      ) : status.data.enabled && !enrolling ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            Signing in asks for a code from your authenticator app. {status.data.recovery_codes_left} of 10 recovery codes left.
          </p>
          <DisableTwoFactorForm apiKey={apiKey} />
        </div>
      ) : (
        <div className="space-y-4">
          {!enrolling && <p className="text-sm text-slate-700">Protect your account with a code from an authenticator app on your phone, asked at every sign-in.</p>}
          <TwoFactorEnrolmentFlow apiKey={apiKey} onStart={() => setEnrolling(true)} onDone={() => setEnrolling(false)} />
        </div>
      )}
    </Card>
  );
}

function DisableTwoFactorForm({ apiKey }: { apiKey: string }) {
  const disable = useDisableTwoFactor(apiKey);
  const { register, submit, formError, formState } = useApiForm({
    schema: disableTwoFactorRequestSchema,
    defaultValues: { password: '', code: '' },
    onSubmit: (values) => disable.mutateAsync(values),
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-4 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Turn two-factor sign-in off</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Your password" type="password" autoComplete="current-password" error={formState.errors.password?.message} {...register('password')} />
        <TextField label="Code from your app or a recovery code" autoComplete="one-time-code" error={formState.errors.code?.message} {...register('code')} />
      </div>
      <FormAlert error={formError} />
      <Button type="submit" variant="danger" isLoading={formState.isSubmitting}>
        Turn off
      </Button>
    </form>
  );
}

/** Where the user is signed in; "sign out every other session" for a lost laptop or a shared computer. */
export function SessionsCard({ apiKey }: { apiKey: string }) {
  const sessions = useSessions(apiKey);
  const endOthers = useEndOtherSessions(apiKey);
  const others = sessions.data?.sessions.filter((session) => !session.current).length ?? 0;
  return (
    <Card title="Active sessions">
      {sessions.isPending ? (
        <LoadingLine label="Loading sessions…" />
      ) : sessions.isError ? (
        <LoadError message={sessions.error.message} onRetry={() => sessions.refetch()} />
      ) : (
        <div className="space-y-4">
          <ul className="divide-y divide-slate-100">
            {sessions.data.sessions.map((session) => (
              <li key={`${session.signed_in_at}-${session.ip}-${session.browser}`} className="py-2 text-sm">
                <p className="break-words text-slate-900">
                  {session.browser} {session.current && <Badge tone="info">This browser</Badge>}
                </p>
                <p className="text-slate-600">
                  {session.ip} · last seen {formatDateTime(session.last_seen_at)}
                </p>
              </li>
            ))}
          </ul>
          {endOthers.isSuccess && <Alert variant="success">{endOthers.data.ended === 1 ? 'One other session was signed out.' : `${endOthers.data.ended} other sessions were signed out.`}</Alert>}
          {endOthers.isError && <Alert variant="error">{endOthers.error.message}</Alert>}
          <Button variant="secondary" disabled={others === 0} isLoading={endOthers.isPending} onClick={() => endOthers.mutate()}>
            Sign out every other session
          </Button>
        </div>
      )}
    </Card>
  );
}
