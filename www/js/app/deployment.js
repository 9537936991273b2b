// How this copy of the site is deployed. `./build.sh dist` replaces this file in dist/ with
// one that says `true`: only the static build registers the service worker (sw.js), so the
// local server, which sends the headers itself, always serves fresh files.
export const STATIC_BUILD = false;
