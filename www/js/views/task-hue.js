// Each task (a program's thread) has a hue of its own, the same in the log and in the editor's
// marks of where threads are.

/** The golden angle: neighbouring tasks get hues far apart, however many there are. */
const HUE_STEP_DEGREES = 137.5;

/**
 * @param {number} task numbered from 1
 * @returns {number} the task's hue, in degrees
 */
export function taskHue(task) {
  return ((task - 1) * HUE_STEP_DEGREES) % 360;
}
