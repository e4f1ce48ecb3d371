/** The term every plain number becomes: the value of a number says nothing about difficulty, its presence may. */
export const NUMBER_TERM = '#num';
