export { weappConsole as consolePlatform } from './weapp';
export type { ConsolePlatform, FileKind, PickedFile } from './types';
