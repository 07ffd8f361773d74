export const note = 'loaded on demand';
