/**
 * Which accounts of one family an actor may act on. A console user holds the whole family or a set
 * of its subaccounts (the team issue grants them); an API key holds what the key implies: a primary's
 * key its family, a subaccount's key only itself.
 */
export type Scope =
  | { kind: 'family'; primary: string }
  | { kind: 'subaccounts'; primary: string; subaccounts: ReadonlySet<string> }
  | { kind: 'account'; primary: string; account: string };

/** The minimum of an account that scope decisions need. */
export interface AccountRef {
  api_key: string;
  primary_api_key: string;
}

/** The account an actor acts as: a console user's family primary, an API key's own account. */
export const ownKeyOf = (scope: Scope): string => (scope.kind === 'account' ? scope.account : scope.primary);

export function inScope(scope: Scope, account: AccountRef): boolean {
  switch (scope.kind) {
    case 'family':
      return account.primary_api_key === scope.primary;
    case 'subaccounts':
      return account.primary_api_key === scope.primary && scope.subaccounts.has(account.api_key);
    case 'account':
      return account.api_key === scope.account;
  }
}

/**
 * The subaccount keys a family list may show to this actor, or null for all of them. Lists are
 * filtered by scope, never refused.
 */
export function visibleSubaccounts(scope: Scope): readonly string[] | null {
  switch (scope.kind) {
    case 'family':
      return null;
    case 'subaccounts':
      return [...scope.subaccounts];
    case 'account':
      return [scope.account];
  }
}
