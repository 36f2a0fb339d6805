/** Every string the learner reads, in one place, so wording is reviewed together and a second locale is a copy. */

export type OrderStatus = 'PENDING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'REFUNDED';
export type SortKey = 'newest' | 'price' | '-price' | 'rating' | 'popular';

export const zhCN = {
  price: {
    free: '免费',
  },
  catalog: {
    title: '课程',
    searchPlaceholder: '搜索课程、讲师或分类',
    empty: '没有找到相关课程',
    sort: {
      newest: '最新',
      price: '价格从低到高',
      '-price': '价格从高到低',
      rating: '评分最高',
      popular: '最受欢迎',
    } satisfies Record<SortKey, string>,
  },
  course: {
    buy: '立即购买',
    study: '开始学习',
    freePreview: '试看',
  },
  me: {
    myCourses: '我的课程',
    myOrders: '我的订单',
  },
  orderStatus: {
    PENDING: '待支付',
    PAID: '已支付',
    FAILED: '支付失败',
    EXPIRED: '已过期',
    REFUNDED: '已退款',
  } satisfies Record<OrderStatus, string>,
  errors: {
    network: '网络不太好，请稍后再试',
    loginRequired: '请先登录',
  },
} as const;
