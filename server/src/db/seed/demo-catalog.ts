import type { CourseStatus } from '../../domain/catalog/course.entity';
import type { LessonKind } from '../../domain/catalog/lesson.entity';

/**
 * The demo store: categories, creators, learners and courses with their chapters, lessons, reviews and
 * enrollments. Pure data; seed-demo.ts turns it into rows. Courses refer to categories by slug and to
 * people by username so the whole catalog reads top to bottom without ids.
 */

export interface DemoCategory {
  name: string;
  slug: string;
  sortOrder: number;
}

export interface DemoPerson {
  username: string;
  displayName: string;
}

export interface DemoLesson {
  title: string;
  kind: LessonKind;
  /** Seconds of playback for video and audio; 0 for articles and documents, which are read. */
  durationS: number;
  freePreview: boolean;
}

export interface DemoChapter {
  title: string;
  lessons: DemoLesson[];
}

export interface DemoReview {
  learner: string;
  rating: 1 | 2 | 3 | 4 | 5;
  content: string;
}

export interface DemoCourse {
  name: string;
  /** Category slug. */
  category: string;
  /** Creator username. */
  creator: string;
  priceFen: number;
  status: Extract<CourseStatus, 'PUBLISHED' | 'DRAFT' | 'IN_REVIEW'>;
  /** How many days before seeding the course went live; null for courses that are not published. */
  publishedDaysAgo: number | null;
  description: string;
  chapters: DemoChapter[];
  /** Every reviewer is enrolled in the course they review. */
  reviews: DemoReview[];
  /** Learners enrolled without writing a review. */
  alsoEnrolled: string[];
}

