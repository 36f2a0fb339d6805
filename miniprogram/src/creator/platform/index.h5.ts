export { h5Console as consolePlatform } from './h5';
export type { ConsolePlatform, FileKind, PickedFile } from './types';
