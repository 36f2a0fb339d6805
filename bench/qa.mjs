/**
 * The chat bot's Q&A benchmark of `npm run bench`, against the bot process run.mjs starts:
 *
 * - writeFaq: thousands of FAQ entries, written straight to MySQL over the published courses of the seed
 *   (a few courses with many entries, many with few), worded from templates and per-category vocabulary
 *   by a seeded generator, so every run loads the same corpus and the figures compare;
 * - qaQueries: a fixed mix of questions: loaded entries (word for word and reworded), platform help, and
 *   questions no entry answers;
 * - askAll: those questions over the bot's POST /chat at a given concurrency, timed one by one.
 */
import { performance } from 'node:perf_hooks';
import { BenchError, percentile } from './common.mjs';

const INSERT_CHUNK = 500;
const REQUEST_TIMEOUT_MS = 30_000;
/** faq_entries.question is a varchar(200). */
const MAX_QUESTION = 200;
/** The start of texts.notConfident in bot/src/format.ts: the bot has no answer it trusts. */
const NOT_CONFIDENT = '我还不知道这个问题的答案';
/** texts.failed in bot/src/format.ts: a feature failed on the message. */
const FAILED = '抱歉，我这边出了点问题';
/** format.answer in bot/src/format.ts names the course a course entry comes from; platform help names none. */
const FROM_COURSE = '——来自课程《';

/** Share of the questions asked, by kind; the rest are questions nothing answers. */
export const QA_MIX = { entry: 0.3, reworded: 0.3, help: 0.2 };

// ---- seeded randomness ----------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const between = (rand, lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

function pickOther(rand, list, not) {
  if (list.length < 2) return list[0];
  for (;;) {
    const x = pick(rand, list);
    if (x !== not) return x;
  }
}