/** "mm:ss" reads like the durations creators see in their upload tool. */
function seconds(mmss: string): number {
  const [m, s] = mmss.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

const video = (title: string, mmss: string, freePreview = false): DemoLesson => ({
  title,
  kind: 'video',
  durationS: seconds(mmss),
  freePreview,
});
const audio = (title: string, mmss: string, freePreview = false): DemoLesson => ({
  title,
  kind: 'audio',
  durationS: seconds(mmss),
  freePreview,
});
const article = (title: string, freePreview = false): DemoLesson => ({ title, kind: 'article', durationS: 0, freePreview });
const doc = (title: string, freePreview = false): DemoLesson => ({ title, kind: 'document', durationS: 0, freePreview });
const review = (learner: string, rating: DemoReview['rating'], content: string): DemoReview => ({ learner, rating, content });

export const DEMO_CATEGORIES: DemoCategory[] = [
  { name: '数据科学', slug: 'data-science', sortOrder: 10 },
  { name: '编程开发', slug: 'programming', sortOrder: 20 },
  { name: '职场成长', slug: 'career', sortOrder: 30 },
  { name: '外语学习', slug: 'languages', sortOrder: 40 },
  { name: '金融理财', slug: 'finance', sortOrder: 50 },
  { name: '设计创意', slug: 'design', sortOrder: 60 },
  { name: '心理健康', slug: 'mental-health', sortOrder: 70 },
];

export const DEMO_CREATORS: DemoPerson[] = [
  { username: 'lin_shuyan', displayName: '林数言' },
  { username: 'chen_yiming', displayName: '陈一鸣' },
  { username: 'zhou_zhiyuan', displayName: '周知远' },
  { username: 'emily_wang', displayName: 'Emily 王' },
  { username: 'li_huilin', displayName: '李慧琳' },
];

export const DEMO_LEARNERS: DemoPerson[] = [
  { username: 'xiaoming_li', displayName: '李小明' },
  { username: 'wangfang_92', displayName: '王芳' },
  { username: 'zhang_wei', displayName: '张伟' },
  { username: 'liuyang_dev', displayName: '刘洋' },
  { username: 'chen_jing', displayName: '陈静' },
  { username: 'yang_lei', displayName: '杨磊' },
  { username: 'zhao_min', displayName: '赵敏' },
  { username: 'huang_ting', displayName: '黄婷' },
  { username: 'sun_jie', displayName: '孙杰' },
  { username: 'wu_xue', displayName: '吴雪' },
  { username: 'alice_sun', displayName: 'Alice Sun' },
  { username: 'kevin_he', displayName: '何凯文' },
  { username: 'lucy_gao', displayName: 'Lucy Gao' },
  { username: 'ma_chao', displayName: '马超' },
  { username: 'tian_yu', displayName: '田雨' },
];

/** The one administrator of the demo; reviews courses that creators submit. */
export const DEMO_ADMIN: DemoPerson = { username: 'admin', displayName: '平台管理员' };

export const DEMO_COURSES: DemoCourse[] = [
  // ── 数据科学 ────────────────────────────────────────────────────────────────
  {
    name: '数据科学入门',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 180,
    description:
      '零基础也能学会的数据科学第一课：从提出问题、获取数据到清洗、分析和可视化，用 Python 走完一个完整项目。适合转行和在校学生。',
    chapters: [
      {
        title: '第一章 认识数据科学',
        lessons: [
          video('课程导学：数据科学家每天在做什么', '06:42', true),
          video('数据科学的工作流程', '14:05', true),
          article('推荐阅读与学习路线'),
        ],
      },
      {
        title: '第二章 Python 与数据处理',
        lessons: [
          video('Jupyter Notebook 快速上手', '12:30'),
          video('用 Pandas 读取与清洗数据', '21:48'),
          doc('Pandas 常用操作速查表'),
          video('缺失值与异常值处理', '18:16'),
        ],
      },
      {
        title: '第三章 分析与可视化',
        lessons: [
          video('描述性统计与分组分析', '19:02'),
          video('Matplotlib 绘图基础', '16:37'),
          audio('访谈：一位数据分析师的成长之路', '24:10'),
        ],
      },
      {
        title: '第四章 综合项目',
        lessons: [video('项目实战：共享单车骑行数据分析', '35:20'), doc('项目数据集说明与作业要求')],
      },
    ],
    reviews: [
      review('xiaoming_li', 5, '零基础听得懂，例子很贴近实际工作，推荐！'),
      review('wangfang_92', 5, '老师讲得很清楚，节奏刚好，作业很有帮助。'),
      review('zhang_wei', 4, '内容扎实，希望第四章的项目能再多讲一些细节。'),
      review('alice_sun', 4, 'Great first course. The Pandas chapter alone was worth the price.'),
      review('huang_ting', 3, '入门够用，但对有基础的人来说偏简单。'),
      review('ma_chao', 5, '跟着做完了单车项目，终于敢在简历上写数据分析了。'),
    ],
    alsoEnrolled: ['chen_jing', 'kevin_he'],
  },
  {
    name: '数据分析实战：用 Python 玩转 Pandas',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 142,
    description: '12 个真实业务案例带你掌握 Pandas 数据分析：销售报表、用户留存、A/B 测试，一次学会分析师必备的硬技能。',
    chapters: [
      {
        title: '准备工作',
        lessons: [video('课程介绍与环境搭建', '08:15', true), doc('案例数据包下载说明')],
      },
      {
        title: '数据整理',
        lessons: [
          video('DataFrame 索引与筛选', '17:44'),
          video('merge、join 与 concat', '22:09'),
          video('透视表与交叉表', '15:51'),
          article('常见报错与排查思路'),
        ],
      },
      {
        title: '业务案例',
        lessons: [
          video('案例：电商销售月报自动化', '28:33'),
          video('案例：用户留存与同期群分析', '31:12'),
          video('案例：A/B 测试结果解读', '26:40'),
        ],
      },
    ],
    reviews: [
      review('zhang_wei', 5, '案例都是工作里真能用到的，月报自动化帮我每周省了半天。'),
      review('liuyang_dev', 4, '讲得不错，同期群分析那节值得反复看。'),
      review('kevin_he', 4, 'Solid practical content, subtitles would be nice.'),
    ],
    alsoEnrolled: ['xiaoming_li', 'yang_lei'],
  },
  {
    name: '大数据技术原理与 Spark 实践',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 29900,
    status: 'PUBLISHED',
    publishedDaysAgo: 230,
    description: '从 HDFS、MapReduce 到 Spark SQL 与流处理，讲清大数据平台的原理，并在本地集群上完成日志分析实战。',
    chapters: [
      {
        title: '大数据基础',
        lessons: [
          video('为什么需要分布式计算', '11:26', true),
          video('HDFS 与 MapReduce 原理', '24:18'),
          doc('Hadoop 生态组件图谱'),
        ],
      },
      {
        title: 'Spark 核心',
        lessons: [
          video('RDD 与惰性求值', '19:55'),
          video('Spark SQL 与 DataFrame', '23:40'),
          video('性能调优：分区、缓存与数据倾斜', '27:02'),
        ],
      },
      {
        title: '实战项目',
        lessons: [video('网站访问日志分析', '38:45'), video('Structured Streaming 实时统计', '29:14')],
      },
    ],
    reviews: [
      review('liuyang_dev', 5, '原理讲得透，数据倾斜那节解决了我线上的实际问题。'),
      review('sun_jie', 4, '内容硬核，需要一定 Java/Scala 基础。'),
      review('yang_lei', 3, '前半部分很好，实战部分环境搭建花了我不少时间。'),
      review('kevin_he', 4, 'Well structured, the tuning lesson is excellent.'),
    ],
    alsoEnrolled: [],
  },
  {
    name: '数据可视化：从 Excel 到 ECharts',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 96,
    description: '选对图表、讲好故事：从 Excel 图表规范到 ECharts 交互式大屏，让你的数据汇报一眼就被看懂。',
    chapters: [
      {
        title: '图表的语言',
        lessons: [
          video('什么样的图是好图', '09:58', true),
          article('图表选择指南：比较、构成、分布与趋势', true),
          video('Excel 图表美化五步法', '16:20'),
        ],
      },
      {
        title: 'ECharts 实战',
        lessons: [
          video('ECharts 入门与配置项', '18:07'),
          video('制作一块销售数据大屏', '32:26'),
          doc('配色方案与模板文件'),
        ],
      },
    ],
    reviews: [
      review('huang_ting', 5, '汇报被老板夸了，图表选择指南非常实用。'),
      review('wu_xue', 4, '大屏那节很酷，要是有源码讲解就更好了。'),
    ],
    alsoEnrolled: ['lucy_gao'],
  },
  {
    name: 'SQL 数据查询 21 天',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 64,
    description: '每天 15 分钟，21 天从 SELECT 写到窗口函数。配套在线练习题，适合产品、运营和分析岗位。',
    chapters: [
      {
        title: '第 1–7 天 基础查询',
        lessons: [
          video('第 1 天：SELECT 与 WHERE', '12:40', true),
          video('第 3 天：排序、分组与聚合', '14:22'),
          video('第 5 天：多表连接', '16:05'),
          doc('第一周练习题'),
        ],
      },
      {
        title: '第 8–14 天 进阶查询',
        lessons: [video('第 9 天：子查询与 CTE', '15:36'), video('第 12 天：窗口函数', '18:48'), doc('第二周练习题')],
      },
      {
        title: '第 15–21 天 业务场景',
        lessons: [video('第 16 天：漏斗与留存查询', '17:29'), article('第 21 天：结业测验与答案解析')],
      },
    ],
    reviews: [
      review('chen_jing', 5, '价格良心，练习题设计得很好，做运营的我也学会了。'),
      review('zhao_min', 4, '每天一点点，坚持下来了。'),
      review('tian_yu', 2, '窗口函数讲得有点快，没跟上。'),
      review('lucy_gao', 4, 'Bite-sized lessons, perfect for my commute.'),
      review('xiaoming_li', 5, '窗口函数终于搞懂了！'),
    ],
    alsoEnrolled: ['wangfang_92', 'ma_chao'],
  },
  {
    name: 'Introduction to Data Science',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 150,
    description:
      'An English-language introduction to data science: the data lifecycle, exploratory analysis with Python, and your first predictive model. 英文授课，配中文字幕。',
    chapters: [
      {
        title: 'Getting Started',
        lessons: [
          video('Welcome and course overview', '05:48', true),
          video('What is data science?', '13:12', true),
          article('Setting up Python and Jupyter'),
        ],
      },
      {
        title: 'Exploring Data',
        lessons: [
          video('Loading and inspecting datasets', '16:44'),
          video('Summary statistics and distributions', '18:30'),
          video('Visualizing relationships', '17:05'),
        ],
      },
      {
        title: 'Your First Model',
        lessons: [
          video('Train, test and validate', '20:21'),
          video('Linear regression end to end', '24:57'),
          doc('Capstone brief and rubric'),
        ],
      },
    ],
    reviews: [
      review('alice_sun', 5, 'Clear explanations and great pacing. Highly recommended.'),
      review('lucy_gao', 4, 'Good balance of theory and hands-on work.'),
      review('wangfang_92', 4, '英文授课顺便练了听力，一举两得。'),
    ],
    alsoEnrolled: ['kevin_he'],
  },
  {
    name: '机器学习入门：从线性回归到随机森林',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 120,
    description: '少讲公式、多讲直觉：用 scikit-learn 实现回归、分类、聚类与集成模型，理解每个算法适合解决什么问题。',
    chapters: [
      {
        title: '机器学习基础',
        lessons: [video('机器学习能做什么、不能做什么', '10:33', true), video('特征工程入门', '19:47')],
      },
      {
        title: '经典算法',
        lessons: [
          video('线性回归与正则化', '22:15'),
          video('逻辑回归与分类评估指标', '21:38'),
          video('决策树与随机森林', '25:02'),
          video('K-Means 聚类', '16:54'),
        ],
      },
      {
        title: '模型落地',
        lessons: [video('交叉验证与调参', '18:26'), article('模型上线前的检查清单'), doc('课程讲义合集')],
      },
    ],
    reviews: [
      review('sun_jie', 5, '直觉讲得特别好，比看教材轻松多了。'),
      review('zhang_wei', 4, '评估指标那节讲得很透彻。'),
      review('kevin_he', 5, 'Best intuitive explanation of random forests I have seen.'),
      review('yang_lei', 3, '希望多一些数学推导。'),
    ],
    alsoEnrolled: ['liuyang_dev', 'xiaoming_li'],
  },
  {
    name: '统计学思维：让数据说话',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 990,
    status: 'PUBLISHED',
    publishedDaysAgo: 45,
    description: '用生活里的例子讲透均值、方差、抽样与假设检验，学会识别报道中的数据陷阱。音频课，通勤路上就能听完。',
    chapters: [
      {
        title: '上篇 描述世界',
        lessons: [
          audio('平均数会骗人吗', '11:20', true),
          audio('方差：波动也是信息', '12:45'),
          audio('相关不等于因果', '13:08'),
        ],
      },
      {
        title: '下篇 推断世界',
        lessons: [
          audio('抽样：为什么 1000 人能代表全国', '12:36'),
          audio('假设检验与 p 值', '14:52'),
          article('延伸阅读书单'),
        ],
      },
    ],
    reviews: [
      review('chen_jing', 5, '9 块 9 的价格，收获远超预期。'),
      review('tian_yu', 4, '通勤听刚刚好，相关与因果那期印象很深。'),
    ],
    alsoEnrolled: ['huang_ting', 'wu_xue', 'zhao_min'],
  },
  {
    name: '深度学习与 PyTorch 实战',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 29900,
    status: 'PUBLISHED',
    publishedDaysAgo: 35,
    description: '从张量和自动求导开始，亲手搭建 CNN、RNN 与 Transformer，完成图像分类和文本情感分析两个项目。',
    chapters: [
      {
        title: 'PyTorch 基础',
        lessons: [video('课程导学与 GPU 环境准备', '09:12', true), video('张量与自动求导', '21:30'), video('训练循环的标准写法', '18:44')],
      },
      {
        title: '经典网络',
        lessons: [video('卷积神经网络', '26:18'), video('循环神经网络与 LSTM', '24:05'), video('注意力机制与 Transformer', '31:40')],
      },
      {
        title: '项目实战',
        lessons: [video('项目一：图像分类', '34:12'), video('项目二：文本情感分析', '29:56'), doc('项目代码与数据说明')],
      },
    ],
    reviews: [review('liuyang_dev', 5, 'Transformer 讲得非常清楚，代码可以直接复用。')],
    alsoEnrolled: ['sun_jie'],
  },
  {
    name: '免费公开课：数据思维 10 讲',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 0,
    status: 'PUBLISHED',
    publishedDaysAgo: 210,
    description: '不写代码也能用数据做决策。10 个小故事讲清指标、对比与归因，是《数据科学入门》的前导公开课。',
    chapters: [
      {
        title: '上半场',
        lessons: [
          audio('第 1 讲：先问对问题', '08:40'),
          audio('第 2 讲：指标是怎样定出来的', '09:15'),
          audio('第 3 讲：没有对比就没有结论', '08:58'),
        ],
      },
      {
        title: '下半场',
        lessons: [audio('第 6 讲：幸存者偏差', '09:31'), audio('第 10 讲：用数据讲故事', '10:05'), article('课后思考题')],
      },
    ],
    reviews: [
      review('xiaoming_li', 5, '免费课质量这么高，直接买了正课。'),
      review('wangfang_92', 4, '幸存者偏差那讲很有启发。'),
      review('ma_chao', 4, '短小精悍。'),
      review('zhao_min', 5, 'Great free intro, no coding needed.'),
    ],
    alsoEnrolled: ['huang_ting', 'tian_yu', 'wu_xue', 'lucy_gao'],
  },
  {
    name: '数据中台建设实战',
    category: 'data-science',
    creator: 'lin_shuyan',
    priceFen: 39900,
    status: 'DRAFT',
    publishedDaysAgo: null,
    description: '企业数据中台从规划到落地：数据仓库分层、指标体系与数据治理。课程制作中，敬请期待。',
    chapters: [
      {
        title: '规划篇',
        lessons: [video('数据中台到底是什么', '12:00', true), doc('调研问卷模板')],
      },
      {
        title: '建设篇',
        lessons: [video('数据仓库分层设计', '22:00'), video('指标体系与口径管理', '20:00')],
      },
    ],
    reviews: [],
    alsoEnrolled: [],
  },

  // ── 编程开发 ────────────────────────────────────────────────────────────────
  {
    name: 'Python 零基础入门',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 0,
    status: 'PUBLISHED',
    publishedDaysAgo: 240,
    description: '完全免费的 Python 入门课：变量、循环、函数和文件操作，每节配小练习，两周写出你的第一个自动化脚本。',
    chapters: [
      {
        title: '基础语法',
        lessons: [
          video('安装 Python 与第一行代码', '08:25'),
          video('变量、类型与运算', '13:40'),
          video('条件判断与循环', '15:12'),
        ],
      },
      {
        title: '函数与模块',
        lessons: [video('定义和调用函数', '14:33'), video('常用标准库', '16:08'), article('练习题与参考答案')],
      },
      {
        title: '小项目',
        lessons: [video('批量重命名文件', '12:54'), video('自动整理 Excel 表格', '18:20')],
      },
    ],
    reviews: [
      review('tian_yu', 5, '免费还讲得这么细，感谢老师！'),
      review('wu_xue', 5, '第一次觉得编程没那么可怕。'),
      review('chen_jing', 4, '小项目很实用，批量重命名直接用上了。'),
      review('alice_sun', 4, 'Perfect for absolute beginners.'),
      review('zhao_min', 3, '后半部分跳跃有点大。'),
    ],
    alsoEnrolled: ['xiaoming_li', 'huang_ting', 'ma_chao', 'yang_lei'],
  },
  {
    name: 'Web Development with React',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 110,
    description:
      'Build modern web apps with React 18 and TypeScript: components, hooks, routing, data fetching and deployment. 英文授课，中英双语字幕。',
    chapters: [
      {
        title: 'React Fundamentals',
        lessons: [
          video('Course introduction', '04:50', true),
          video('JSX and components', '15:22', true),
          video('Props and state', '17:40'),
        ],
      },
      {
        title: 'Hooks in Depth',
        lessons: [
          video('useState and useEffect', '19:18'),
          video('Custom hooks', '16:45'),
          video('Context and useReducer', '21:03'),
          article('Hooks cheat sheet'),
        ],
      },
      {
        title: 'Building a Real App',
        lessons: [
          video('Routing with React Router', '18:11'),
          video('Fetching data and handling errors', '22:36'),
          video('Deploying to production', '14:27'),
        ],
      },
    ],
    reviews: [
      review('kevin_he', 5, 'Exactly what I needed to move from jQuery to React.'),
      review('liuyang_dev', 4, '讲得很系统，Hooks 部分很深入。'),
      review('lucy_gao', 5, 'The custom hooks lesson is gold.'),
    ],
    alsoEnrolled: ['sun_jie'],
  },
  {
    name: 'TypeScript 从入门到精通',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 88,
    description: '类型系统、泛型、类型体操与工程配置一次讲透，附带把 JavaScript 老项目迁移到 TypeScript 的完整流程。',
    chapters: [
      {
        title: '类型基础',
        lessons: [video('为什么要用 TypeScript', '07:36', true), video('基本类型与接口', '16:12'), video('联合类型与类型收窄', '18:27')],
      },
      {
        title: '进阶类型',
        lessons: [video('泛型', '20:44'), video('条件类型与映射类型', '23:15'), article('类型体操练习 20 题')],
      },
      {
        title: '工程实践',
        lessons: [video('tsconfig 配置详解', '15:38'), video('老项目渐进式迁移', '21:09')],
      },
    ],
    reviews: [
      review('sun_jie', 5, '条件类型终于看懂了。'),
      review('liuyang_dev', 4, '迁移那节对我们团队很有帮助。'),
    ],
    alsoEnrolled: ['kevin_he'],
  },
  {
    name: 'Node.js 后端开发实战',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 70,
    description: '用 Koa、MySQL 和 Redis 从零搭建一个可上线的后端服务：接口设计、鉴权、缓存、队列、日志与部署。',
    chapters: [
      {
        title: '服务骨架',
        lessons: [video('项目介绍与技术选型', '09:44', true), video('Koa 中间件机制', '17:55'), video('路由与参数校验', '16:31')],
      },
      {
        title: '数据与缓存',
        lessons: [
          video('MySQL 建模与迁移', '22:18'),
          video('事务与并发控制', '24:40'),
          video('Redis 缓存与限流', '19:26'),
        ],
      },
      {
        title: '上线',
        lessons: [video('结构化日志与监控', '15:07'), video('Docker 部署', '18:52'), doc('上线检查清单')],
      },
    ],
    reviews: [
      review('liuyang_dev', 5, '事务和并发那节讲到了很多线上踩过的坑。'),
      review('yang_lei', 4, '项目完整，跟着做能跑起来。'),
      review('kevin_he', 3, 'Good content but the audio quality varies.'),
    ],
    alsoEnrolled: [],
  },
  {
    name: '微信小程序开发全攻略',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 160,
    description: '从注册到上线：页面与组件、云开发、微信登录与微信支付，手把手做一个知识付费小程序。',
    chapters: [
      {
        title: '起步',
        lessons: [video('注册小程序与开发者工具', '10:18', true), video('目录结构与生命周期', '14:02', true)],
      },
      {
        title: '核心能力',
        lessons: [
          video('WXML、WXSS 与组件', '18:36'),
          video('网络请求与数据缓存', '16:49'),
          video('微信登录流程', '19:15'),
          video('接入微信支付', '23:28'),
        ],
      },
      {
        title: '发布与运营',
        lessons: [video('审核与发布注意事项', '12:11'), article('订阅消息与用户召回')],
      },
    ],
    reviews: [
      review('xiaoming_li', 4, '支付那节很细，审核注意事项帮我少走弯路。'),
      review('huang_ting', 5, '跟着做完上线了自己的第一个小程序！'),
      review('ma_chao', 4, '内容实用。'),
    ],
    alsoEnrolled: ['wu_xue'],
  },
  {
    name: 'Go 语言高并发编程',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 29900,
    status: 'PUBLISHED',
    publishedDaysAgo: 52,
    description: 'goroutine、channel、调度器与内存模型，结合限流器、连接池和分布式任务队列三个实战项目掌握 Go 并发。',
    chapters: [
      {
        title: '并发原语',
        lessons: [video('goroutine 与调度器 GMP', '21:40', true), video('channel 的正确用法', '19:33'), video('sync 包与原子操作', '17:58')],
      },
      {
        title: '实战',
        lessons: [video('实现一个令牌桶限流器', '24:12'), video('连接池设计', '22:47'), video('分布式任务队列', '33:05')],
      },
    ],
    reviews: [
      review('sun_jie', 5, '讲 GMP 调度的部分非常透彻。'),
      review('liuyang_dev', 4, '项目难度适中，适合有一定基础的人。'),
    ],
    alsoEnrolled: [],
  },
  {
    name: 'Git 与团队协作',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 990,
    status: 'PUBLISHED',
    publishedDaysAgo: 200,
    description: '分支策略、代码评审、解决冲突与回滚：一小时掌握团队里每天都要用的 Git 技能。',
    chapters: [
      {
        title: '日常操作',
        lessons: [video('提交、分支与合并', '11:05', true), video('解决合并冲突', '09:48'), article('常用命令速查')],
      },
      {
        title: '团队协作',
        lessons: [video('Git Flow 与主干开发', '12:34'), video('Pull Request 与代码评审', '10:21'), video('救命：回滚与找回丢失的提交', '13:16')],
      },
    ],
    reviews: [
      review('wu_xue', 5, '救命那节真的救了我的命。'),
      review('chen_jing', 4, '简单明了。'),
      review('alice_sun', 5, 'Short and practical.'),
    ],
    alsoEnrolled: ['tian_yu', 'zhang_wei'],
  },
  {
    name: 'Algorithms and Data Structures in Java',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 130,
    description:
      'Arrays, linked lists, trees, graphs, sorting and dynamic programming implemented in Java, with interview-style exercises. 数据结构与算法面试必备，英文授课。',
    chapters: [
      {
        title: 'Linear Structures',
        lessons: [
          video('Big-O in practice', '12:48', true),
          video('Arrays and linked lists', '18:22'),
          video('Stacks and queues', '15:40'),
        ],
      },
      {
        title: 'Trees and Graphs',
        lessons: [video('Binary search trees', '21:05'), video('Heaps and priority queues', '17:33'), video('Graph traversal: BFS and DFS', '22:58')],
      },
      {
        title: 'Algorithms',
        lessons: [
          video('Sorting algorithms compared', '24:16'),
          video('Dynamic programming patterns', '28:42'),
          doc('50 interview problems with solutions'),
        ],
      },
    ],
    reviews: [
      review('kevin_he', 4, 'Helped me pass two technical interviews.'),
      review('yang_lei', 5, '动态规划讲得非常好，刷题效率提高很多。'),
      review('zhang_wei', 3, '英文授课对我来说有点吃力。'),
    ],
    alsoEnrolled: ['lucy_gao'],
  },
  {
    name: 'Docker 与 Kubernetes 云原生入门',
    category: 'programming',
    creator: 'chen_yiming',
    priceFen: 19900,
    status: 'IN_REVIEW',
    publishedDaysAgo: null,
    description: '容器镜像、编排、服务发现与滚动发布，在本地集群上部署一个完整的微服务应用。课程审核中。',
    chapters: [
      {
        title: '容器基础',
        lessons: [video('镜像与容器', '15:20', true), video('编写高质量的 Dockerfile', '18:40')],
      },
      {
        title: 'Kubernetes',
        lessons: [video('Pod、Deployment 与 Service', '22:10'), video('滚动发布与回滚', '19:30'), doc('YAML 模板合集')],
      },
    ],
    reviews: [],
    alsoEnrolled: [],
  },

  // ── 设计创意 ────────────────────────────────────────────────────────────────
  {
    name: 'Figma 界面设计从零到一',
    category: 'design',
    creator: 'chen_yiming',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 76,
    description: '掌握 Figma 的组件、自动布局与设计系统，完成一套移动端 App 的高保真界面与交互原型。',
    chapters: [
      {
        title: '工具入门',
        lessons: [video('Figma 界面与基本操作', '11:42', true), video('图层、布尔运算与钢笔工具', '14:25')],
      },
      {
        title: '高效设计',
        lessons: [video('组件与变体', '18:10'), video('自动布局', '16:37'), article('设计系统搭建指南')],
      },
      {
        title: '项目实战',
        lessons: [video('设计一款记账 App', '29:48'), video('交互原型与交付开发', '17:22')],
      },
    ],
    reviews: [
      review('huang_ting', 5, '自动布局讲得太清楚了，效率翻倍。'),
      review('lucy_gao', 4, 'Nice project-based course.'),
    ],
    alsoEnrolled: ['wu_xue'],
  },
  {
    name: '品牌视觉设计：Logo 与 VI',
    category: 'design',
    creator: 'chen_yiming',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 190,
    description: '从品牌调研、关键词提炼到 Logo 草图、标准字与 VI 手册，完整复盘三个真实商业案例。',
    chapters: [
      {
        title: '方法论',
        lessons: [video('品牌设计的完整流程', '13:30', true), article('品牌调研问卷模板', true), video('从关键词到视觉概念', '16:48')],
      },
      {
        title: '案例复盘',
        lessons: [video('案例一：社区咖啡馆', '22:15'), video('案例二：儿童教育品牌', '24:03'), doc('VI 手册范本')],
      },
    ],
    reviews: [review('wu_xue', 4, '案例复盘很真实，能看到甲方的修改意见。')],
    alsoEnrolled: [],
  },
  {
    name: '手机摄影与后期修图',
    category: 'design',
    creator: 'chen_yiming',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 28,
    description: '用手机拍出好照片：构图、光线、人像与美食拍摄，再用 Snapseed 和醒图完成后期调色。',
    chapters: [
      {
        title: '拍摄',
        lessons: [video('构图的 9 个基本法则', '12:16', true), video('顺光、侧光与逆光', '10:52'), video('人像与美食拍摄', '14:38')],
      },
      {
        title: '后期',
        lessons: [video('Snapseed 基础调色', '13:27'), video('人像精修与风格化滤镜', '15:09')],
      },
    ],
    reviews: [],
    alsoEnrolled: ['zhao_min', 'chen_jing'],
  },
  {
    name: 'UX Design Fundamentals',
    category: 'design',
    creator: 'chen_yiming',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 104,
    description:
      'User research, personas, information architecture, wireframes and usability testing: the core UX toolkit, taught in English with real product examples.',
    chapters: [
      {
        title: 'Understanding Users',
        lessons: [video('What UX really means', '08:55', true), video('Interviews and surveys', '17:14'), doc('Interview script template')],
      },
      {
        title: 'Designing Solutions',
        lessons: [video('Information architecture', '15:46'), video('Wireframing', '16:20'), video('Usability testing', '18:33')],
      },
    ],
    reviews: [
      review('alice_sun', 5, 'Practical and well paced.'),
      review('lucy_gao', 3, 'A bit basic if you already work in product.'),
    ],
    alsoEnrolled: [],
  },
  {
    name: 'AI 绘画：Midjourney 创作指南',
    category: 'design',
    creator: 'chen_yiming',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 14,
    description: '提示词结构、风格控制与商用流程，用 AI 生成海报、插画和电商主图，并了解版权边界。',
    chapters: [
      {
        title: '提示词',
        lessons: [video('Midjourney 快速上手', '09:40', true), video('提示词的结构与权重', '15:18'), article('100 个风格关键词')],
      },
      {
        title: '商业应用',
        lessons: [video('海报与插画', '18:05'), video('电商主图工作流', '16:44'), article('AI 作品的版权与合规')],
      },
    ],
    reviews: [
      review('huang_ting', 4, '关键词清单很好用。'),
      review('ma_chao', 2, '更新太快，部分参数已经变了。'),
    ],
    alsoEnrolled: [],
  },

  // ── 职场成长 ────────────────────────────────────────────────────────────────
  {
    name: '高效工作法：时间管理与精力管理',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 170,
    description: '不是把日程排满，而是把重要的事做完：四象限、番茄钟、周计划与精力曲线，帮你告别无效加班。',
    chapters: [
      {
        title: '时间管理',
        lessons: [
          audio('你的时间都去哪儿了', '10:24', true),
          audio('四象限法则的正确用法', '12:10'),
          audio('番茄工作法实践', '11:36'),
          doc('周计划模板'),
        ],
      },
      {
        title: '精力管理',
        lessons: [audio('找到你的精力曲线', '13:02'), audio('休息也是工作的一部分', '11:48')],
      },
    ],
    reviews: [
      review('wangfang_92', 5, '周计划模板用了一个月，效果明显。'),
      review('chen_jing', 4, '音频形式很方便。'),
      review('zhao_min', 4, '精力曲线的概念对我很有启发。'),
      review('tian_yu', 3, '道理都懂，坚持好难。'),
    ],
    alsoEnrolled: ['xiaoming_li'],
  },
  {
    name: '结构化思维与金字塔原理',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 135,
    description: '结论先行、以上统下、归类分组、逻辑递进。用金字塔原理重写汇报、方案和邮件，让表达清晰有力。',
    chapters: [
      {
        title: '原理',
        lessons: [video('为什么你的汇报没人听', '09:16', true), video('金字塔的四个基本原则', '15:40'), video('MECE：不重不漏', '13:22')],
      },
      {
        title: '应用',
        lessons: [
          video('用 SCQA 写开头', '12:48'),
          video('方案汇报实战演练', '20:35'),
          article('汇报前的自查清单'),
        ],
      },
    ],
    reviews: [
      review('zhang_wei', 5, 'SCQA 用在周会汇报里，领导说清楚多了。'),
      review('wangfang_92', 4, '实战演练环节很有价值。'),
      review('sun_jie', 4, '思维工具课里的精品。'),
    ],
    alsoEnrolled: ['kevin_he'],
  },
  {
    name: '职场写作：汇报、邮件与周报',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 990,
    status: 'PUBLISHED',
    publishedDaysAgo: 60,
    description: '10 个常见职场写作场景的范文与修改前后对比，写出让领导一眼看懂、愿意回复的文字。',
    chapters: [
      {
        title: '日常写作',
        lessons: [article('周报的三段式写法', true), article('如何写一封得体的请示邮件'), article('会议纪要模板')],
      },
      {
        title: '重要场合',
        lessons: [article('年终总结怎么写出亮点'), article('项目复盘报告'), doc('范文合集')],
      },
    ],
    reviews: [
      review('zhao_min', 4, '范文可以直接套用。'),
      review('huang_ting', 5, '性价比超高。'),
    ],
    alsoEnrolled: ['wu_xue'],
  },
  {
    name: '数据驱动的产品经理',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 19900,
    status: 'PUBLISHED',
    publishedDaysAgo: 82,
    description: '产品经理必修的数据能力：搭建指标体系、设计埋点、读懂 A/B 实验，用数据说服团队而不是靠拍脑袋。',
    chapters: [
      {
        title: '指标体系',
        lessons: [video('北极星指标怎么选', '14:20', true), video('从北极星到过程指标', '16:05'), doc('指标字典模板')],
      },
      {
        title: '埋点与实验',
        lessons: [video('埋点方案设计', '18:42'), video('A/B 实验的设计与常见误区', '21:17')],
      },
      {
        title: '用数据推动决策',
        lessons: [video('写一份有说服力的数据分析报告', '17:39'), audio('对谈：增长团队负责人的一天', '32:15')],
      },
    ],
    reviews: [
      review('wangfang_92', 5, '埋点方案那节直接用到了工作里。'),
      review('alice_sun', 4, 'Useful frameworks for PMs who are new to data.'),
      review('zhang_wei', 4, '指标字典模板很实用。'),
    ],
    alsoEnrolled: ['lucy_gao', 'ma_chao'],
  },
  {
    name: '从骨干到管理者：新经理的 90 天',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 115,
    description: '第一次带团队怎么开始？一对一沟通、目标拆解、绩效反馈和向上管理，陪你走过转型最难的 90 天。',
    chapters: [
      {
        title: '前 30 天',
        lessons: [video('角色转变：从做事到成事', '13:48', true), video('和每位下属的第一次一对一', '15:26')],
      },
      {
        title: '30–60 天',
        lessons: [video('目标拆解与 OKR', '18:12'), video('给出有效的反馈', '16:55'), article('一对一沟通问题清单')],
      },
      {
        title: '60–90 天',
        lessons: [video('向上管理', '14:37'), video('处理团队冲突', '17:03')],
      },
    ],
    reviews: [
      review('yang_lei', 5, '刚升经理，这门课来得太及时了。'),
      review('kevin_he', 4, 'Very practical advice on one-on-ones.'),
    ],
    alsoEnrolled: [],
  },
  {
    name: 'Public Speaking for Professionals',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 40,
    description: 'Structure a talk, manage stage fright and handle tough questions. Short English lessons with practice drills you can do at your desk.',
    chapters: [
      {
        title: 'Preparing a Talk',
        lessons: [video('Know your audience', '08:30', true), video('Structuring a talk in three parts', '12:14')],
      },
      {
        title: 'Delivering It',
        lessons: [video('Voice, pace and pauses', '10:48'), audio('Breathing drills for stage fright', '07:55'), video('Handling Q&A', '11:20')],
      },
    ],
    reviews: [review('lucy_gao', 5, 'The breathing drills really work.')],
    alsoEnrolled: [],
  },
  {
    name: '免费直播回放：简历与面试技巧',
    category: 'career',
    creator: 'zhou_zhiyuan',
    priceFen: 0,
    status: 'PUBLISHED',
    publishedDaysAgo: 20,
    description: '秋招春招直播精华回放：简历怎么写出成果、面试怎么讲好项目、谈薪有哪些底线。免费领取即可观看。',
    chapters: [
      {
        title: '简历',
        lessons: [video('简历的 STAR 写法', '24:10'), doc('简历模板（三套）')],
      },
      {
        title: '面试',
        lessons: [video('项目经历怎么讲', '28:36'), video('常见行为面试题', '22:48'), video('谈薪与 offer 选择', '19:30')],
      },
    ],
    reviews: [
      review('tian_yu', 5, '简历改完一周就收到了面试邀请。'),
      review('ma_chao', 4, '免费的干货。'),
      review('xiaoming_li', 1, '回放音质太差，后半段几乎听不清。'),
    ],
    alsoEnrolled: ['wu_xue', 'zhao_min'],
  },

  // ── 心理健康 ────────────────────────────────────────────────────────────────
  {
    name: '正念冥想 21 天',
    category: 'mental-health',
    creator: 'zhou_zhiyuan',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 155,
    description: '每天 10 分钟的引导冥想音频，从呼吸觉察到身体扫描，帮助你减轻压力、提升专注、改善睡眠。',
    chapters: [
      {
        title: '第一周 觉察呼吸',
        lessons: [
          audio('第 1 天：认识正念', '09:45', true),
          audio('第 2 天：数息练习', '10:12', true),
          audio('第 5 天：与走神相处', '10:30'),
        ],
      },
      {
        title: '第二周 身体扫描',
        lessons: [audio('第 8 天：身体扫描', '14:20'), audio('第 11 天：行走冥想', '12:05')],
      },
      {
        title: '第三周 日常正念',
        lessons: [audio('第 15 天：正念饮食', '10:48'), audio('第 21 天：慈心冥想', '13:36'), article('21 天之后：如何坚持练习')],
      },
    ],
    reviews: [
      review('chen_jing', 5, '睡前听一节，入睡快了很多。'),
      review('huang_ting', 5, '声音很温柔，节奏舒服。'),
      review('wu_xue', 4, '坚持完了 21 天，焦虑少了一些。'),
      review('alice_sun', 4, 'Calm, gentle guidance. Lovely course.'),
    ],
    alsoEnrolled: ['zhao_min'],
  },
  {
    name: '情绪管理：与焦虑和平相处',
    category: 'mental-health',
    creator: 'zhou_zhiyuan',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 92,
    description: '基于认知行为疗法的自助课程：识别自动化思维、挑战灾难化想象，建立属于自己的情绪急救箱。',
    chapters: [
      {
        title: '理解情绪',
        lessons: [video('焦虑不是敌人', '11:18', true), video('情绪 ABC 模型', '13:40')],
      },
      {
        title: '练习',
        lessons: [
          video('识别自动化思维', '14:52'),
          doc('思维记录表'),
          audio('五分钟情绪急救练习', '05:20'),
          video('建立你的支持系统', '12:06'),
        ],
      },
    ],
    reviews: [
      review('zhao_min', 5, '思维记录表很有用，推荐给身边的朋友了。'),
      review('tian_yu', 4, '讲得专业又温暖。'),
    ],
    alsoEnrolled: ['chen_jing'],
  },
  {
    name: '睡眠改善计划',
    category: 'mental-health',
    creator: 'zhou_zhiyuan',
    priceFen: 990,
    status: 'PUBLISHED',
    publishedDaysAgo: 8,
    description: '两周调整作息：睡眠卫生、刺激控制与放松训练，配合睡前引导音频，告别辗转反侧。',
    chapters: [
      {
        title: '了解睡眠',
        lessons: [audio('睡眠周期是怎么回事', '09:35', true), article('睡眠日记怎么记')],
      },
      {
        title: '改善方法',
        lessons: [audio('睡眠卫生十条', '11:02'), audio('渐进式肌肉放松', '15:40'), audio('睡前引导：安静的海边', '20:00')],
      },
    ],
    reviews: [],
    alsoEnrolled: [],
  },
  {
    name: '亲密关系心理学',
    category: 'mental-health',
    creator: 'zhou_zhiyuan',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 205,
    description: '依恋类型、沟通模式与冲突修复：用心理学理解亲密关系中的反复争吵，学会更好地表达需要。',
    chapters: [
      {
        title: '认识自己',
        lessons: [audio('你的依恋类型', '16:24', true), doc('依恋类型自测问卷')],
      },
      {
        title: '沟通与冲突',
        lessons: [audio('非暴力沟通四要素', '18:10'), audio('吵架之后如何修复', '17:36'), audio('边界感', '15:52')],
      },
    ],
    reviews: [
      review('wangfang_92', 4, '依恋类型那期让我理解了很多事。'),
      review('huang_ting', 3, '理论偏多，实操建议少了点。'),
      review('ma_chao', 2, '内容有点泛泛而谈。'),
    ],
    alsoEnrolled: [],
  },
  {
    name: 'Understanding Stress and Resilience',
    category: 'mental-health',
    creator: 'zhou_zhiyuan',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 66,
    description: 'How stress works in the body and mind, and evidence-based habits that build resilience at work and at home. Taught in English.',
    chapters: [
      {
        title: 'The Science of Stress',
        lessons: [video('Stress is not the enemy', '10:05', true), video('Your nervous system under pressure', '13:26')],
      },
      {
        title: 'Building Resilience',
        lessons: [audio('A guided body scan', '12:00'), video('Sleep, movement and connection', '14:18'), article('Your resilience plan')],
      },
    ],
    reviews: [review('alice_sun', 5, 'Science-backed and easy to apply.'), review('kevin_he', 4, 'Short and useful.')],
    alsoEnrolled: [],
  },

  // ── 外语学习 ────────────────────────────────────────────────────────────────
  {
    name: '商务英语口语 30 天',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 125,
    description: '会议、邮件、电话、谈判和闲聊：30 个高频职场场景的地道表达，每课配跟读音频，开口说得自信。',
    chapters: [
      {
        title: '会议与汇报',
        lessons: [
          video('开场与自我介绍', '09:22', true),
          audio('跟读：会议常用句型', '08:15', true),
          video('表达同意与不同意', '11:40'),
        ],
      },
      {
        title: '电话与邮件',
        lessons: [video('电话会议礼仪', '10:18'), audio('跟读：电话用语', '07:46'), doc('邮件模板 20 篇')],
      },
      {
        title: '谈判与社交',
        lessons: [video('谈判中的委婉表达', '13:05'), video('Small talk 不尴尬', '10:52'), audio('跟读：社交场合', '08:30')],
      },
    ],
    reviews: [
      review('wangfang_92', 5, '跟读音频很好，开会终于敢发言了。'),
      review('kevin_he', 4, 'Useful phrases, natural delivery.'),
      review('sun_jie', 4, '内容实用，语速适中。'),
      review('chen_jing', 3, '希望多一些对话练习。'),
    ],
    alsoEnrolled: ['lucy_gao'],
  },
  {
    name: '雅思 7 分备考全攻略',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 29900,
    status: 'PUBLISHED',
    publishedDaysAgo: 185,
    description: '听说读写四科拆解与真题精讲，附写作批改标准与口语题库，帮你制定 8 周冲刺 7 分的备考计划。',
    chapters: [
      {
        title: '备考规划',
        lessons: [video('雅思考试全解析', '14:30', true), doc('8 周备考计划表', true)],
      },
      {
        title: '听力与阅读',
        lessons: [video('听力：Section 1–4 解题思路', '26:15'), video('阅读：判断题与配对题', '28:40'), audio('听力精听训练', '18:20')],
      },
      {
        title: '写作',
        lessons: [video('小作文：图表描述', '22:05'), video('大作文：论证结构', '25:38'), doc('高分范文 30 篇')],
      },
      {
        title: '口语',
        lessons: [video('Part 1–3 答题策略', '21:14'), audio('口语题库示范回答', '35:00')],
      },
    ],
    reviews: [
      review('lucy_gao', 5, 'Got my 7.5! The writing structure lesson was key.'),
      review('yang_lei', 4, '听力部分讲得好，写作范文质量很高。'),
      review('tian_yu', 4, '计划表帮我坚持了下来。'),
      review('zhang_wei', 5, '总分 7，谢谢 Emily 老师！'),
      review('xiaoming_li', 3, '口语部分偏少。'),
    ],
    alsoEnrolled: ['alice_sun'],
  },
  {
    name: '日语五十音与基础会话',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 100,
    description: '零基础学日语：两周记住五十音，再用 20 个生活场景练会问路、点餐、购物等基础会话。',
    chapters: [
      {
        title: '五十音',
        lessons: [video('平假名：あ行到な行', '15:20', true), video('平假名：は行到わ行', '14:48'), video('片假名与外来语', '16:02'), doc('五十音练习字帖')],
      },
      {
        title: '基础会话',
        lessons: [audio('问路', '06:40'), audio('点餐', '07:12'), audio('购物', '06:58')],
      },
    ],
    reviews: [
      review('wu_xue', 5, '字帖太贴心了，两周真的背下来了。'),
      review('huang_ting', 4, '发音讲解很细致。'),
    ],
    alsoEnrolled: [],
  },
  {
    name: '英语语法精讲',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 165,
    description: '从句子成分到虚拟语气，用图解方式讲清英语语法的核心规则，告别死记硬背。',
    chapters: [
      {
        title: '句子结构',
        lessons: [video('五种基本句型', '12:30', true), video('定语从句', '15:45'), video('名词性从句', '14:18')],
      },
      {
        title: '时态与语气',
        lessons: [video('十六种时态其实只需记住四种', '16:52'), video('虚拟语气', '13:26'), article('语法易错点 50 例')],
      },
    ],
    reviews: [review('zhao_min', 4, '图解很直观。'), review('ma_chao', 5, '终于搞懂了虚拟语气。')],
    alsoEnrolled: [],
  },
  {
    name: 'English Pronunciation Bootcamp',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 50,
    description: 'Fix the sounds Chinese speakers find hardest, then work on stress, linking and intonation. Daily audio drills included.',
    chapters: [
      {
        title: 'Sounds',
        lessons: [video('Vowels: ship vs sheep', '10:40', true), video('The th sounds', '09:55'), audio('Drill: minimal pairs', '06:30')],
      },
      {
        title: 'Rhythm and Melody',
        lessons: [video('Word and sentence stress', '12:18'), video('Linking sounds', '11:02'), audio('Drill: shadowing a dialogue', '08:45')],
      },
    ],
    reviews: [
      review('sun_jie', 5, '连读那节太有用了。'),
      review('alice_sun', 4, 'Great drills for daily practice.'),
      review('yang_lei', 4, '跟读练习很有效果。'),
    ],
    alsoEnrolled: [],
  },
  {
    name: '每日英语听力',
    category: 'languages',
    creator: 'emily_wang',
    priceFen: 0,
    status: 'PUBLISHED',
    publishedDaysAgo: 4,
    description: '每天一段 5 分钟的真实英语音频，配文本与生词讲解，免费订阅，磨耳朵从今天开始。',
    chapters: [
      {
        title: '本周听力',
        lessons: [
          audio('Day 1: Morning routines', '05:12'),
          audio('Day 2: At the coffee shop', '04:48'),
          audio('Day 3: Weekend plans', '05:30'),
          article('本周生词表'),
        ],
      },
      {
        title: '往期精选',
        lessons: [audio('Travel: At the airport', '05:40'), audio('Work: A job interview', '06:05')],
      },
    ],
    reviews: [],
    alsoEnrolled: ['tian_yu', 'wu_xue', 'chen_jing'],
  },

  // ── 金融理财 ────────────────────────────────────────────────────────────────
  {
    name: '小白理财训练营',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 990,
    status: 'PUBLISHED',
    publishedDaysAgo: 140,
    description: '记账、存钱、应急金、基金与保险的入门常识，7 天建立你的第一份家庭理财计划。',
    chapters: [
      {
        title: '理清现金流',
        lessons: [audio('第 1 天：为什么存不下钱', '10:30', true), audio('第 2 天：三步记账法', '09:48'), doc('家庭收支表')],
      },
      {
        title: '开始配置',
        lessons: [audio('第 4 天：应急金放哪里', '11:15'), audio('第 5 天：认识基金', '12:40'), audio('第 7 天：写下你的理财计划', '10:05')],
      },
    ],
    reviews: [
      review('tian_yu', 5, '第一次存下了应急金。'),
      review('wu_xue', 4, '讲得很浅显。'),
      review('chen_jing', 4, '收支表很好用。'),
    ],
    alsoEnrolled: ['zhao_min', 'huang_ting'],
  },
  {
    name: '基金定投实战',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 84,
    description: '指数基金怎么选、定投什么时候开始、什么时候止盈？用历史数据回测说明定投的优势与局限。',
    chapters: [
      {
        title: '认识指数基金',
        lessons: [video('什么是指数基金', '11:50', true), video('宽基与行业指数', '13:25'), article('费率与跟踪误差')],
      },
      {
        title: '定投策略',
        lessons: [video('定投的数学原理', '14:10'), video('估值法与止盈策略', '16:38'), doc('定投计划表')],
      },
    ],
    reviews: [
      review('yang_lei', 4, '止盈策略讲得清楚。'),
      review('kevin_he', 3, 'Decent, but mostly common knowledge.'),
    ],
    alsoEnrolled: [],
  },
  {
    name: '读懂财报：用数据看懂一家公司',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 9900,
    status: 'PUBLISHED',
    publishedDaysAgo: 112,
    description: '三张报表的关键数据与勾稽关系，学会用毛利率、ROE 和现金流识别好公司，也识别财务造假的信号。',
    chapters: [
      {
        title: '三张报表',
        lessons: [video('资产负债表', '17:22', true), video('利润表', '15:48'), video('现金流量表', '16:30')],
      },
      {
        title: '财务分析',
        lessons: [video('杜邦分析与 ROE', '18:05'), video('识别财务造假的信号', '20:12'), doc('财报分析模板')],
      },
      {
        title: '案例',
        lessons: [video('案例：一家消费公司的十年财报', '26:40'), article('练习：分析你关注的一家公司')],
      },
    ],
    reviews: [
      review('zhang_wei', 5, '现在能看懂年报了，模板非常好用。'),
      review('sun_jie', 4, '造假信号那节很精彩。'),
      review('liuyang_dev', 4, '例子丰富。'),
    ],
    alsoEnrolled: ['alice_sun'],
  },
  {
    name: '个人税务与社保筹划',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 24,
    description: '个税专项附加扣除、年度汇算、年终奖计税与社保公积金，一次讲清打工人必须知道的税务常识。',
    chapters: [
      {
        title: '个人所得税',
        lessons: [video('工资个税是怎么算的', '12:08', true), video('专项附加扣除全解', '14:35'), article('年度汇算操作步骤')],
      },
      {
        title: '社保与公积金',
        lessons: [video('五险一金到底交了什么', '13:20'), video('公积金的正确用法', '11:46')],
      },
    ],
    reviews: [review('wangfang_92', 5, '年度汇算多退了一千多。'), review('xiaoming_li', 4, '讲得清楚。')],
    alsoEnrolled: [],
  },
  {
    name: '保险配置指南',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 4990,
    status: 'PUBLISHED',
    publishedDaysAgo: 220,
    description: '重疾险、医疗险、意外险与寿险怎么买、买多少？不推销产品，只讲选择方法和合同里的坑。',
    chapters: [
      {
        title: '保险基础',
        lessons: [audio('保险的本质', '12:20', true), audio('四大险种', '15:05')],
      },
      {
        title: '配置方法',
        lessons: [audio('家庭保险配置顺序', '13:48'), audio('合同条款里的坑', '16:12'), doc('保单整理表')],
      },
    ],
    reviews: [
      review('huang_ting', 2, '内容有点过时了。'),
      review('ma_chao', 3, '基础知识还行。'),
      review('zhao_min', 1, '和标题不太符，干货不多。'),
    ],
    alsoEnrolled: [],
  },
  {
    name: 'Personal Finance 101',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 1990,
    status: 'PUBLISHED',
    publishedDaysAgo: 72,
    description: 'Budgeting, saving, debt and investing basics in plain English, with worksheets you can use right away.',
    chapters: [
      {
        title: 'Money Basics',
        lessons: [video('Where does your money go?', '09:30', true), doc('Budget worksheet')],
      },
      {
        title: 'Growing Wealth',
        lessons: [video('Paying off debt', '11:15'), video('Index funds explained', '12:40'), video('Compound interest', '08:55')],
      },
    ],
    reviews: [review('lucy_gao', 4, 'Simple and actionable.')],
    alsoEnrolled: [],
  },
  {
    name: '量化投资入门：数据、因子与回测',
    category: 'finance',
    creator: 'li_huilin',
    priceFen: 29900,
    status: 'PUBLISHED',
    publishedDaysAgo: 30,
    description: '用 Python 获取行情数据、构建多因子模型并完成回测，理解过拟合、交易成本与风险控制。',
    chapters: [
      {
        title: '准备',
        lessons: [video('量化投资是什么', '10:45', true), video('获取与清洗行情数据', '19:20')],
      },
      {
        title: '策略',
        lessons: [video('动量与价值因子', '22:38'), video('多因子模型', '25:14'), doc('因子库说明')],
      },
      {
        title: '回测与风控',
        lessons: [video('搭建回测框架', '27:50'), video('过拟合与交易成本', '18:33'), article('风险提示与合规说明')],
      },
    ],
    reviews: [
      review('liuyang_dev', 4, '回测框架讲得很清楚。'),
      review('sun_jie', 5, '过拟合那节值回票价。'),
    ],
    alsoEnrolled: ['kevin_he'],
  },
];
