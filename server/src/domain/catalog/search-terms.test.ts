import { queryTerms, searchText } from './search-terms';

describe('queryTerms', () => {
  it('segments Chinese into words', () => {
    expect(queryTerms('数据科学')).toEqual(['数据', '科学']);
  });
  it('keeps Latin words whole and lower-cases them', () => {
    expect(queryTerms('Python 入门')).toEqual(['python', '入门']);
  });
  it('drops punctuation, blanks and repeats', () => {
    expect(queryTerms(' 数据，数据！ ')).toEqual(['数据']);
    expect(queryTerms('%_\'";--')).toEqual([]);
  });
  it('keeps programming-language spellings such as c++ and c#', () => {
    expect(queryTerms('C++ C#')).toEqual(['c++', 'c#']);
  });
  it('bounds the number of terms', () => {
    expect(queryTerms('a b c d e f g h i j k').length).toBe(8);
  });
});

describe('searchText', () => {
  it('normalizes full-width letters so queries match them', () => {
    expect(searchText({ name: 'ＡＩ入门', description: '', category: '', creator: '' })).toContain('ai入门');
  });
});
