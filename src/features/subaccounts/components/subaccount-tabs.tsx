import { NavLink } from 'react-router-dom';
import { cn } from '../../../lib/cn.js';
import { paths } from '../../../lib/paths.js';

/** A subaccount's pages: its overview, its API secrets and the history of its changes. */
export function SubaccountTabs({ subKey }: { subKey: string }) {
  const tabs = [
    { name: 'Overview', to: paths.subaccount.getHref(subKey) },
    { name: 'API secrets', to: paths.subaccountSecrets.getHref(subKey) },
    { name: 'History', to: paths.subaccountHistory.getHref(subKey) },
  ];
  return (
    <nav aria-label="Subaccount" className="mt-4 border-b border-slate-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab.name}>
            <NavLink
              to={tab.to}
              end
              className={({ isActive }) =>
                cn(
                  'inline-block border-b-2 px-1 py-2 text-sm font-medium whitespace-nowrap',
                  isActive ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900',
                )
              }
            >
              {tab.name}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
