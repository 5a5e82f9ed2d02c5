// Changing one's own password at any time (/account/password), e.g. after a colleague saw it typed.
import { useState } from 'react';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { useDocumentTitle } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';

export function AccountPasswordPage() {
  useDocumentTitle('Change password');
  const user = useCurrentUser();
  const [changed, setChanged] = useState(false);
  return (
    <div className="auth-page">
      <section className="panel auth-panel" aria-labelledby="account-password-heading">
        <h1 id="account-password-heading">Change password</h1>
        <p>
          For <strong>{user.displayName}</strong> ({user.id}). Your other sessions are signed out when the
          password changes.
        </p>
        {changed && (
          <p className="notice notice-good" role="status">
            Password changed.
          </p>
        )}
        <ChangePasswordForm onChanged={() => setChanged(true)} />
      </section>
    </div>
  );
}
