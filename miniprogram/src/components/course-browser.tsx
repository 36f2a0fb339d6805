import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { usePagedList } from '../hooks/use-paged-list';
import { zhCN, type SortKey } from '../i18n/zh-CN';
import { api } from '../services/api';
import { PRICE_FILTERS, type PriceFilterKey } from '../services/catalog-filters';
import type { Category } from '../services/types';
import { CourseCard } from './course-card';
import { StateView } from './state-view';

const t = zhCN.catalog;
const SORTS: SortKey[] = ['newest', 'price', '-price', 'rating', 'popular'];

/**
 * The catalog as a filterable, infinitely scrolling list (home and search results): category chips,
 * sort, price range; pull down to refresh, scroll to the end for the next page.
 */
export function CourseBrowser({ q, showCategories }: { q?: string; showCategories?: boolean }) {
  const [category, setCategory] = useState('');
  const [sort, setSort] = useState<SortKey | ''>(q ? '' : 'newest');
  const [price, setPrice] = useState<PriceFilterKey>('any');
  const [categories, setCategories] = useState<Category[]>([]);

  useEffect(() => {
    if (!showCategories) return;
    api
      .categories()
      .then((c) => setCategories(Array.isArray(c) ? c : c.results))
      .catch(() => setCategories([]));
  }, [showCategories]);

  const range = PRICE_FILTERS[price];
  const list = usePagedList(
    () => api.courses({ q: q || undefined, category: category || undefined, sort: sort || undefined, min_price: range.min, max_price: range.max }),
    [q, category, sort, price],
  );

  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());

  return (
    <View className='browser'>
      {showCategories && categories.length > 0 && (
        <ScrollView className='chips chips--categories' scrollX enhanced showScrollbar={false}>
          <Text className={category === '' ? 'chip chip--on' : 'chip'} onClick={() => setCategory('')}>
            {t.allCategories}
          </Text>
          {categories.map((c) => (
            <Text key={c.id} className={category === c.slug ? 'chip chip--on' : 'chip'} onClick={() => setCategory(c.slug)}>
              {c.name}
            </Text>
          ))}
        </ScrollView>
      )}
      <View className='toolbar'>
        <View className='toolbar__sorts' role='tablist' aria-label={t.sortLabel}>
          {q && (
            <Text className={sort === '' ? 'sort sort--on' : 'sort'} onClick={() => setSort('')} data-sort='relevance'>
              {t.relevance}
            </Text>
          )}
          {SORTS.map((s) => (
            <Text key={s} className={sort === s ? 'sort sort--on' : 'sort'} onClick={() => setSort(s)} data-sort={s}>
              {t.sortShort[s]}
            </Text>
          ))}
        </View>
      </View>
      <ScrollView className='chips chips--price' scrollX enhanced showScrollbar={false}>
        <Text className='chips__label'>{t.priceFilter}</Text>
        {(Object.keys(PRICE_FILTERS) as PriceFilterKey[]).map((key) => (
          <Text key={key} className={price === key ? 'chip chip--small chip--on' : 'chip chip--small'} onClick={() => setPrice(key)} data-price={key}>
            {PRICE_FILTERS[key].label}
          </Text>
        ))}
      </ScrollView>
      {q && !list.loading && !list.error && list.count > 0 && <Text className='browser__count'>{t.resultsFor(q, list.count)}</Text>}
      <StateView loading={list.loading} error={list.items.length ? null : list.error} empty={list.items.length === 0} emptyText={t.empty} emptyHint={t.emptyHint} onRetry={() => void list.refresh()}>
        <View className='course-list'>
          {list.items.map((c) => (
            <CourseCard key={c.id} course={c} />
          ))}
        </View>
        <View className='list-foot'>
          {list.loadingMore ? (
            <Text>{zhCN.common.loadingMore}</Text>
          ) : list.error ? (
            <Text className='link' onClick={() => void list.loadMore()}>
              {list.error.message} · {zhCN.common.retry}
            </Text>
          ) : list.hasMore ? (
            <Text className='link' onClick={() => void list.loadMore()}>
              {zhCN.common.loadingMore}
            </Text>
          ) : (
            <Text>{zhCN.common.noMore}</Text>
          )}
        </View>
      </StateView>
    </View>
  );
}
