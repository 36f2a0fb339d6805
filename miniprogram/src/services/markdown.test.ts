import { parseMarkdown } from './markdown';

describe('article lessons', () => {
  it('splits headings, paragraphs, quotes, list items and code', () => {
    const blocks = parseMarkdown('# 标题\n\n第一段\n接着第一段\n\n> 引用\n- 要点 **一**\n1. 要点二\n\n```\nprint(1)\n```\n## 小节');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: '标题' },
      { kind: 'paragraph', text: '第一段 接着第一段' },
      { kind: 'quote', text: '引用' },
      { kind: 'item', text: '要点 一' },
      { kind: 'item', text: '要点二' },
      { kind: 'code', text: 'print(1)' },
      { kind: 'heading', level: 2, text: '小节' },
    ]);
  });

  it('reads links as their text and ignores Windows line ends', () => {
    expect(parseMarkdown('见[文档](https://example.com)\r\n')).toEqual([{ kind: 'paragraph', text: '见文档' }]);
  });
});
