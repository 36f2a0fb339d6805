import { Initial1764163200000 } from './1764163200000-initial';

/** Every migration in order; the data source runs them, never `synchronize`. */
export const MIGRATIONS = [Initial1764163200000];
