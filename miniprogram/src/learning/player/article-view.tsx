import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { fetchText } from '../../services/api';
import { parseMarkdown } from '../../services/markdown';

/** An article lesson, drawn from its Markdown. */
export function ArticleView({ url }: { url: string }) {
  const text = useAsync(() => fetchText(url), [url]);
  return (
    <StateView loading={text.loading} error={text.error} onRetry={() => void text.reload()}>
      <View className='article'>
        {parseMarkdown(text.data ?? '').map((b, i) => {
          switch (b.kind) {
            case 'heading':
              return (
                <Text key={i} className={`article__h${b.level}`}>
                  {b.text}
                </Text>
              );
            case 'quote':
              return (
                <Text key={i} className='article__quote'>
                  {b.text}
                </Text>
              );
            case 'item':
              return (
                <Text key={i} className='article__item'>
                  • {b.text}
                </Text>
              );
            case 'code':
              return (
                <Text key={i} className='article__code'>
                  {b.text}
                </Text>
              );
            default:
              return (
                <Text key={i} className='article__p'>
                  {b.text}
                </Text>
              );
          }
        })}
      </View>
    </StateView>
  );
}
