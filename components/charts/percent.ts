/**
 * A chart coordinate as a percentage of its plot, to a hundredth of a percent: finer than
 * a pixel on any screen, and each coordinate is sent twice (in the HTML and again in the
 * RSC payload), so `69.93%` rather than `69.92892290869327%`.
 */
export const percent = (value: number): string => `${Math.round(value * 100) / 100}%`;
