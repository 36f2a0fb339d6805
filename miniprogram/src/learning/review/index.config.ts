export default definePageConfig({ navigationBarTitleText: '写评价' });
