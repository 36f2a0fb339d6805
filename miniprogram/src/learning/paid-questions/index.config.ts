export default definePageConfig({ navigationBarTitleText: '付费问答', enablePullDownRefresh: true });