function shuffle(rand, list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---- what the entries talk about --------------------------------------------------------------------

/** Per category slug of the seed: the words an FAQ of such a course uses. */
const VOCABULARY = {
  'data-science': {
    concepts: [
      '线性回归', '逻辑回归', '决策树', '随机森林', '梯度下降', '过拟合', '欠拟合', '交叉验证', '正则化', '特征工程',
      '缺失值处理', '异常值检测', '归一化', '标准化', '主成分分析', 'K 均值聚类', '混淆矩阵', '召回率', '精确率', 'ROC 曲线',
      '假设检验', '置信区间', 'p 值', '方差分析', '相关系数', '分组聚合', '数据透视表', '数据清洗', '时间序列', '卷积神经网络',
      '反向传播', '学习率', '批量归一化', '词向量', '窗口函数', '左连接', '子查询', '数据倾斜', '宽表', '贝叶斯公式',
    ],
    tools: ['Python', 'Pandas', 'NumPy', 'Jupyter Notebook', 'Anaconda', 'scikit-learn', 'PyTorch', 'Spark', 'Hive', 'MySQL', 'Excel', 'ECharts', 'Matplotlib', 'Seaborn'],
    errors: [
      'KeyError', 'ValueError: could not convert string to float', 'MemoryError', "ModuleNotFoundError: No module named 'sklearn'",
      '图表里的中文显示成方框', 'SettingWithCopyWarning', 'CUDA out of memory', 'java.lang.OutOfMemoryError', '连接数据库超时',
    ],
    actions: ['读取 CSV 文件', '画图', '训练模型', '合并两张表', '跑示例代码', '导出结果', '连接数据库'],
    resources: ['示例代码', '练习数据集', 'Notebook 文件', '建表语句', '作业模板'],
    scenarios: ['电商用户流失预测', '门店销量分析', '信用卡欺诈识别', '房价预测', '广告点击率分析', '用户分群'],
    projects: ['用公开的电影评分数据做一个推荐小工具', '分析一份电商订单数据并写成报告', '做一个销售数据看板', '用爬来的二手房数据预测房价'],
    books: ['《统计学习方法》', '《利用 Python 进行数据分析》', '《深入浅出统计学》', '《机器学习》西瓜书', '《SQL 必知必会》'],
    prereqs: ['数学', '编程', '统计', 'Python', '英语'],
  },
  programming: {
    concepts: [
      '闭包', '原型链', '事件循环', 'Promise', 'async/await', '泛型', '类型推断', '装饰器', '中间件', '路由守卫',
      '状态管理', '虚拟 DOM', 'Hooks', '组件通信', '生命周期', '协程', '通道', '互斥锁', '内存泄漏', '垃圾回收',
      '依赖注入', '单元测试', '接口设计', 'RESTful', '跨域', '鉴权', 'JWT', '连接池', '数据库事务', '缓存穿透',
      '消息队列', '热更新', '打包体积', '模块化', '递归', '列表推导式', '异常处理', '面向对象', '继承', '上下文取消',
    ],
    tools: ['VS Code', 'Node.js', 'npm', 'TypeScript', 'React', 'Vue', 'Webpack', 'Vite', 'Git', 'Docker', 'Go', 'Python', 'Redis', '微信开发者工具', 'Postman'],
    errors: [
      'Cannot find module', 'TypeError: undefined is not a function', 'EADDRINUSE 端口被占用', '跨域请求被拦截', 'npm install 一直卡住',
      'panic: runtime error: invalid memory address', 'Property does not exist on type', 'IndentationError', '真机预览白屏',
    ],
    actions: ['启动项目', '安装依赖', '编译', '调试接口', '部署到服务器', '运行单元测试', '真机预览'],
    resources: ['源码', '项目模板', '接口文档', '练习题', '配置文件'],
    scenarios: ['待办清单应用', '博客后台', '电商购物车', '聊天室', '短链接服务', '天气查询小程序'],
    projects: ['写一个带登录的待办清单', '给自己的博客加上评论功能', '做一个短链接服务', '实现一个简单的聊天室'],
    books: ['《JavaScript 高级程序设计》', '《深入理解 TypeScript》', '《Go 语言圣经》', '《流畅的 Python》', '《重构》'],
    prereqs: ['编程', '英语', '计算机', '前端', '数据库'],
  },
  career: {
    concepts: [
      '简历', '自我介绍', '结构化面试', '无领导小组讨论', '薪资谈判', '向上汇报', '周报', 'OKR', '时间管理', '番茄工作法',
      '跨部门沟通', '会议纪要', '述职', 'PPT 汇报', '金字塔原理', '电梯演讲', '职业规划', '跳槽时机', '试用期', '绩效面谈',
      '项目复盘', '情绪管理', '演讲紧张', '邮件写作', '商务礼仪', '团队管理', '授权', '反馈技巧', '目标拆解', '影响力',
    ],
    tools: ['PPT', 'Excel', 'XMind', 'Notion', '飞书', '钉钉', 'Word', 'Keynote'],
    errors: ['模板打不开', '字体显示不全', '导出 PDF 排版错乱', '链接提示已失效', '文件损坏无法打开'],
    actions: ['套用简历模板', '打开练习文档', '导出汇报材料', '导入模板', '打印讲义'],
    resources: ['简历模板', '汇报模板', '练习手册', '案例材料', '面试题清单'],
    scenarios: ['第一次向老板汇报', '年终述职', '跳槽面试', '跨部门推进项目', '带新人', '季度复盘'],
    projects: ['用课上的结构重写一份自己的简历', '按金字塔原理改一份周报', '做一次五分钟的模拟述职', '写一份季度 OKR'],
    books: ['《金字塔原理》', '《高效能人士的七个习惯》', '《关键对话》', '《非暴力沟通》', '《原则》'],
    prereqs: ['工作经验', '管理经验', '演讲', '写作', '英语'],
  },
  languages: {
    concepts: [
      '现在完成时', '过去完成时', '定语从句', '虚拟语气', '被动语态', '非谓语动词', '连读', '弱读', '重音', '语调',
      '雅思口语 Part 2', '雅思写作 Task 1', '托福听力', '商务邮件', '同义替换', '词根词缀', '影子跟读', '精听', '泛读', '五十音图',
      '敬语', '助词', '动词变形', '长难句', '音标', '口语素材', '作文模板', '听写', '主谓一致', '冠词',
    ],
    tools: ['Anki', '单词本', '剑桥雅思真题', '牛津词典', '有道词典', '录音功能', '跟读打分'],
    errors: ['音频播放没有声音', '跟读打分一直是零分', '单词卡片同步失败', '录音上传失败', '字幕和音频对不上'],
    actions: ['导入单词卡片', '跟读录音', '做听写练习', '下载音频', '提交作文'],
    resources: ['音频', '单词表', '听写原文', '作文范文', '练习册答案'],
    scenarios: ['出国旅行问路', '英文面试', '写商务邮件', '雅思口语考试', '看美剧不看字幕', '日语入门对话'],
    projects: ['每天用影子跟读练一段新闻', '用课上的模板写一封求职邮件', '录一段两分钟的自我介绍', '坚持三十天精听打卡'],
    books: ['《新概念英语》', '《剑桥雅思真题集》', '《英语语法新思维》', '《标准日本语》', '《词根词缀记忆法》'],
    prereqs: ['英语', '语法', '日语', '音标', '词汇'],
  },
  finance: {
    concepts: [
      '基金定投', '指数基金', '债券基金', '货币基金', '复利', '年化收益率', '最大回撤', '资产配置', '股债平衡', '市盈率',
      '市净率', '股息率', '估值', '止盈', '止损', '分红再投资', '夏普比率', '可转债', '通货膨胀', '应急资金',
      '保险配置', '个人所得税', '信用卡分期', '提前还房贷', '财务报表', '现金流', 'ROE', '基金净值', '红利指数', '再平衡',
    ],
    tools: ['支付宝', '天天基金', '券商 App', '记账表格', '理财计算器', 'Excel'],
    errors: ['记账表格公式报错', '计算器算出来的收益不对', '表格里的数据显示成井号', '模板打开是乱码'],
    actions: ['用记账表格', '计算定投收益', '导入账单', '算年化收益', '做资产配置表'],
    resources: ['记账模板', '估值表', '课件', '计算器表格', '案例数据'],
    scenarios: ['刚工作攒第一笔钱', '给孩子准备教育金', '还房贷的同时理财', '月薪一万怎么分配', '退休规划'],
    projects: ['做一份自己的家庭资产负债表', '给自己定一个三年的定投计划', '用估值表挑一只指数基金', '连续记账一个月'],
    books: ['《小狗钱钱》', '《漫步华尔街》', '《聪明的投资者》', '《穷爸爸富爸爸》', '《指数基金投资指南》'],
    prereqs: ['理财', '数学', '财务', '投资', '会计'],
  },
  design: {
    concepts: [
      '配色', '排版', '字体搭配', '网格系统', '留白', '对比', '视觉层级', '图标设计', '品牌标志', '海报构图',
      '色彩心理', '渐变', '蒙版', '图层样式', '钢笔工具', '切图', '标注', '组件库', '自动布局', '设计规范',
      '交互原型', '用户画像', '可用性测试', '动效', '插画笔刷', '栅格', '黄金比例', '信息架构',
    ],
    tools: ['Photoshop', 'Illustrator', 'Figma', 'Sketch', 'Procreate', 'Canva', 'After Effects', 'Blender'],
    errors: ['导出的图片发虚', '字体缺失', '文件太大打不开', '笔刷导入失败', '颜色导出后变灰'],
    actions: ['导出切图', '打开源文件', '导入笔刷', '安装字体', '做动效'],
    resources: ['源文件', '素材包', '笔刷', '字体清单', '练习模板'],
    scenarios: ['做一张活动海报', '设计公众号封面', '给小店做 logo', '改版一个 App 首页', '做一套图标'],
    projects: ['临摹三张优秀海报再做一张自己的', '给朋友的小店设计一套 logo', '用组件库搭一个 App 首页', '做一组十二个线性图标'],
    books: ['《写给大家看的设计书》', '《设计中的设计》', '《点线面》', '《版式设计原理》', '《配色设计原理》'],
    prereqs: ['美术', '绘画', '软件', '设计', '审美'],
  },
  'mental-health': {
    concepts: [
      '焦虑', '拖延', '失眠', '正念冥想', '呼吸练习', '情绪日记', '认知重构', '自我关怀', '边界感', '完美主义',
      '职业倦怠', '压力管理', '人际冲突', '亲密关系', '自我价值感', '反刍思维', '身体扫描', '感恩练习', '积极心理学', '依恋类型',
      '情绪觉察', '心流', '自我接纳', '社交恐惧',
    ],
    tools: ['冥想音频', '情绪打卡表', '练习手册', '睡眠记录表', '呼吸引导音频'],
    errors: ['冥想音频播放到一半停了', '打卡表下载不了', '音频在后台会暂停', '练习手册打不开'],
    actions: ['听冥想音频', '做情绪打卡', '下载练习手册', '记录睡眠', '跟着练呼吸'],
    resources: ['冥想音频', '练习手册', '打卡表', '延伸阅读清单', '课堂讲义'],
    scenarios: ['考试前紧张', '加班后睡不着', '和家人吵架之后', '换工作的焦虑期', '周一早上不想上班'],
    projects: ['坚持二十一天的正念练习', '写一周的情绪日记', '每天睡前做十分钟身体扫描', '列一张自己的压力清单'],
    books: ['《被讨厌的勇气》', '《正念的奇迹》', '《伯恩斯新情绪疗法》', '《拖延心理学》', '《自我关怀的力量》'],
    prereqs: ['心理学', '冥想', '专业', '医学', '阅读'],
  },
};

const DEVICES = ['iPhone', '安卓手机', 'iPad', '华为平板', '电脑微信', 'Mac'];
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const TAILS = [
  '有问题可以在课程问答区继续提问，老师一般当天回复。',
  '配套资料已放在课程详情页的“资料”栏。',
  '老师每周三晚上八点直播答疑，回放第二天上线。',
  '建议配合课后练习一起巩固。',
  '如果还是不清楚，可以把截图发到问答区。',
  '课程内容会持续更新，更新时会在学习群里通知。',
  '其他同学的类似问题可以在问答区搜索关键词查看。',
];

/**
 * Question and answer templates. Each gets `c`, the course in hand (name, chapters, lessons, words of its
 * category), and the random source; it returns [question, answer].
 */
const TEMPLATES = [
  (c, r) => {
    const ch = pick(r, c.chapters);
    const q = pick(r, [`《${c.name}》的课件在哪里下载？`, `「${ch}」的讲义可以下载吗？`, `《${c.name}》有配套的 PDF 讲义吗？`, `「${ch}」这一章的 PPT 在哪里找？`]);
    return [q, `课件和讲义都在课程详情页的“资料”栏，按章节排好，点开即可下载或发送到电脑。「${ch}」的讲义更新过一次，请以最新版本为准。`];
  },
  (c, r) => {
    const ch = pick(r, c.chapters);
    const res = pick(r, c.v.resources);
    return [
      pick(r, [`「${ch}」用到的${res}在哪里获取？`, `「${ch}」的${res}怎么下载？`, `找不到「${ch}」的${res}`]),
      `${res}放在课程资料区的「${ch}」文件夹里，解压后按里面 README 的步骤操作即可。下载链接失效的话请在问答区留言，老师会在 24 小时内补上。`,
    ];
  },
  (c, r) => {
    const n = between(r, 1, Math.max(3, c.lessons.length));
    const day = pick(r, WEEKDAYS);
    return [
      pick(r, [`《${c.name}》第 ${n} 节课的作业怎么提交？`, `《${c.name}》第 ${n} 节的作业交到哪里？`, `《${c.name}》第 ${n} 课作业提交之后在哪看批改？`]),
      `作业在第 ${n} 节课页面底部的“课后作业”里提交，支持图片和文档。老师每周${day}集中批改，批改结果会通过聊天提醒你，也可以在“我的 → 我的课程”里查看。`,
    ];
  },
  (c, r) => {
    const l = pick(r, c.lessons);
    const k = between(r, 1, 12);
    return [
      pick(r, [`「${l}」课后练习第 ${k} 题的参考答案在哪里看？`, `「${l}」第 ${k} 道练习题没有答案吗？`]),
      `参考答案在「${l}」页面的“练习解析”里，提交自己的答案后就会显示。第 ${k} 题有两种解法，解析里都写了，建议先自己做再对照。`,
    ];
  },
  (c, r) => {
    const lessons = Math.max(c.lessons.length, between(r, 8, 40));
    const minutes = between(r, 8, 45);
    const daily = pick(r, [20, 30, 45, 60]);
    return [
      pick(r, [`《${c.name}》一共多少课时？大概多久能学完？`, `《${c.name}》要学多长时间？`, `每天学${daily}分钟，《${c.name}》多久能学完？`]),
      `课程共 ${lessons} 个课时，每个课时 ${minutes} 分钟左右。按每天学 ${daily} 分钟算，大约 ${Math.max(1, Math.ceil((lessons * minutes) / daily / 7))} 周可以学完；课程长期有效，可以按自己的节奏学。`,
    ];
  },
  (c, r) => {
    const pre = pick(r, c.v.prereqs);
    const concept = pick(r, c.v.concepts);
    return [
      pick(r, [`没有${pre}基础能学《${c.name}》吗？`, `${pre}零基础适合学《${c.name}》吗？`, `《${c.name}》需要先学${pre}吗？`]),
      `可以。课程从${concept}这样的基础内容讲起，${pre}相关的知识会在用到时补充讲解；完全零基础的话，建议先看第 1 章的导学视频，再配合课后练习巩固。`,
    ];
  },
  (c, r) => {
    const l = pick(r, c.lessons);
    const concept = pick(r, c.v.concepts);
    const other = pickOther(r, c.v.concepts, concept);
    const sc = pick(r, c.v.scenarios);
    return [
      pick(r, [`「${l}」里讲的${concept}是什么意思？`, `「${l}」中的${concept}没听懂`, `${concept}这个概念在「${l}」里怎么理解？`]),
      `${concept}在「${l}」里第一次出现，老师用「${sc}」的例子讲了它的用法。建议暂停视频，把例子自己动手做一遍，再回看后半段的总结；后面的章节还会结合${other}再讲一次。`,
    ];
  },
  (c, r) => {
    const a = pick(r, c.v.concepts);
    const b = pickOther(r, c.v.concepts, a);
    const [sa, sb] = [pick(r, c.v.scenarios), pick(r, c.v.scenarios)];
    return [
      pick(r, [`${a}和${b}有什么区别？`, `${a}跟${b}分别适合什么场景？`, `${a}与${b}容易搞混，怎么区分？`]),
      `${a}和${b}解决的问题不同：${a}在第 ${between(r, 1, 6)} 章讲，适合「${sa}」这类情况；${b}更常用于「${sb}」。资料区有一张两者的对比表，可以对照着复习。`,
    ];
  },
  (c, r) => {
    const concept = pick(r, c.v.concepts);
    const sc = pick(r, c.v.scenarios);
    return [
      pick(r, [`${concept}在实际工作中怎么用？`, `学会${concept}以后能用在哪些地方？`, `${concept}在「${sc}」里能用上吗？`]),
      `最典型的是「${sc}」：先弄清楚要解决的问题，再用${concept}把它拆开。课程最后一章的综合案例完整演示了这个过程，跟着做一遍基本就能迁移到自己的工作里。`,
    ];
  },
  (c, r) => {
    const tool = pick(r, c.v.tools);
    const err = pick(r, c.v.errors);
    const act = pick(r, c.v.actions);
    return [
      pick(r, [`用${tool}${act}时报错「${err}」怎么解决？`, `${act}的时候出现「${err}」`, `${tool}提示「${err}」是什么原因？`]),
      `「${err}」多半是环境或版本不一致导致的。先确认${tool}的版本和第 1 章环境说明里的一致，再按资料区《常见问题排查》逐条检查；还不行的话，把完整的报错截图发到问答区。`,
    ];
  },
  (c, r) => {
    const tool = pick(r, c.v.tools);
    const major = between(r, 1, 12);
    return [
      pick(r, [`《${c.name}》用的${tool}是哪个版本？`, `${tool}装最新版可以跟着《${c.name}》学吗？`]),
      `课程录制时用的是 ${tool} ${major}.${between(r, 0, 9)}，更新的版本一般也能用；遇到界面或接口不一样的地方，以资料区的更新说明为准。`,
    ];
  },
  (c, r) => {
    const tool = pick(r, c.v.tools);
    const dev = pick(r, DEVICES);
    return [
      pick(r, [`${dev}上安装${tool}失败怎么办？`, `${dev}能用${tool}吗？`]),
      `${tool}对系统版本有要求，${dev}请先升级到较新的系统，再从官网下载安装包，不要用第三方下载站。安装时关掉杀毒软件试试；仍然失败的话，把截图发到问答区。`,
    ];
  },
  (c, r) => {
    const l = pick(r, c.lessons);
    const dev = pick(r, DEVICES);
    return [
      pick(r, [`在${dev}上看「${l}」一直卡顿怎么办？`, `「${l}」在${dev}上播放不了`, `「${l}」视频加载很慢`]),
      `卡顿多半和网络有关：可以把清晰度调到“标清”，或者连上 Wi-Fi 后先缓存再看。如果只有这一节卡，请把${dev}的型号和出问题的时间点发给我们排查。`,
    ];
  },
  (c, r) => [
    pick(r, [`《${c.name}》的视频可以倍速播放吗？`, `《${c.name}》能下载下来离线看吗？`, `《${c.name}》的视频有字幕吗？`]),
    `可以倍速播放（0.75–2 倍），播放器右下角切换。离线观看需要在小程序里先缓存，缓存的内容只能在本账号的小程序里播放。字幕默认开启，可以在播放器设置里关闭。`,
  ],
  (c, r) => [
    pick(r, [`学完《${c.name}》有结业证书吗？`, `《${c.name}》有证书吗？`]),
    `有。学完全部课时并提交${between(r, 2, 6)}次作业后，可以在“我的 → 我的课程”里领取电子结业证书，证书上有课程名称和完成日期。`,
  ],
  (c, r) => {
    const concept = pick(r, c.v.concepts);
    return [
      pick(r, [`《${c.name}》后面还会更新${concept}的内容吗？`, `《${c.name}》会补充${concept}相关的课吗？`]),
      `会。${concept}相关的内容计划在下一次更新里补充，已购买的同学不用另外付费；更新上线时会通过聊天和小程序通知。`,
    ];
  },
  (c, r) => {
    const day = pick(r, WEEKDAYS);
    const hour = between(r, 7, 10);
    return [
      pick(r, [`《${c.name}》的直播答疑什么时候？错过了能看回放吗？`, `《${c.name}》有直播课吗？`]),
      `直播答疑每周${day}晚上 ${hour} 点，在课程详情页的“直播”栏进入；错过的话第二天可以看回放，回放保留到课程下架为止。`,
    ];
  },
  (c, r) => [
    pick(r, [`《${c.name}》有学习交流群吗？怎么加入？`, `《${c.name}》的学员群怎么进？`]),
    `有。购买后在课程详情页的“学习群”里扫码加入，群里有助教每天答疑，每周会分享一次学习资料。群满的话请在问答区留言，助教会拉你进${between(r, 2, 9)}群。`,
  ],
  (c, r) => {
    const p = pick(r, [10, 20, 30]);
    return [
      pick(r, [`《${c.name}》买了觉得不适合，可以退款吗？`, `《${c.name}》学了一半还能退吗？`]),
      `本课程遵循平台统一的退款规则：付款后 7 天内、学习进度不超过 ${p}% 的，可以在“我的订单”里申请退款。超过这个进度的，老师可以帮你调换到同类课程。`,
    ];
  },
  (c, r) => {
    const ch = pick(r, c.chapters);
    const m = pick(r, [15, 20, 30, 40]);
    return [
      pick(r, [`每天只有${m}分钟，「${ch}」应该怎么安排学习？`, `「${ch}」内容太多了，怎么规划？`]),
      `「${ch}」可以拆成 ${between(r, 3, 8)} 次学完：每次先看一节视频，再花五分钟做练习。每天${m}分钟的话，把复习放在周末集中做，效果会比每天都看新内容好。`,
    ];
  },
  (c, r) => {
    const l = pick(r, c.lessons);
    const concept = pick(r, c.v.concepts);
    const mm = between(r, 1, 40);
    return [
      pick(r, [`「${l}」第 ${mm} 分钟讲的${concept}是不是说错了？`, `「${l}」${mm} 分钟左右的${concept}好像有口误`]),
      `感谢指出！「${l}」第 ${mm} 分钟关于${concept}的说法确实有口误，正确的说法已经写在这一节的勘误里，视频也会在下次更新时重新录制。`,
    ];
  },
  (c, r) => {
    const concept = pick(r, c.v.concepts);
    const book = pick(r, c.v.books);
    return [
      pick(r, [`想深入学${concept}，有推荐的书吗？`, `${concept}有什么推荐的参考资料？`, `课外想多了解${concept}，看什么比较好？`]),
      `推荐先看${book}里讲${concept}的章节，再配合课程资料区的延伸阅读清单。书里的例子和课上的不完全一样，两边对照着看更容易理解。`,
    ];
  },
  (c, r) => {
    const ch = pick(r, c.chapters);
    const proj = pick(r, c.v.projects);
    return [
      pick(r, [`学完「${ch}」可以做什么练手项目？`, `「${ch}」学完怎么练习？`]),
      `可以试试${proj}。做的时候尽量用上「${ch}」里的方法，做完发到问答区，老师会挑几份在直播里点评。`,
    ];
  },
  (c, r) => {
    const concept = pick(r, c.v.concepts);
    const sc = pick(r, c.v.scenarios);
    return [
      pick(r, [`面试时被问到${concept}该怎么回答？`, `${concept}在「${sc}」中常见的坑有哪些？`]),
      `可以按“是什么、为什么、怎么用”三步答：先用一句话说清${concept}，再讲它解决了「${sc}」里的什么问题，最后举一个自己做过的例子。课程第 ${between(r, 2, 6)} 章末尾有整理好的答题框架。`,
    ];
  },
];

// ---- the corpus ---------------------------------------------------------------------------------------

/** Published courses of the seed with their category, chapter and lesson titles. */
async function publishedCourses(db) {
  const [courses] = await db.query(
    `SELECT c.id, c.name, cat.slug FROM courses c JOIN categories cat ON cat.id = c.category_id
      WHERE c.status = 'PUBLISHED' AND c.published_at IS NOT NULL ORDER BY c.id`,
  );
  if (courses.length === 0) throw new BenchError('the seeded catalog has no published course to hold FAQ entries');
  const ids = courses.map((c) => c.id);
  const [chapters] = await db.query('SELECT course_id, title FROM chapters WHERE course_id IN (?) ORDER BY course_id, position', [ids]);
  const [lessons] = await db.query('SELECT course_id, title FROM lessons WHERE course_id IN (?) ORDER BY course_id, id', [ids]);
  const titles = (rows, id) => rows.filter((r) => r.course_id === id).map((r) => r.title);
  return courses.map((c) => {
    const ch = titles(chapters, c.id);
    const ls = titles(lessons, c.id);
    return {
      id: c.id,
      name: c.name,
      chapters: ch.length ? ch : ['第一章'],
      lessons: ls.length ? ls : ch.length ? ch : ['第一节'],
      v: VOCABULARY[c.slug] ?? VOCABULARY.programming,
    };
  });
}

/**
 * `count` FAQ entries over the published courses, each question asked once across the whole corpus
 * (so a word-for-word question has one right answer). Courses get Zipf-like shares: a few have hundreds
 * of entries, most a few dozen.
 */
function generateFaq(courses, count, rand) {
  const weights = shuffle(rand, courses.map((_, i) => 1 / (i + 1) ** 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const courseFor = (x) => courses[Math.min(courses.length - 1, cumulative.findIndex((c) => x < c))] ?? courses[courses.length - 1];

  const seen = new Set();
  const positions = new Map();
  const entries = [];
  while (entries.length < count) {
    const course = courseFor(rand());
    let made = null;
    for (let attempt = 0; attempt < 200 && !made; attempt++) {
      let [question, answer] = pick(rand, TEMPLATES)(course, rand);
      if (rand() < 0.35) answer += pick(rand, TAILS);
      if (rand() < 0.1) answer += pick(rand, TAILS);
      if (question.length <= MAX_QUESTION && !seen.has(question)) made = { question, answer };
    }
    if (!made) throw new BenchError(`qa: the templates ran out of distinct questions after ${entries.length} entries; ask for fewer (BENCH_QA_ENTRIES)`);
    seen.add(made.question);
    const position = positions.get(course.id) ?? 0;
    positions.set(course.id, position + 1);
    entries.push({ courseId: course.id, ...made, position });
  }
  return { entries, perCourse: positions };
}

/**
 * Writes the corpus to faq_entries, many rows per INSERT, and returns it with the ids MySQL gave.
 * The bench database holds no other FAQ entries, so the rows read back in id order are these.
 */
export async function writeFaq(db, { count, seed }) {
  const rand = seededRandom(seed);
  const courses = await publishedCourses(db);
  const { entries, perCourse } = generateFaq(courses, count, rand);
  const started = performance.now();
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    await db.query('INSERT INTO faq_entries (course_id, question, answer, position) VALUES ?', [
      entries.slice(i, i + INSERT_CHUNK).map((e) => [e.courseId, e.question, e.answer, e.position]),
    ]);
  }
  const insertS = (performance.now() - started) / 1000;
  const [rows] = await db.query('SELECT id, question FROM faq_entries ORDER BY id');
  if (rows.length !== count) throw new BenchError(`qa: inserted ${count} FAQ entries but MySQL holds ${rows.length}`);
  rows.forEach((row, i) => {
    if (row.question !== entries[i].question) throw new BenchError(`qa: faq_entries row ${row.id} is not the entry written in its place`);
    entries[i].id = row.id;
  });
  const sizes = [...perCourse.values()].sort((a, b) => b - a);
  return { entries, courses: courses.length, largest: sizes[0], smallest: sizes[sizes.length - 1], insertS };
}

// ---- the questions asked ------------------------------------------------------------------------------

/** Platform help as people type it: each should get the help answer, not a course's entry. */
const HELP_QUESTIONS = [
  '怎么退款', '退款多久能到账', '怎么购买课程', '可以开发票吗', '买过的课在哪里看', '优惠券怎么用', '怎么联系老师',
  '支付失败怎么办', '怎么绑定微信', '可以先试看吗', '在哪里看订单', '怎么成为老师开课', '付款了课程没开通', '课程能分享给朋友吗',
];

/** Questions no entry and no help answers; a confident answer to one of them is a wrong answer. */
const UNKNOWN_QUESTIONS = [
  '今天天气怎么样', '附近有什么好吃的火锅店', '帮我写一首关于春天的诗', '明天股市会涨吗', '你是真人还是机器人', '周末有什么好看的电影',
  '红烧肉怎么做才好吃', '北京到上海的高铁要多久', '上一届世界杯冠军是谁', '我家的猫不吃饭怎么办', '讲个笑话吧', '手机充不进电怎么办',
  '哪里可以买到便宜的机票', '感冒了吃什么药好得快', '怎么去掉衣服上的油渍', '推荐几首适合跑步听的歌',
];

/** What a learner changes when retyping a question: no question mark, a greeting, another word for "how". */
function reword(rand, question) {
  let text = question.replace(/[？?]$/u, '');
  if (rand() < 0.5) text = text.replace('怎么', pick(rand, ['如何', '怎样', '咋'])).replace('在哪里', pick(rand, ['在哪儿', '在哪']));
  const greeting = pick(rand, ['请问', '你好，', '您好，请问', '']);
  return greeting + text;
}

/**
 * `n` questions in a fixed order: QA_MIX of loaded entries (as written and reworded) and platform help,
 * the rest unknown. Each knows what a right reply is.
 */
export function qaQueries(entries, n, seed) {
  const rand = seededRandom(seed);
  const queries = [];
  for (let i = 0; i < n; i++) {
    const x = rand();
    if (x < QA_MIX.entry + QA_MIX.reworded) {
      const e = pick(rand, entries);
      const reworded = x >= QA_MIX.entry;
      queries.push({ kind: reworded ? 'reworded' : 'entry', text: reworded ? reword(rand, e.question) : e.question, answer: e.answer });
    } else if (x < QA_MIX.entry + QA_MIX.reworded + QA_MIX.help) {
      queries.push({ kind: 'help', text: pick(rand, HELP_QUESTIONS) });
    } else {
      queries.push({ kind: 'unknown', text: pick(rand, UNKNOWN_QUESTIONS) });
    }
  }
  return queries;
}

// ---- asking -------------------------------------------------------------------------------------------

/** POST /chat on the bot's endpoint; the replies' texts, one string. */
export function chatClient(base) {
  return async (from, text) => {
    const res = await fetch(`${base}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, text }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await res.text();
    if (res.status !== 200) throw new BenchError(`POST /chat answered ${res.status}: ${body.slice(0, 300)}`);
    return JSON.parse(body).replies.map((r) => r.text ?? '').join('\n');
  };
}

/** The reply is this entry's answer (the bot adds the course's name below it). */
export const answersWith = (reply, answer) => reply.startsWith(answer);

function judge(query, reply) {
  if (reply === '' || reply.startsWith(FAILED)) {
    throw new BenchError(`qa: the bot ${reply ? 'failed on' : 'said nothing to'} "${query.text}"${reply ? `: ${reply.slice(0, 200)}` : ''}`);
  }
  const confident = !reply.startsWith(NOT_CONFIDENT);
  let right;
  if (query.kind === 'help') right = confident && !reply.includes(FROM_COURSE);
  else if (query.kind === 'unknown') right = !confident;
  else right = answersWith(reply, query.answer);
  return { confident, right };
}

/**
 * Asks every query, `concurrency` at a time, each worker as a learner of its own (the bot handles one
 * conversation's messages in order, so workers sharing a contact would wait for each other). The time of
 * one question is from sending POST /chat until its replies arrived.
 */
export async function askAll({ chat, queries, concurrency, contactPrefix, check }) {
  const results = new Array(queries.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queries.length) }, async (_, w) => {
      const from = { id: `${contactPrefix}-${w}`, name: `学员${w + 1}` };
      while (next < queries.length) {
        const i = next++;
        const t0 = performance.now();
        let reply;
        try {
          reply = await chat(from, queries[i].text);
        } catch (err) {
          check();
          throw err;
        }
        results[i] = { ms: performance.now() - t0, ...judge(queries[i], reply) };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const times = results.map((r) => r.ms);
  const byKind = {};
  results.forEach((r, i) => {
    const k = (byKind[queries[i].kind] ??= { asked: 0, confident: 0, right: 0, times: [] });
    k.asked++;
    k.confident += r.confident ? 1 : 0;
    k.right += r.right ? 1 : 0;
    k.times.push(r.ms);
  });
  return {
    requests: results.length,
    concurrency,
    seconds,
    rps: results.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: Math.max(...times),
    confidentShare: results.filter((r) => r.confident).length / results.length,
    byKind,
  };
}
