/** What the console needs that differs between the mini-program and the browser. */
export type FileKind = 'image' | 'video' | 'audio' | 'document' | 'article';

/** A file the creator picked: a path Taro.uploadFile takes (a temp path, or a blob: URL in a browser). */
export interface PickedFile {
  path: string;
  name: string;
  size: number;
}

export interface ConsolePlatform {
  /** Lets the creator pick one file of the kind; null when they cancel. */
  chooseFile(kind: FileKind): Promise<PickedFile | null>;
  /** Opens a web page outside the app (the queue dashboard): a new tab, or the link copied in WeChat. */
  openLink(url: string): Promise<'opened' | 'copied'>;
  /** Hands a text file (a CSV) to the creator: downloaded in a browser, copied in WeChat. */
  saveText(name: string, text: string, type: string): Promise<'saved' | 'copied'>;
}

/** What each kind accepts, as the server does (MEDIA_TYPES). */
export const ACCEPT: Record<FileKind, { mime: string; extensions: string[] }> = {
  image: { mime: 'image/jpeg,image/png,image/webp', extensions: ['jpg', 'jpeg', 'png', 'webp'] },
  video: { mime: 'video/mp4,video/webm,video/quicktime', extensions: ['mp4', 'webm', 'mov'] },
  audio: { mime: 'audio/mpeg,audio/mp4,audio/aac,audio/wav,audio/x-wav', extensions: ['mp3', 'm4a', 'aac', 'wav'] },
  document: { mime: 'application/pdf', extensions: ['pdf'] },
  article: { mime: 'text/markdown,text/plain,text/html,.md', extensions: ['md', 'txt', 'html'] },
};
