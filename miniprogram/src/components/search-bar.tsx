import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { zhCN } from '../i18n/zh-CN';

const t = zhCN.catalog;

export function SearchBar({ initial = '', onSearch, autoFocus }: { initial?: string; onSearch: (q: string) => void; autoFocus?: boolean }) {
  const [value, setValue] = useState(initial);
  const submit = () => {
    const q = value.trim();
    if (q) onSearch(q);
  };
  return (
    <View className='search-bar'>
      <Text className='search-bar__icon'>⌕</Text>
      <Input
        className='search-bar__input'
        value={value}
        placeholder={t.searchPlaceholder}
        confirmType='search'
        focus={autoFocus}
        onInput={(e) => setValue(e.detail.value)}
        onConfirm={submit}
        maxlength={50}
      />
      <Text className='search-bar__go' onClick={submit}>
        {t.search}
      </Text>
    </View>
  );
}
