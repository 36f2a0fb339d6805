export default definePageConfig({ navigationBarTitleText: '知付课堂', enablePullDownRefresh: true, onReachBottomDistance: 120 });
