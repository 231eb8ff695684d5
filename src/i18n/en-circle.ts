/** English strings of the <ipt-relationship-circle> element. */
export const circle = {
  label: 'Interpersonal inventory',
};
