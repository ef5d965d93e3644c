/**
 * The network (MCC and MNC) the SMS API reports for a destination. Without number-portability
 * lookups it is an estimate, as Vonage's `network` is: the largest mobile network of the country.
 */
const largestNetwork: Record<string, string> = {
  GB: '23410',
  US: '310260',
  CA: '302720',
  DE: '26201',
  FR: '20801',
  ES: '21407',
  IT: '22201',
  NL: '20408',
  IE: '27201',
  IN: '40410',
  BR: '72405',
  AU: '50501',
};

export function estimatedNetwork(country: string): string | null {
  return largestNetwork[country] ?? null;
}
