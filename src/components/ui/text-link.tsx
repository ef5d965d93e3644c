import { Link, type LinkProps } from 'react-router-dom';
import { cn } from '../../lib/cn.js';

export function TextLink({ className, ...props }: LinkProps) {
  return (
    <Link
      className={cn('font-medium text-indigo-600 underline-offset-2 hover:text-indigo-800 hover:underline', className)}
      {...props}
    />
  );
}
