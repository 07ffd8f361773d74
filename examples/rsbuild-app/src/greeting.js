export const greeting = '__GREETING_WORLD__';
