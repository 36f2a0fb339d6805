import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { zhCN } from '../i18n/zh-CN';
import type { ApiError } from '../services/http';

interface Props {
  loading: boolean;
  error: ApiError | null;
  empty?: boolean;
  emptyText?: string;
  emptyHint?: string;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Loading, failed (with retry), empty, or the content: every page shows one of the four. */
export function StateView({ loading, error, empty, emptyText, emptyHint, onRetry, children }: Props) {
  if (loading) {
    return (
      <View className='state state--loading' aria-busy='true'>
        <View className='spinner' />
        <Text className='state__text'>{zhCN.common.loading}</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className='state state--error' role='alert'>
        <Text className='state__icon'>!</Text>
        <Text className='state__text'>{error.message}</Text>
        {onRetry && (
          <Button className='btn btn--ghost btn--small' onClick={onRetry}>
            {zhCN.common.retry}
          </Button>
        )}
      </View>
    );
  }
  if (empty) {
    return (
      <View className='state state--empty'>
        <Text className='state__icon'>○</Text>
        <Text className='state__text'>{emptyText}</Text>
        {emptyHint && <Text className='state__hint'>{emptyHint}</Text>}
      </View>
    );
  }
  return <>{children}</>;
}
