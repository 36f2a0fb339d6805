// Taro's preset: React + TypeScript; no hot reload, builds here are one-off.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }]],
};
