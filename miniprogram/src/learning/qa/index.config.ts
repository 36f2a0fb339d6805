export default definePageConfig({ navigationBarTitleText: '课程问答', enablePullDownRefresh: true });
