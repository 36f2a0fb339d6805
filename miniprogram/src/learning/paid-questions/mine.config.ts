export default definePageConfig({ navigationBarTitleText: '我的付费提问', enablePullDownRefresh: true });
