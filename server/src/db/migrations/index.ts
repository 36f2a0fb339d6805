import { Initial1764163200000 } from './1764163200000-initial';
import { Payments1764180000000 } from './1764180000000-payments';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [Initial1764163200000, Payments1764180000000];
