// The editor's gutter of threads: while a program runs, a dot in each live thread's hue on the
// line it is at, named in the dot's title. The page hands over the whole table each time it
// changes (see positions.js), at most ten times a second.
import { EditorView, gutter, GutterMarker, RangeSet, StateEffect, StateField } from '../../lib/codemirror.js';
import { taskHue } from './task-hue.js';

/** @typedef {{ task: number, thread: string, line: number }} ThreadPlace */

/** Dots drawn on one line; more threads there are counted after them. */
const DOTS_PER_LINE = 3;

/** @type {import('@codemirror/state').StateEffectType<ThreadPlace[]>} */
const setPlaces = StateEffect.define();

class ThreadsMarker extends GutterMarker {
  /** @param {ThreadPlace[]} places the threads on this line */
  constructor(places) {
    super();
    this.places = places;
  }

  /** @param {ThreadsMarker} other */
  eq(other) {
    return (
      other.places.length === this.places.length &&
      other.places.every((place, i) => place.task === this.places[i].task)
    );
  }

  toDOM() {
    const marker = document.createElement('span');
    marker.className = 'cm-thread-marks';
    marker.title = this.places.map((place) => place.thread).join(', ');
    for (const place of this.places.slice(0, DOTS_PER_LINE)) {
      const dot = document.createElement('span');
      dot.className = 'cm-thread-dot';
      dot.style.setProperty('--task-hue', String(taskHue(place.task)));
      marker.append(dot);
    }
    const more = this.places.length - DOTS_PER_LINE;
    if (more > 0) marker.append(`+${more}`);
    return marker;
  }
}

/** The markers, by line; replaced whole by each `setPlaces`. */
const marks = StateField.define({
  create: () => RangeSet.empty,
  update(value, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setPlaces)) value = markersFor(transaction.state.doc, effect.value);
    }
    return transaction.docChanged ? value.map(transaction.changes) : value;
  },
});

/**
 * @param {import('@codemirror/state').Text} doc
 * @param {ThreadPlace[]} places
 */
function markersFor(doc, places) {
  /** @type {Map<number, ThreadPlace[]>} */
  const byLine = new Map();
  for (const place of places) {
    if (place.line < 1 || place.line > doc.lines) continue;
    byLine.set(place.line, [...(byLine.get(place.line) ?? []), place]);
  }
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  return RangeSet.of(lines.map((line) => new ThreadsMarker(byLine.get(line)).range(doc.line(line).from)));
}

/** The gutter and its theme: the extension to add to an editor. */
export const threadMarks = [
  marks,
  gutter({
    class: 'cm-thread-gutter',
    markers: (view) => view.state.field(marks),
    initialSpacer: () => new ThreadsMarker([]),
  }),
  EditorView.theme({
    '.cm-thread-gutter': { minWidth: '14px' },
    '.cm-thread-marks': { display: 'inline-flex', alignItems: 'center', gap: '2px', fontSize: '10px' },
    '.cm-thread-dot': {
      width: '8px',
      height: '8px',
      borderRadius: '50%',
      backgroundColor: 'hsl(var(--task-hue) 65% 50%)',
    },
  }),
];

/**
 * Shows where each thread is (an empty list clears the marks).
 * @param {EditorView} view
 * @param {ThreadPlace[]} places
 */
export function showThreadPlaces(view, places) {
  view.dispatch({ effects: setPlaces.of(places) });
}
