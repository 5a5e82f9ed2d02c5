// The operating-system user running the command: the audit log names the machine's operator after
// it (`cli:<user>`), whether the command opens the store itself or reaches a server on this machine.
import { userInfo } from 'node:os';

export function osUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined; // no user database entry (some containers)
  }
}
