const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function format(iso: string, formatter: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

/** "12 Mar 2025", in the user's locale and time zone. */
export const formatDate = (iso: string) => format(iso, dateFormat);

/** "12 Mar 2025, 14:03:27", in the user's locale and time zone. */
export const formatDateTime = (iso: string) => format(iso, dateTimeFormat);
