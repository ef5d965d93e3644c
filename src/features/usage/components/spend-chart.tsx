import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries {
  key: string;
  label: string;
}

// Colours with at least 3:1 contrast against white, told apart by the legend as well.
const colours = ['#4f46e5', '#0d9488', '#d97706', '#db2777', '#2563eb', '#64748b'];

/**
 * Stacked bars per day. Recharts is big, so this file is only ever loaded lazily (spend-card.tsx):
 * the sign-in route and the pages without a chart never download it. Hidden from screen readers,
 * which read the same figures in the table beside it.
 */
export default function SpendChart({ rows, series, format }: { rows: Record<string, number | string>[]; series: ChartSeries[]; format: (amount: number) => string }) {
  return (
    <div aria-hidden="true" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#475569' }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={{ fontSize: 11, fill: '#475569' }} width={56} tickFormatter={(value: number) => format(value)} />
          <Tooltip formatter={(value) => format(Number(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((item, index) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} stackId="spend" fill={colours[index % colours.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
