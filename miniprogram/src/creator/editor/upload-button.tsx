import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastError, toastOk } from '../../services/feedback';
import { ProgressBar } from '../components/progress-bar';
import { consolePlatform, type FileKind } from '../platform';
import { uploadWithProgress } from '../services/upload';

const t = consoleText.editor;

interface Props {
  kind: FileKind;
  /** The upload route, e.g. /api/creator/lessons/12/media. */
  path: string;
  label: string;
  onDone: () => void;
}

/** Picks a file and uploads it, with a progress bar while it goes. */
export function UploadButton({ kind, path, label, onDone }: Props) {
  const [percent, setPercent] = useState<number | null>(null);

  const pickAndUpload = async () => {
    const file = await consolePlatform.chooseFile(kind);
    if (!file) return;
    setPercent(0);
    try {
      await uploadWithProgress(path, file.path, file.name, setPercent);
      toastOk(t.uploaded);
      onDone();
    } catch (err) {
      toastError(err);
    } finally {
      setPercent(null);
    }
  };

  return (
    <View className='upload'>
      <Button className='btn btn--ghost btn--small' disabled={percent !== null} onClick={() => void pickAndUpload()} data-upload={path}>
        {percent === null ? label : t.uploading(percent)}
      </Button>
      {percent !== null && (
        <View className='upload__progress'>
          <ProgressBar percent={percent} />
          <Text className='muted small'>{`${percent}%`}</Text>
        </View>
      )}
    </View>
  );
}
