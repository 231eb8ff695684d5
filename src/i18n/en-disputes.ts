/** English strings of the <ipt-dispute-tracker> element. */
export const disputes = {
  label: 'Role disputes',
};
