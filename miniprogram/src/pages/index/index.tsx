import { Text, View } from '@tarojs/components';
import { CourseBrowser } from '../../components/course-browser';
import { CourseShelf } from '../../components/course-shelf';
import { SearchBar } from '../../components/search-bar';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { ROUTES, go } from '../../services/navigation';

/** Home: search, categories, sort and price filters over the whole catalog. */
export default function Home() {
  const session = useSession();
  return (
    <View className='page page--home'>
      <View className='hero'>
        <Text className='hero__title'>{zhCN.catalog.title}</Text>
        <SearchBar onSearch={(q) => go(ROUTES.search, { q })} />
      </View>
      <CourseShelf title={session ? zhCN.catalog.forYou : zhCN.catalog.popular} load={api.recommendations} deps={[session?.token]} />
      <CourseBrowser showCategories />
    </View>
  );
}
