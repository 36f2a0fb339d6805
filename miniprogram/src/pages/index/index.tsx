import { Text, View } from '@tarojs/components';
import { CourseBrowser } from '../../components/course-browser';
import { SearchBar } from '../../components/search-bar';
import { zhCN } from '../../i18n/zh-CN';
import { ROUTES, go } from '../../services/navigation';

/** Home: search, categories, sort and price filters over the whole catalog. */
export default function Home() {
  return (
    <View className='page page--home'>
      <View className='hero'>
        <Text className='hero__title'>{zhCN.catalog.title}</Text>
        <SearchBar onSearch={(q) => go(ROUTES.search, { q })} />
      </View>
      <CourseBrowser showCategories />
    </View>
  );
}
