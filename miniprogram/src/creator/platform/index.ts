/** The console's platform for this build (Taro picks index.h5.ts for the browser). */
export { weappConsole as consolePlatform } from './weapp';
export type { ConsolePlatform, FileKind, PickedFile } from './types';
