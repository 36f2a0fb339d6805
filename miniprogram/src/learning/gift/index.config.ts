export default definePageConfig({ navigationBarTitleText: '赠送课程' });
