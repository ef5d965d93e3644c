import { z } from 'zod';
import { permissions } from './permissions.js';

/** A permission on the wire (the session view, custom roles stored as JSON). */
export const permissionSchema = z.enum(permissions);
