import { defineConfig } from '@tarojs/cli';
import { livePluginDeclaration } from './live-plugin';

/**
 * One Taro config for both targets. The API's address is fixed at build time for weapp (a mini-program
 * must name its server); the H5 app is served by the API itself, so it calls its own origin.
 */
export default defineConfig<'webpack5'>(() => ({
  projectName: 'knowpay',
  date: '2026-11-26',
  designWidth: 375,
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  plugins: [],
  defineConstants: {
    API_BASE: JSON.stringify(process.env.TARO_ENV === 'h5' ? '' : (process.env.KNOWPAY_API_BASE ?? 'http://127.0.0.1:3000')),
    // The live plugin's declaration in a weapp build with TARO_APP_WECHAT_LIVE_PLUGIN=1, else null: app.config
    // declares it from this, and the pages open the plugin only when it is there.
    WECHAT_LIVE_PLUGINS: JSON.stringify(livePluginDeclaration()),
  },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  logger: { quiet: true, stats: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
    optimizeMainPackage: { enable: true },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'browser' },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
    // The console's charts (ECharts, zrender) in one chunk of their own, loaded by the console pages
    // that draw charts: not once per page, and never with the store's first load. Taro splits only the
    // first load's chunks; code that several lazily loaded pages share (the components, strings, the API
    // client) goes into shared chunks too, instead of into every page's chunk again.
    webpackChain(chain) {
      chain.optimization.merge({
        splitChunks: {
          cacheGroups: {
            charts: { test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, name: 'charts', chunks: 'async', priority: 30, enforce: true },
            pagesShared: { chunks: 'async', minChunks: 2, minSize: 20_000, priority: 5, reuseExistingChunk: true },
          },
        },
      });
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
}));
