import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CourseBrowser } from '../../components/course-browser';
import { SearchBar } from '../../components/search-bar';

/** Search results: every word of the query must match (the API segments Chinese), ranked by relevance unless sorted. */
export default function Search() {
  const router = useRouter();
  const [q, setQ] = useState(decodeURIComponent(router.params.q ?? ''));
  return (
    <View className='page page--search'>
      <View className='hero hero--compact'>
        <SearchBar
          initial={q}
          autoFocus={!q}
          onSearch={(next) => {
            setQ(next);
            void Taro.setNavigationBarTitle({ title: next });
          }}
        />
      </View>
      {q && <CourseBrowser q={q} />}
    </View>
  );
}
