export default {
  theme: 'dark',
  notifications: true,
};
