export default definePageConfig({ navigationBarTitleText: '我送出的礼物' });
