// Shown instead of a page the signed-in user's role does not open (the server refuses it too, with
// 403): says why, rather than pretending the page does not exist.
import type { ReactNode } from 'react';
import { HOME_PATH } from '../paths.ts';
import { Link } from '../router.tsx';

export function NotPermitted({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="status-message" role="alert">
        <p className="status-title">Not available to your role</p>
        <p>{children}</p>
        <p>
          <Link to={HOME_PATH}>Go to the list of scenarios</Link>
        </p>
      </div>
    </>
  );
}
