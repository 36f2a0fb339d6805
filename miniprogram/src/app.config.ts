/**
 * Pages of the main package stay few; learning pages load as a subpackage when first opened, and so
 * does the creator and admin console (with its charts), which learners never download.
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/search/index', 'pages/course/index', 'pages/checkout/index', 'pages/orders/index', 'pages/profile/index'],
  subPackages: [
    {
      root: 'learning',
      pages: [
        'courses/index',
        'player/index',
        'review/index',
        'qa/index',
        'quiz/index',
        'certificates/index',
        'live/index',
        'works/index',
        'paid-questions/index',
        'paid-questions/ask',
        'paid-questions/mine',
        'referrals/index',
        'plans/index',
        'gift/index',
        'gifts/index',
        'redeem/index',
      ],
    },
    {
      // Not a root named "admin": the API keeps /admin/ for its queue dashboard.
      root: 'creator',
      pages: [
        'courses/index',
        'editor/index',
        'coupons/index',
        'questions/index',
        'paid-questions/index',
        'works/index',
        'live/index',
        'quizzes/index',
        'refunds/index',
        'digests/index',
        'analytics/index',
        'referrals/index',
        'plans/index',
        'codes/index',
        'admin/index',
        'admin/review/index',
        'admin/works/index',
        'admin/users/index',
        'admin/orders/index',
        'admin/analytics/index',
      ],
    },
  ],
  // WeChat's live plugin, only in a weapp build that asks for it (config/live-plugin.ts).
  ...(WECHAT_LIVE_PLUGINS ? { plugins: WECHAT_LIVE_PLUGINS } : {}),
  preloadRule: {
    'pages/course/index': { network: 'all', packages: ['learning'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '知付课堂',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
  // H5: pages switch without a slide, so a hidden page never lingers on screen (no effect in WeChat).
  animation: false,
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#16a05d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '发现', iconPath: 'assets/tab/discover.png', selectedIconPath: 'assets/tab/discover-active.png' },
      { pagePath: 'pages/orders/index', text: '订单', iconPath: 'assets/tab/orders.png', selectedIconPath: 'assets/tab/orders-active.png' },
      { pagePath: 'pages/profile/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
