// The loading and failure states every page shares, so an API outage reads the same everywhere and
// tells the user what failed and what they can do about it.
import type { ReactNode } from 'react';
import type { ApiError } from '../api-client.ts';

export function LoadingMessage({ children }: { children: ReactNode }) {
  return (
    <p className="status-message status-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

interface ErrorMessageProps {
  title: string;
  error: ApiError;
  onRetry?: () => void;
  children?: ReactNode;
}

export function ErrorMessage({ title, error, onRetry, children }: ErrorMessageProps) {
  return (
    <div className="status-message status-error" role="alert">
      <p className="status-title">{title}</p>
      <p>
        {error.message}
        {error.status > 0 && (
          <span className="status-code">
            {' '}
            (HTTP {error.status}, {error.code})
          </span>
        )}
      </p>
      {error.issues.length > 0 && (
        <ul className="issue-list">
          {error.issues.map((issue, i) => (
            <li key={i}>
              {issue.path ? <code>{issue.path}</code> : 'Document'}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {(onRetry || children) && (
        <p className="status-actions">
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          )}
          {children}
        </p>
      )}
    </div>
  );
}
