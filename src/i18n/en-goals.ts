/** English strings of the <ipt-goal-checklist> element. */
export const goals = {
  label: 'Treatment goals',
};
