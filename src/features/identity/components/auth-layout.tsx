import type { ReactNode } from 'react';
import { Logo } from '../../../components/ui/logo.js';
import { cn } from '../../../lib/cn.js';

/** The frame of the signed-out pages: logo, page heading, a card with the form, links under it. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
  wide = false,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const column = cn('mx-auto w-full', wide ? 'max-w-xl' : 'max-w-md');
  return (
    <div className="flex min-h-full flex-col justify-center px-4 py-12 sm:px-6">
      <title>{`${title} · Switchboard`}</title>
      <header className={column}>
        <Logo className="text-slate-900" />
      </header>
      <main className={cn(column, 'mt-8')}>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <div className="mt-2 text-sm text-slate-600">{subtitle}</div>}
        <div className="mt-6 rounded-lg bg-white px-6 py-7 shadow-sm ring-1 ring-slate-200 sm:px-8">{children}</div>
        {footer && <div className="mt-6 space-y-2 text-center text-sm text-slate-600">{footer}</div>}
      </main>
    </div>
  );
}
