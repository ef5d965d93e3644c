export function Logo({ className }: { className?: string }) {
  return (
    <span className={className}>
      <span className="inline-flex items-center gap-2 text-lg font-semibold tracking-tight">
        <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="#4f46e5" />
          <path d="M9 11h14M9 16h9M9 21h14" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
          <circle cx="22" cy="16" r="2.5" fill="#a5b4fc" />
        </svg>
        Switchboard
      </span>
    </span>
  );
}
