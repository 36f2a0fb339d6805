import { ACCEPT, type ConsolePlatform } from './types';

/** A browser: an <input type=file> the creator picks from; Taro.uploadFile reads its blob: URL. */
export const h5Console: ConsolePlatform = {
  chooseFile(kind) {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = ACCEPT[kind].mime;
      input.style.display = 'none';
      input.setAttribute('data-testid', 'file-input');
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        input.remove();
        resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve(null);
      });
      document.body.appendChild(input);
      input.click();
    });
  },

  async openLink(url) {
    window.open(url, '_blank', 'noopener');
    return 'opened';
  },

  async saveText(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return 'saved';
  },
};
